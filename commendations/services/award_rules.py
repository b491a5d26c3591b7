"""The rules of deliberation of a cluster-year: created from ``tally.default_rules()`` (through
each catalogue entry's ``default_rule``) or copied from an earlier year, then edited by the
secretariat until the first voting session of the year opens."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction

from cluster.models import Cluster, User
from commendations import legal_texts, tally
from commendations.models import AwardForm, AwardRule, SessionStatus, VotingSession
from commendations.services._common import CommendationError, require_manage, save

RULE_FIELDS = ("threshold_percent", "base", "quorum_percent", "quota_percent", "quota_of",
               "quota_rounding", "tie_break", "women_share_percent", "threshold_source",
               "quorum_source", "quota_source", "tie_break_source", "is_illustrative")


def rules_locked_reason(*, cluster: Cluster, year: int) -> str | None:
    """Why the year's rules can no longer change (a session has opened), or None."""
    started = VotingSession.objects.filter(cluster=cluster, year=year).exclude(
        status=SessionStatus.DRAFT).exists()
    if started:
        return (f"Đã mở bỏ phiếu bình xét năm {year}: quy tắc bình xét của năm không sửa được "
                f"nữa.")
    return None


def _fields_from_default(rule: tally.AwardRule) -> dict:
    quota = rule.quota
    return {
        "threshold_percent": rule.threshold_percent, "base": rule.base,
        "quorum_percent": rule.quorum_percent,
        "quota_percent": quota.percent if quota else None,
        "quota_of": quota.of if quota else AwardRule.QuotaOf.LEADERS,
        "quota_rounding": quota.rounding if quota else AwardRule.Rounding.FLOOR,
        "tie_break": rule.tie_break, "women_share_percent": rule.women_share_percent,
        "threshold_source": rule.sources.get("threshold", ""),
        "quorum_source": rule.sources.get("quorum", ""),
        "quota_source": rule.sources.get("quota", ""),
        "tie_break_source": rule.sources.get("tie_break", ""),
    }


SOURCE_FIELDS = ("threshold_source", "quorum_source", "quota_source", "tie_break_source")


def _check(rule: AwardRule) -> None:
    try:
        rule.to_tally()
    except tally.TallyError as error:
        raise CommendationError(str(error)) from None
    day = legal_texts.rules_day(rule.year)
    for name in SOURCE_FIELDS:
        for text in legal_texts.not_yet_issued(getattr(rule, name), day):
            raise CommendationError(
                f"{text.number} chưa được ban hành vào ngày {day:%d/%m/%Y}: không thể là căn "
                f"cứ của quy tắc bình xét năm {rule.year}.")


def award_rules_create_for_year(
    *, cluster: Cluster, year: int, acting_user: User | None, copy_from_year: int | None = None,
    is_illustrative: bool = False,
) -> list[AwardRule]:
    """Create the year's missing rules: copied from ``copy_from_year``'s, or from the
    software's defaults for every active catalogue entry that names one. Existing rules of the
    year are left as they are."""
    require_manage(acting_user, cluster=cluster, year=year)
    with transaction.atomic():
        Cluster.objects.select_for_update().get(pk=cluster.pk)
        locked = rules_locked_reason(cluster=cluster, year=year)
        if locked:
            raise CommendationError(locked)
        have = set(AwardRule.objects.filter(cluster=cluster, year=year)
                   .values_list("award_id", flat=True))
        sources: list[tuple[AwardForm, dict]] = []
        if copy_from_year is not None:
            earlier = list(AwardRule.objects.filter(cluster=cluster, year=copy_from_year)
                           .select_related("award"))
            if not earlier:
                raise CommendationError(
                    f"Năm {copy_from_year} chưa có quy tắc bình xét để sao chép.")
            sources = [(r.award, {f: getattr(r, f) for f in RULE_FIELDS}) for r in earlier]
        else:
            defaults = tally.default_rules(legal_texts.rules_day(year))
            for award in AwardForm.objects.filter(is_active=True).exclude(default_rule=""):
                if award.default_rule in defaults:
                    fields = _fields_from_default(defaults[award.default_rule])
                    sources.append((award, {**fields, "is_illustrative": is_illustrative}))
        created = []
        for award, fields in sources:
            if award.pk in have:
                continue
            rule = AwardRule(cluster=cluster, year=year, award=award, updated_by=acting_user,
                             **fields)
            _check(rule)
            save(rule, acting_user=acting_user,
                 reason=f"Sao chép từ năm {copy_from_year}" if copy_from_year else
                 "Lập từ quy tắc mặc định")
            created.append(rule)
        if not created:
            raise CommendationError(_nothing_created(year, copied=copy_from_year is not None))
        return created


def _nothing_created(year: int, *, copied: bool) -> str:
    """Why no rule was created, said truly: an empty catalogue, no entry with a default rule,
    or every rule already there."""
    active = AwardForm.objects.filter(is_active=True)
    if not copied and not active.exists():
        return (f"Chưa có hình thức khen thưởng nào trong danh mục (hoặc không hình thức nào "
                f"đang dùng): thêm vào danh mục trước khi lập quy tắc năm {year}.")
    if not copied and not active.exclude(default_rule="").exists():
        return ("Chưa có hình thức khen thưởng nào trong danh mục có quy tắc mặc định: nhập quy "
                "tắc cho từng hình thức, hoặc chọn quy tắc mặc định cho hình thức trong danh mục.")
    return (f"Năm {year} đã có quy tắc cho mọi hình thức, danh hiệu có thể lập; không có quy "
            f"tắc mới.")


def award_rule_save(
    *, cluster: Cluster, year: int, award: AwardForm, acting_user: User | None,
    rule: AwardRule | None = None, **fields,
) -> AwardRule:
    """Create (``rule=None``) or change one award's rule of the year, before voting opens."""
    unknown = set(fields) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"award_rule_save: unknown fields {sorted(unknown)}")
    require_manage(acting_user, cluster=cluster, year=year)
    for name in SOURCE_FIELDS:
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    if fields.get("women_share_percent") is None:
        fields.pop("women_share_percent", None)
    try:
        with transaction.atomic():
            Cluster.objects.select_for_update().get(pk=cluster.pk)
            locked = rules_locked_reason(cluster=cluster, year=year)
            if locked:
                raise CommendationError(locked)
            if rule is None:
                rule = AwardRule(cluster=cluster, year=year, award=award,
                                 women_share_percent=Decimal(70))
            else:
                rule = AwardRule.objects.get(pk=rule.pk)
            for name, value in fields.items():
                setattr(rule, name, value)
            rule.updated_by = acting_user
            _check(rule)
            save(rule, acting_user=acting_user, reason="Sửa quy tắc bình xét")
            return rule
    except IntegrityError as exc:
        raise CommendationError("Cụm đã có quy tắc bình xét cho danh hiệu này trong năm.") \
            from exc
