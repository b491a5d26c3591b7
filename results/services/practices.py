"""Good practices and advanced examples (điển hình tiên tiến, cách làm hay): the seed article
names the lack of them as the cluster's first shortcoming, so adding one takes a title, a unit
and a description; the area, results and an evidence file are optional.

Both writes check everything before saving anything and raise ``ValidationError`` with
Vietnamese messages keyed by field. The evidence file is checked from its content
(``cluster.uploads``) and stored under a generated name; the user's name is kept apart for
display and download.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from cluster import selectors as cluster_selectors
from cluster import uploads
from cluster.history import save_with_history
from cluster.models import Cluster, Unit, User
from cluster.rules import YearScope
from results.models import GoodPractice, StateArea, UnitReport
from results.services.results import areas_ensure

TITLE_MAX = GoodPractice._meta.get_field("title").max_length
EVIDENCE_PREFIX = "evidence"


def _may_add(user: User | None, cluster: Cluster, year: int) -> bool:
    return user is None or user.has_perm("results.add_practice", YearScope(cluster, year))


def _may_change(user: User | None, practice: GoodPractice) -> bool:
    return user is None or user.has_perm("results.change_practice", practice)


def _may_act_for(user: User | None, cluster: Cluster, year: int, unit: Unit) -> bool:
    """The secretariat (and admins, and the demo loader) act for any member unit; a unit's
    staff only for their own."""
    if user is None or user.is_superuser:
        return True
    if cluster_selectors.user_is_secretariat(user=user, cluster=cluster, year=year):
        return True
    return user.unit_id == unit.pk


def _area_for_year(area: StateArea | None, cluster: Cluster, year: int) -> StateArea | None:
    """An area of the practice's own year: one chosen from another year's list (the form
    offers last year's list while this year has none) is matched by name."""
    if area is None or (area.cluster_id == cluster.pk and area.year == year):
        return area
    if area.cluster_id != cluster.pk:
        raise ValidationError({"area": "Lĩnh vực không thuộc cụm này."})
    by_name = {a.name: a for a in areas_ensure(cluster=cluster, year=year)}
    if area.name not in by_name:
        raise ValidationError({"area": f"Năm {year} không có lĩnh vực “{area.name}”."})
    return by_name[area.name]


TITLE_REQUIRED = "Vui lòng nhập tên điển hình, cách làm hay."
DESCRIPTION_REQUIRED = ("Vui lòng mô tả cách làm: làm gì, làm thế nào, để các đơn vị khác học "
                        "tập được.")


def _check(*, cluster: Cluster, year: int, unit: Unit | None, title: str, description: str,
           report: UnitReport | None, acting_user: User | None, source: str | None
           ) -> dict[str, str]:
    errors: dict[str, str] = {}
    if source is not None and source not in GoodPractice.Source.values:
        errors["source"] = "Nguồn không hợp lệ."
    if not title:
        errors["title"] = TITLE_REQUIRED
    elif len(title) > TITLE_MAX:
        errors["title"] = f"Tên quá dài ({len(title)} ký tự); tối đa {TITLE_MAX} ký tự."
    if not description:
        errors["description"] = DESCRIPTION_REQUIRED
    if unit is None:
        errors["unit"] = "Vui lòng chọn đơn vị."
    else:
        members = {u.pk for u in cluster_selectors.cluster_member_units(cluster=cluster,
                                                                        year=year)}
        if unit.pk not in members:
            errors["unit"] = f"{unit.name} không phải là thành viên của cụm năm {year}."
        elif not _may_act_for(acting_user, cluster, year, unit):
            errors["unit"] = "Chỉ được nhập cách làm hay của đơn vị mình."
    if report is not None and unit is not None and (
            report.unit_id != unit.pk or report.period.cluster_id != cluster.pk
            or report.period.year != year):
        errors["report"] = "Báo cáo không phải của đơn vị này trong năm này."
    return errors


def _validated(evidence) -> uploads.DetectedType | None:
    """What the evidence file really is, checked from its content; errors on ``evidence``."""
    if evidence is None:
        return None
    try:
        return uploads.validate_upload(evidence)
    except ValidationError as error:
        raise ValidationError({"evidence": error.messages}) from None


def _attach(practice: GoodPractice, evidence, detected: uploads.DetectedType) -> None:
    evidence.seek(0)
    practice.evidence_name = uploads.display_name(evidence.name or "", detected)
    practice.evidence.save(uploads.safe_upload_name(prefix=EVIDENCE_PREFIX, detected=detected),
                           evidence, save=False)


def _save(practice: GoodPractice, *, acting_user: User | None, stored: str, reason: str = ""
          ) -> None:
    """Save the row; a file stored for it is removed again if the row is refused."""
    try:
        # created_by is empty for what the demo loader or a script records.
        save_with_history(practice, acting_user=acting_user, reason=reason, exclude=["created_by"])
    except ValidationError:
        if stored:
            practice.evidence.storage.delete(stored)
        raise


def _discard_on_commit(storage, name: str) -> None:
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def good_practice_create(*, cluster: Cluster, year: int, unit: Unit | None, title: str,
                         description: str, acting_user: User | None,
                         area: StateArea | None = None, results: str = "",
                         source: str = GoodPractice.Source.REPORT,
                         report: UnitReport | None = None, evidence=None,
                         is_illustrative: bool = False) -> GoodPractice:
    """Record a good practice of ``unit`` in ``year``. ``evidence``: an uploaded file or
    None."""
    if not _may_add(acting_user, cluster, year):
        raise ValidationError("Bạn không có quyền thêm cách làm hay của cụm năm này.")
    title, description = (title or "").strip(), (description or "").strip()
    errors = _check(cluster=cluster, year=year, unit=unit, title=title,
                    description=description, report=report, acting_user=acting_user,
                    source=source)
    if errors:
        raise ValidationError(errors)
    detected = _validated(evidence)
    practice = GoodPractice(
        cluster=cluster, year=year, unit=unit, area=_area_for_year(area, cluster, year),
        title=title, description=description, results=(results or "").strip(),
        source=source, report=report, created_by=acting_user, is_illustrative=is_illustrative,
    )
    if detected is not None:
        _attach(practice, evidence, detected)
    _save(practice, acting_user=acting_user, stored=practice.evidence.name or "")
    return practice


@transaction.atomic
def good_practice_update(*, practice: GoodPractice, acting_user: User | None, unit: Unit | None,
                         title: str, description: str, area: StateArea | None = None,
                         results: str = "", source: str | None = None, evidence=None,
                         remove_evidence: bool = False) -> GoodPractice:
    """Change a practice; a new ``evidence`` file replaces the old one, ``remove_evidence``
    drops it. The replaced file is deleted from storage once the change is committed."""
    practice = GoodPractice.objects.select_for_update().select_related("cluster").get(
        pk=practice.pk)
    if not _may_change(acting_user, practice):
        raise ValidationError("Bạn không có quyền sửa cách làm hay này.")
    cluster, year = practice.cluster, practice.year
    title, description = (title or "").strip(), (description or "").strip()
    errors = _check(cluster=cluster, year=year, unit=unit, title=title,
                    description=description, report=None, acting_user=acting_user,
                    source=source)
    if evidence is not None and remove_evidence:
        errors["evidence"] = "Hãy chọn tệp mới hoặc bỏ chọn ô xóa, không làm cả hai."
    if errors:
        raise ValidationError(errors)
    detected = _validated(evidence)
    if practice.report_id and practice.report.unit_id != unit.pk:
        practice.report = None  # the report was the old unit's
    practice.unit = unit
    practice.area = _area_for_year(area, cluster, year)
    practice.title, practice.description = title, description
    practice.results = (results or "").strip()
    if source:
        practice.source = source
    old_name = practice.evidence.name if practice.evidence else ""
    storage = practice.evidence.storage
    stored = ""
    if detected is not None:
        _attach(practice, evidence, detected)
        stored = practice.evidence.name
        _discard_on_commit(storage, old_name)
    elif remove_evidence and old_name:
        practice.evidence = ""
        practice.evidence_name = ""
        _discard_on_commit(storage, old_name)
    _save(practice, acting_user=acting_user, stored=stored, reason="Sửa cách làm hay")
    return practice


__all__ = [
    "DESCRIPTION_REQUIRED", "EVIDENCE_PREFIX", "TITLE_MAX", "TITLE_REQUIRED",
    "good_practice_create", "good_practice_update",
]
