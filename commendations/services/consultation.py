"""Public consultation (lấy ý kiến nhân dân, issue #16 part 5): the secretariat publishes the
nominees for the period the law requires (``ConsultationRule``, data with its article), anyone
sends a comment while it is open (limited per address through Django's cache), and the
secretariat handles each comment once: published on the public page, or not, with a note."""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cluster.models import Cluster, User
from cluster.text import clean_user_text
from commendations import consultation_selectors as selectors
from commendations.consultation_rules import working_days
from commendations.models import CommentStatus, Consultation, Nomination, PublicComment
from commendations.services._common import CommendationError, require_manage, save
from notifications.kinds import Kind
from notifications.services import notify

__all__ = [
    "COMMENT_LIMIT_DEFAULT", "COMMENT_WINDOW_DEFAULT", "comment_moderate", "comment_submit",
    "consultation_publish", "consultation_required_days", "ip_fingerprint",
]

COMMENT_LIMIT_DEFAULT = 5  # comments from one address ...
COMMENT_WINDOW_DEFAULT = 60 * 60  # ... per hour (settings: CONSULTATION_COMMENT_LIMIT/_WINDOW)
NO_RULE = ("Không hình thức nào trong danh sách bắt buộc lấy ý kiến nhân dân theo quy định "
           "đang áp dụng; cụm tự công khai để lấy ý kiến.")


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def _last_day(closes_at: datetime.datetime) -> datetime.date:
    """The last day comments are taken: closing at 00:00 leaves the day before as the last
    (``Consultation.last_day``)."""
    return _local_date(closes_at - datetime.timedelta(microseconds=1))


def consultation_required_days(*, nominations, day: datetime.date):
    """(working days required, the rules that require them) for these nominations' awards on
    ``day``; (0, []) when none of them must be shown to the public."""
    rules = selectors.rules_in_force(award_codes={n.award.code for n in nominations}, day=day)
    ordered = sorted(rules.values(), key=lambda r: (-r.days, r.award_code))
    return (ordered[0].days if ordered else 0), ordered


@transaction.atomic
def consultation_publish(*, cluster: Cluster, year: int, title: str, nominations,
                         opens_at: datetime.datetime, closes_at: datetime.datetime,
                         acting_user: User | None, is_illustrative: bool = False
                         ) -> Consultation:
    """Publish the nominees on the public page. Refuses a period shorter than the working
    days the rule in force on the opening day requires for any of their awards."""
    require_manage(acting_user, cluster=cluster, year=year)
    nominations = list(nominations)
    if not nominations:
        raise CommendationError("Chọn ít nhất một đề nghị khen thưởng để công khai.")
    allowed = set(selectors.year_nominations(cluster=cluster, year=year)
                  .values_list("pk", flat=True))
    if any(n.pk not in allowed for n in nominations):
        raise CommendationError("Chỉ công khai được đề nghị của các phiên bình xét trong năm.")
    if closes_at <= opens_at:
        raise CommendationError("Thời điểm hết hạn phải sau thời điểm bắt đầu nhận ý kiến.")
    if acting_user is not None and closes_at <= timezone.now():
        raise CommendationError("Thời hạn nhận ý kiến đã qua; chọn thời hạn trong tương lai.")
    required, rules = consultation_required_days(nominations=nominations,
                                                 day=_local_date(opens_at))
    have = working_days(_local_date(opens_at), _last_day(closes_at))
    if have < required:
        rule = rules[0]
        raise CommendationError(
            "Thời gian lấy ý kiến chỉ có %(have)d ngày làm việc; %(award)s phải công khai ít "
            "nhất %(days)d ngày làm việc (%(source)s)." % {
                "have": have, "award": rule.award_name, "days": required,
                "source": rule.source})
    sources = list(dict.fromkeys(rule.source for rule in rules))
    consultation = Consultation(
        cluster=cluster, year=year, title=clean_user_text(title or "").strip(),
        opens_at=opens_at, closes_at=closes_at, required_days=required,
        legal_source="\n".join(sources) if sources else NO_RULE, published_by=acting_user,
        is_illustrative=is_illustrative)
    if is_illustrative:
        consultation.published_at = opens_at
    save(consultation, acting_user=acting_user, reason="Công khai để lấy ý kiến nhân dân")
    consultation.nominations.set(nominations)
    return consultation


def ip_fingerprint(ip: str | None) -> str:
    """A keyed hash of the address (never the address itself): the same address gives the
    same value, which cannot be turned back into the address without the server's key."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"consultation:{ip or '-'}".encode(), hashlib.sha256).hexdigest()


def _limit() -> tuple[int, int]:
    return (getattr(settings, "CONSULTATION_COMMENT_LIMIT", COMMENT_LIMIT_DEFAULT),
            getattr(settings, "CONSULTATION_COMMENT_WINDOW", COMMENT_WINDOW_DEFAULT))


def _rate_key(fingerprint: str) -> str:
    return f"consultation-comments:{fingerprint}"


@transaction.atomic
def comment_submit(*, consultation: Consultation, text: str, ip: str | None,
                   author_name: str = "", contact: str = "",
                   nomination: Nomination | None = None,
                   now: datetime.datetime | None = None, is_illustrative: bool = False
                   ) -> PublicComment:
    """A comment from the public page, pending until the secretariat handles it. Refused
    outside the period, and after ``CONSULTATION_COMMENT_LIMIT`` comments from one address
    within ``CONSULTATION_COMMENT_WINDOW`` seconds. Tells the secretariat."""
    now = now or timezone.now()
    if now < consultation.opens_at:
        raise CommendationError("Chưa đến thời gian nhận ý kiến.")
    if consultation.has_closed(now):
        raise CommendationError("Đã hết thời gian nhận ý kiến; không nhận thêm ý kiến.")
    if nomination is not None and not consultation.nominations.filter(pk=nomination.pk).exists():
        raise CommendationError("Đề nghị được góp ý không có trong danh sách công khai.")
    fingerprint = ip_fingerprint(ip)
    limit, window = _limit()
    key = _rate_key(fingerprint)
    # No address: not from the public page (the demo, a comment received on paper and typed in
    # by the system): no rate limit, which counts the page's visitors.
    if ip is not None and (cache.get(key) or 0) >= limit:
        raise CommendationError(
            "Bạn đã gửi %(n)d ý kiến trong thời gian ngắn. Vui lòng gửi lại sau %(m)d phút."
            % {"n": limit, "m": max(1, window // 60)})
    comment = PublicComment(consultation=consultation, nomination=nomination,
                            author_name=clean_user_text(author_name or "").strip(),
                            contact=clean_user_text(contact or "").strip(),
                            text=clean_user_text(text or "").strip(), submitted_at=now,
                            ip_hash=fingerprint, is_illustrative=is_illustrative)
    save(comment, acting_user=None, reason="Ý kiến gửi từ trang công khai")
    if ip is not None and not cache.add(key, 1, timeout=window):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window)
    about = f" về {nomination.candidate_name}" if nomination else ""
    url = reverse("commendations:consultation-detail",
                  kwargs={"slug": consultation.cluster.slug, "year": consultation.year,
                          "pk": consultation.pk})
    recipients = selectors.consultation_secretariat(cluster=consultation.cluster,
                                                    year=consultation.year)
    notify(kind=Kind.CONSULTATION_COMMENT, recipients=[*recipients, consultation.published_by],
           key=f"consultation:{consultation.pk}:comment:{comment.pk}",
           title=f"Ý kiến mới{about} — {consultation.title}",
           body="Có ý kiến mới gửi từ trang lấy ý kiến nhân dân, chờ xử lý trước khi công khai.",
           url=url, cluster=consultation.cluster)
    return comment


@transaction.atomic
def comment_moderate(*, comment: PublicComment, publish: bool, note: str,
                     acting_user: User | None, now: datetime.datetime | None = None
                     ) -> PublicComment:
    """Handle a pending comment once: publish it on the public page, or not (a note says
    why). A comment handled already is refused (two clicks, two tabs)."""
    consultation = comment.consultation
    require_manage(acting_user, cluster=consultation.cluster, year=consultation.year)
    locked = PublicComment.objects.select_for_update().get(pk=comment.pk)
    if locked.status != CommentStatus.PENDING:
        raise CommendationError("Ý kiến này đã được xử lý: %s." % locked.get_status_display())
    note = clean_user_text(note or "").strip()
    if not publish and not note:
        raise CommendationError("Ghi rõ lý do không tiếp nhận ý kiến.")
    locked.status = CommentStatus.PUBLISHED if publish else CommentStatus.DISMISSED
    locked.moderation_note = note
    locked.moderated_by = acting_user
    locked.moderated_at = now or timezone.now()
    save(locked, acting_user=acting_user, reason=locked.get_status_display())
    return locked
