"""Campaigns of a cluster-year and their milestones."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction

from campaigns import selectors
from campaigns.models import Campaign, LegalDocument, Milestone
from cluster.history import delete_with_history, save_with_history
from cluster.models import Cluster, User
from cluster.permissions import require
from cluster.rules import YearScope
from cluster.text import short_date

#: The standard milestones a campaign form offers, in the order of the yearly cycle.
STANDARD_MILESTONES = [k for k in Milestone.Kind if k != Milestone.Kind.OTHER]

FIELDS = ("kind", "name", "motto", "goals", "content", "starts_on", "ends_on",
          "plan_document", "is_illustrative")


def _check_documents(cluster: Cluster, documents: Iterable[LegalDocument], field: str) -> None:
    foreign = [d for d in documents if d is not None and d.cluster_id != cluster.pk]
    if foreign:
        raise ValidationError({field: "Văn bản được chọn không thuộc sổ văn bản của cụm."})


def _check_bases_dated(plan: LegalDocument | None, bases: Iterable[LegalDocument]) -> None:
    """A plan cites only what was issued on its date (issue #15): a basis issued after the
    plan is refused."""
    if plan is None:
        return
    later = [d for d in bases if not d.citable_on(plan.issued_on)]
    if later:
        raise ValidationError({"legal_bases": (
            "Kế hoạch %(plan)s ban hành ngày %(day)s không thể lấy làm căn cứ văn bản ban "
            "hành sau ngày đó: %(later)s.") % {
                "plan": plan.number_symbol, "day": short_date(plan.issued_on),
                "later": "; ".join(f"{d.number_symbol} ({short_date(d.issued_on)})"
                                   for d in later)}})


def _check_dates(campaign: Campaign) -> None:
    if campaign.starts_on and campaign.ends_on and campaign.ends_on < campaign.starts_on:
        raise ValidationError({"ends_on": "Ngày kết thúc phải không trước ngày bắt đầu."})
    if (campaign.kind == Campaign.Kind.REGULAR and campaign.starts_on
            and campaign.starts_on.year != campaign.year):
        raise ValidationError(
            {"starts_on": "Phong trào thường xuyên năm %(year)s phải bắt đầu trong năm "
                          "%(year)s." % {"year": campaign.year}}
        )


def _set_milestones(campaign: Campaign, dates: Mapping[str, datetime.date | None],
                    acting_user: User | None) -> None:
    """Create, move or remove the standard milestones from ``{kind: date or None}``. A
    deadline that a reporting period owns (``selectors.milestone_fixed_dates``) is that
    period's: another date is refused, and the regular campaign always shows it."""
    fixed = selectors.milestone_fixed_dates(cluster=campaign.cluster, year=campaign.year)
    dates = dict(dates)
    for kind, day in fixed.items():
        given = dates.get(kind)
        if given is not None and given != day:
            raise ValidationError({"__all__": (
                "“%(label)s” là hạn nộp của kỳ báo cáo (%(day)s); đổi hạn ở trang Kỳ báo cáo."
            ) % {"label": Milestone.Kind(kind).label, "day": short_date(day)}})
        if given is not None or campaign.kind == Campaign.Kind.REGULAR:
            dates[kind] = day
    existing = {m.kind: m for m in campaign.milestones.exclude(kind=Milestone.Kind.OTHER)}
    for kind, due_on in dates.items():
        if kind not in STANDARD_MILESTONES:
            raise ValidationError({"__all__": f"Loại mốc thời gian “{kind}” không hợp lệ."})
        milestone = existing.get(kind)
        if due_on is None:
            if milestone is not None:
                delete_with_history(milestone, acting_user=acting_user)
            continue
        if milestone is None:
            milestone = Milestone(campaign=campaign, kind=kind)
        elif milestone.due_on == due_on:
            continue
        milestone.due_on = due_on
        save_with_history(milestone, acting_user=acting_user)


def _apply(campaign: Campaign, *, legal_bases, milestones, acting_user, reason) -> Campaign:
    if not (campaign.name or "").strip():
        raise ValidationError({"name": "Vui lòng nhập tên phong trào."})
    campaign.name = campaign.name.strip()
    _check_dates(campaign)
    _check_documents(campaign.cluster, [campaign.plan_document], "plan_document")
    if legal_bases is not None:
        _check_documents(campaign.cluster, legal_bases, "legal_bases")
    _check_bases_dated(campaign.plan_document,
                       legal_bases if legal_bases is not None
                       else (campaign.legal_bases.all() if campaign.pk else []))
    save_with_history(campaign, acting_user=acting_user, reason=reason)
    if legal_bases is not None:
        campaign.legal_bases.set(legal_bases)
    if milestones is not None:
        _set_milestones(campaign, milestones, acting_user)
    return campaign


@transaction.atomic
def campaign_create(
    *,
    cluster: Cluster,
    year: int,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    kind: str = Campaign.Kind.REGULAR,
    motto: str = "",
    goals: str = "",
    content: str = "",
    plan_document: LegalDocument | None = None,
    legal_bases: Iterable[LegalDocument] = (),
    milestones: Mapping[str, datetime.date | None] | None = None,
    is_illustrative: bool = False,
    acting_user: User | None,
) -> Campaign:
    """Create a campaign with its legal bases and standard milestones (``{kind: date}``)."""
    require(acting_user, "campaigns.manage_year", YearScope(cluster, year))
    campaign = Campaign(
        cluster=cluster, year=year, kind=kind, name=name, motto=motto.strip(),
        goals=goals.strip(), content=content.strip(), starts_on=starts_on, ends_on=ends_on,
        plan_document=plan_document, is_illustrative=is_illustrative,
    )
    return _apply(campaign, legal_bases=list(legal_bases), milestones=milestones or {},
                  acting_user=acting_user, reason="Tạo phong trào thi đua")


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    legal_bases: Iterable[LegalDocument] | None = None,
    milestones: Mapping[str, datetime.date | None] | None = None,
    acting_user: User | None,
    **fields,
) -> Campaign:
    """Change the named fields (see ``FIELDS``), the legal bases and the standard milestones
    (a kind mapped to None removes that milestone)."""
    require(acting_user, "campaigns.manage_year", YearScope(campaign.cluster, campaign.year))
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"campaign_update: unknown fields {sorted(unknown)}")
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    for name, value in fields.items():
        setattr(campaign, name, value.strip() if isinstance(value, str) else value)
    return _apply(campaign, legal_bases=None if legal_bases is None else list(legal_bases),
                  milestones=milestones, acting_user=acting_user,
                  reason="Sửa phong trào thi đua")


@transaction.atomic
def milestone_add(
    *,
    campaign: Campaign,
    title: str,
    due_on: datetime.date,
    note: str = "",
    acting_user: User | None,
) -> Milestone:
    """Add a milestone outside the standard ones ("Mốc khác")."""
    require(acting_user, "campaigns.manage_year", YearScope(campaign.cluster, campaign.year))
    if not title.strip():
        raise ValidationError({"title": "Vui lòng nhập tên mốc thời gian."})
    milestone = Milestone(campaign=campaign, kind=Milestone.Kind.OTHER, title=title.strip(),
                          due_on=due_on, note=note.strip())
    save_with_history(milestone, acting_user=acting_user, reason="Thêm mốc thời gian")
    return milestone


@transaction.atomic
def milestone_set_done(
    *, milestone: Milestone, done_on: datetime.date | None, acting_user: User | None
) -> Milestone:
    """Mark a milestone done on ``done_on`` (None: not done any more)."""
    campaign = milestone.campaign
    require(acting_user, "campaigns.manage_year", YearScope(campaign.cluster, campaign.year))
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if done_on is not None and done_on.year < milestone.campaign.year:
        raise ValidationError(
            {"done_on": "Ngày hoàn thành không thể trước năm của phong trào."}
        )
    milestone.done_on = done_on
    save_with_history(milestone, acting_user=acting_user,
         reason="Đánh dấu hoàn thành" if done_on else "Bỏ đánh dấu hoàn thành")
    return milestone


@transaction.atomic
def milestone_follow_deadline(
    *, cluster: Cluster, year: int, kind: str, due_on: datetime.date, acting_user: User | None
) -> list[Milestone]:
    """The milestones of ``kind`` (a deadline of ``selectors.DEADLINE_KINDS``) in the year's
    campaigns move to ``due_on``, the deadline of the reporting period that owns them: a
    period's deadline is one date, shown as its milestone (issue #13). ``results`` calls it
    when a period is created or its deadline changes; when no campaign has the milestone yet,
    the regular campaign gets it (none without a regular campaign: ``_set_milestones`` adds it
    when the campaign is made)."""
    require(acting_user, "campaigns.manage_year", YearScope(cluster, year))
    if kind not in selectors.DEADLINE_KINDS:
        raise ValueError(f"milestone_follow_deadline: {kind!r} is not a deadline")
    rows = list(Milestone.objects.select_for_update()
                .filter(campaign__cluster=cluster, campaign__year=year, kind=kind))
    if not rows:
        regular = Campaign.objects.filter(cluster=cluster, year=year,
                                          kind=Campaign.Kind.REGULAR).first()
        rows = [Milestone(campaign=regular, kind=kind)] if regular is not None else []
    for milestone in rows:
        if milestone.pk is not None and milestone.due_on == due_on:
            continue
        milestone.due_on = due_on
        save_with_history(milestone, acting_user=acting_user,
                          reason="Theo hạn nộp của kỳ báo cáo")
    return rows
