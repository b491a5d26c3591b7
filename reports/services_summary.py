"""Writes of the secretariat's draft of a period's report (sơ kết, tổng kết): each section
(``SummarySection``) starts from the text the app composed from the data
(``kinds.summary.composed_sections``) and is edited in the app before the report is issued.

Every save is checked against the version the editor started from (``expected_version``),
under a row lock: a second person's save made meanwhile is never overwritten; the refusal
says so, and the view keeps what was typed. Every change is in the section's history (who,
when, why). Issuing (``services.document_issue``) reads the sections into the snapshot it
freezes, so the issued document holds exactly the edited text."""

from __future__ import annotations

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cluster.history import save_with_history
from cluster.models import User
from cluster.permissions import require
from cluster.rules import YearScope
from results.models import ReportingPeriod

from .kinds.summary import composed_sections
from .models import SummarySection

STALE = ("Mục này vừa được %(who)s lưu lúc %(when)s, sau khi anh/chị mở trang sửa. Nội dung "
         "anh/chị vừa nhập vẫn còn trong ô dưới đây: hãy đối chiếu với bản mới nhất (mở trang "
         "ở thẻ khác), chỉnh lại rồi lưu lần nữa.")
STALE_NEW = ("Mục này vừa được người khác lưu trước anh/chị. Nội dung anh/chị vừa nhập vẫn "
             "còn trong ô dưới đây: hãy đối chiếu với bản mới nhất rồi lưu lần nữa.")


def _require(period: ReportingPeriod, acting_user: User) -> None:
    require(acting_user, "reports.prepare_documents", YearScope(period.cluster, period.year))


def _key(key: str) -> str:
    if key not in SummarySection.Key.values:
        raise ValidationError("Mục không có trong báo cáo.", code="unknown_section")
    return key


def _stale(row: SummarySection | None) -> ValidationError:
    if row is None or row.updated_at is None:
        return ValidationError({"text": STALE_NEW}, code="stale")
    who = row.updated_by.display_name if row.updated_by else "người khác"
    when = timezone.localtime(row.updated_at).strftime("%H:%M ngày %d/%m/%Y")
    return ValidationError({"text": STALE % {"who": who, "when": when}}, code="stale")


def _write(*, period: ReportingPeriod, key: str, text: str, expected_version: int,
           acting_user: User, reason: str) -> SummarySection:
    first = False
    try:
        with transaction.atomic():
            row = (SummarySection.objects.select_for_update(of=("self",))
                   .select_related("updated_by").filter(period=period, key=key).first())
            current = row.version if row is not None else 0
            if current != expected_version:
                raise _stale(row)
            if row is None:
                first = True
                row = SummarySection(period=period, key=key)
            row.text = text
            row.version = current + 1
            row.updated_by = acting_user
            row.updated_at = timezone.now()
            save_with_history(row, acting_user=acting_user, reason=reason)
    except IntegrityError:  # two first saves of one section at once: the other one won
        raise _stale(None) from None
    except ValidationError as error:
        # the same race seen by full_clean: the other first save committed between our read
        # and our uniqueness check
        errors = getattr(error, "error_dict", {}).get(NON_FIELD_ERRORS, [])
        if first and any(e.code in ("unique", "unique_together") for e in errors):
            raise _stale(None) from None
        raise
    return row


def summary_draft_start(*, period: ReportingPeriod, acting_user: User,
                        day: datetime.date | None = None) -> list[SummarySection]:
    """Start the draft: every section not edited yet gets the text composed from the data of
    ``day`` (today), so that the secretariat edits from it and what it edits no longer moves
    with the data. Sections already started are left as they are."""
    _require(period, acting_user)
    composed = composed_sections(period, day=day or timezone.localdate())
    with transaction.atomic():
        started = set(SummarySection.objects.select_for_update().filter(period=period)
                      .values_list("key", flat=True))
        for key in SummarySection.Key.values:
            if key in started:
                continue
            row = SummarySection(period=period, key=key, text=composed[key], version=1,
                                 updated_by=acting_user, updated_at=timezone.now())
            save_with_history(row, acting_user=acting_user,
                              reason="Bắt đầu soạn từ nội dung tổng hợp theo số liệu")
    return list(SummarySection.objects.filter(period=period))


def summary_section_save(*, period: ReportingPeriod, key: str, text: str,
                         expected_version: int, acting_user: User) -> SummarySection:
    """Save the secretariat's text of one section (plain paragraphs and "- " lists; printed as
    typed, never read as markup). Refused when someone saved the section since
    ``expected_version`` was read (the caller keeps the text typed)."""
    _require(period, acting_user)
    return _write(period=period, key=_key(key), text=(text or "").strip(),
                  expected_version=expected_version, acting_user=acting_user,
                  reason="Sửa nội dung")


def summary_section_reset(*, period: ReportingPeriod, key: str, expected_version: int,
                          acting_user: User, day: datetime.date | None = None
                          ) -> SummarySection:
    """Put back the text composed from the data of ``day`` (today); the edited text stays in
    the history."""
    _require(period, acting_user)
    key = _key(key)
    composed = composed_sections(period, day=day or timezone.localdate())[key]
    return _write(period=period, key=key, text=composed, expected_version=expected_version,
                  acting_user=acting_user, reason="Đặt lại theo nội dung tổng hợp từ số liệu")
