"""Reads of the campaigns app. Views, the dashboard panel and the apps above (pledges,
commendations, reports) read through these functions only.

Public API for other apps:

- ``campaign_for(cluster, year)``: the cluster's regular campaign of the year (or None);
- ``campaign_list(cluster, year)``, ``milestone_list(campaign)``;
- ``conference_list(cluster, year, kind=None)``: ``kind="ky_ket"`` also returns the
  conferences that combine another kind with the pledge signing;
- ``conference_get(cluster, year, pk)``, ``delegate_list(conference)``,
  ``conference_hosts(conference)`` (co-hosts with their role that year);
- ``document_list(cluster)``, ``citation(document, with_subject=False)``;
- ``criteria_tree(cluster, year)``: rows in natural code order, the scoring tree and its
  problems.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from campaigns import scoring
from campaigns.models import (
    Campaign,
    Conference,
    Criterion,
    Delegate,
    LegalDocument,
    Milestone,
    SeriesCounter,
)
from cluster.models import Cluster, Unit
from cluster.selectors import cluster_year_get

# --- legal documents ---------------------------------------------------------------------------


def citation(document: LegalDocument, *, with_subject: bool = False) -> str:
    """"Công văn số 1237/BNV-VP ngày 31/3/2022 của Bộ Nội vụ" (plus the trích yếu)."""
    return document.citation(with_subject=with_subject)


def document_list(*, cluster: Cluster, kind: str | None = None) -> list[LegalDocument]:
    rows = LegalDocument.objects.filter(cluster=cluster)
    if kind:
        rows = rows.filter(kind=kind)
    return list(rows.order_by("-issued_on", "-number", "pk"))


def document_choices(*, cluster: Cluster):
    """The queryset forms offer when a campaign or conference cites documents."""
    return LegalDocument.objects.filter(cluster=cluster).order_by("-issued_on", "-number")


def series_last_number(*, cluster: Cluster, year: int) -> int:
    return (
        SeriesCounter.objects.filter(cluster=cluster, year=year)
        .values_list("last_number", flat=True)
        .first()
        or 0
    )


# --- campaigns and milestones -----------------------------------------------------------------


def _campaigns(cluster: Cluster, year: int):
    return (
        Campaign.objects.filter(cluster=cluster, year=year)
        .select_related("plan_document")
        .prefetch_related(
            Prefetch("legal_bases", queryset=LegalDocument.objects.order_by("issued_on")),
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk")),
        )
    )


def campaign_for(*, cluster: Cluster, year: int) -> Campaign | None:
    """The cluster's regular (thường xuyên) campaign of ``year``, or None."""
    return _campaigns(cluster, year).filter(kind=Campaign.Kind.REGULAR).first()


def campaign_list(*, cluster: Cluster, year: int, details: bool = True) -> list[Campaign]:
    """Every campaign of the year: the regular one first, then thematic ones by start date.
    ``details=False``: the campaigns alone (one query), without their plan, legal bases and
    milestones (the home page's panel shows names)."""
    rows = _campaigns(cluster, year) if details else Campaign.objects.filter(
        cluster=cluster, year=year)
    return list(rows.order_by("-kind", "starts_on", "pk"))


def campaign_get(*, cluster: Cluster, year: int, pk: int) -> Campaign | None:
    return _campaigns(cluster, year).filter(pk=pk).first()


def milestone_list(*, campaign: Campaign) -> list[Milestone]:
    return list(campaign.milestones.all())


#: The milestones whose date is a reporting period's deadline once the period exists.
DEADLINE_KINDS = (Milestone.Kind.MIDYEAR_DEADLINE, Milestone.Kind.YEAREND_DEADLINE)

_deadline_sources: list[Callable[[Cluster, int], dict[str, datetime.date]]] = []


def on_deadline_dates(source: Callable[[Cluster, int], dict[str, datetime.date]]) -> None:
    """Register ``source(cluster, year) -> {milestone kind: date}``: the dates that an app
    above owns (``ResultsConfig.ready`` registers the reporting periods' deadlines; campaigns
    does not import results). A milestone of such a kind is that date and no other: one
    deadline, not two unrelated ones (issue #13)."""
    if source not in _deadline_sources:
        _deadline_sources.append(source)


def milestone_fixed_dates(*, cluster: Cluster, year: int) -> dict[str, datetime.date]:
    """``{milestone kind: date}`` of the milestones whose date is set elsewhere (a reporting
    period's deadline) and cannot be edited as a milestone."""
    dates: dict[str, datetime.date] = {}
    for source in _deadline_sources:
        dates.update(source(cluster, year))
    return dates


@dataclass
class MilestoneStatus:
    """What the dashboard shows: the next milestones and the late ones."""

    today: datetime.date
    upcoming: list[Milestone] = field(default_factory=list)
    late: list[Milestone] = field(default_factory=list)
    done: int = 0


def milestone_status(
    *, cluster: Cluster, year: int, today: datetime.date, upcoming_count: int = 3
) -> MilestoneStatus:
    """Milestones of every campaign of the year: the first ``upcoming_count`` not done and not
    yet due, and all not done past their due date (late), each with its campaign."""
    rows = list(
        Milestone.objects.filter(campaign__cluster=cluster, campaign__year=year)
        .select_related("campaign")
        .order_by("due_on", "pk")
    )
    status = MilestoneStatus(today=today)
    for milestone in rows:
        if milestone.done_on is not None:
            status.done += 1
        elif milestone.due_on < today:
            status.late.append(milestone)
        elif len(status.upcoming) < upcoming_count:
            status.upcoming.append(milestone)
    return status


# --- criteria ------------------------------------------------------------------------------------


@dataclass
class CriteriaTree:
    """The criteria of a cluster-year: ``rows`` in natural code order (each with ``depth``),
    ``root`` for ``scoring.tree_points`` (a synthetic root "0" over the top-level criteria),
    and ``problems`` in Vietnamese (empty when consistent)."""

    rows: list[Criterion]
    root: scoring.CriterionNode
    problems: list[str]
    total_max: object = None

    ROOT_CODE = "0"


def _plain(value):
    """20.00 -> 20 and 2.50 -> 2.5, so messages read as people write points."""
    if value is None:
        return None
    return value.quantize(1) if value == value.to_integral_value() else value.normalize()


def criteria_tree(*, cluster: Cluster, year: int) -> CriteriaTree:
    rows = list(Criterion.objects.filter(cluster=cluster, year=year))
    by_pk = {row.pk: row for row in rows}
    problems: list[str] = []
    cycle = scoring.detect_cycle(
        {str(row.pk): (str(row.parent_id) if row.parent_id else None) for row in rows}
    )
    if cycle:
        codes = " → ".join(by_pk[int(pk)].code for pk in cycle)
        problems.append(f"Quan hệ tiêu chí cha – con tạo thành vòng lặp: {codes}.")
    children: dict[int | None, list[Criterion]] = {}
    for row in rows:
        parent = row.parent_id if row.parent_id in by_pk and not cycle else None
        children.setdefault(parent, []).append(row)
    for siblings in children.values():
        siblings.sort(key=lambda r: r.sort_key)

    ordered: list[Criterion] = []

    def build(row: Criterion, depth: int) -> scoring.CriterionNode:
        row.depth = depth
        ordered.append(row)
        kids = tuple(build(child, depth + 1) for child in children.get(row.pk, []))
        rule = None
        try:
            rule = row.to_rule()
        except scoring.ScoringRuleError as error:
            problems.append(f"Tiêu chí {row.code} ({row.name}): {error}")
        return scoring.CriterionNode(row.code, row.name, _plain(row.max_points), kids, rule)

    top = tuple(build(row, 0) for row in children.get(None, []))
    root = scoring.CriterionNode(CriteriaTree.ROOT_CODE, "Tổng điểm", None, top)
    if rows:
        problems.extend(scoring.validate_tree(root))
    total = _plain(sum((r.max_points for r in children.get(None, []) if r.max_points), Decimal(0)))
    return CriteriaTree(rows=ordered, root=root, problems=problems, total_max=total)


def criteria_count(*, cluster: Cluster, year: int) -> int:
    return Criterion.objects.filter(cluster=cluster, year=year).count()


# --- conferences --------------------------------------------------------------------------------


def _conferences(cluster: Cluster, year: int):
    return (
        Conference.objects.filter(cluster=cluster, year=year)
        .select_related("province")
        .prefetch_related("hosts")
    )


def conference_list(*, cluster: Cluster, year: int, kind: str | None = None) -> list[Conference]:
    """The year's conferences by date. ``kind="ky_ket"`` returns every conference at which
    the pledge is signed, including a mid-year review that combines the signing."""
    rows = _conferences(cluster, year)
    if kind == Conference.Kind.PLEDGE_SIGNING:
        rows = rows.filter(Q(kind=kind) | Q(signs_pledge=True))
    elif kind:
        rows = rows.filter(kind=kind)
    return list(rows.order_by("starts_at", "pk"))


def conference_get(*, cluster: Cluster, year: int, pk: int) -> Conference | None:
    return _conferences(cluster, year).prefetch_related("documents").filter(pk=pk).first()


def delegate_list(*, conference: Conference) -> list[Delegate]:
    return list(
        Delegate.objects.filter(conference=conference)
        .select_related("unit")
        .order_by("order", "pk")
    )


@dataclass
class HostLine:
    unit: Unit
    role: str  # "Cụm trưởng", "Cụm phó" or "", as the official documents write it

    @property
    def role_label(self) -> str:
        """The role in the reader's language, for pages (``role`` is for documents)."""
        return str(_ROLE_LABELS.get(self.role, self.role))


_ROLE_LABELS = {"Cụm trưởng": _("Cụm trưởng"), "Cụm phó": _("Cụm phó")}


def conference_hosts(*, conference: Conference) -> list[HostLine]:
    """Co-hosting units with their role that year, chair first."""
    cluster_year = cluster_year_get(cluster=conference.cluster, year=conference.year)
    roles = {}
    if cluster_year:
        roles = {cluster_year.chair_id: "Cụm trưởng", cluster_year.vice_chair_id: "Cụm phó"}
    order = {"Cụm trưởng": 0, "Cụm phó": 1, "": 2}
    lines = [HostLine(unit, roles.get(unit.pk, "")) for unit in conference.hosts.all()]
    return sorted(lines, key=lambda line: (order[line.role], line.unit.name))


def conference_by_slug(*, slug: str) -> Conference | None:
    return Conference.objects.select_related("cluster", "province").filter(slug=slug).first()


@dataclass
class DelegateGroup:
    organisation: str
    delegates: list[Delegate]


@dataclass
class Bulletin:
    """Everything the public bulletin shows, read once, then rendered."""

    conference: Conference
    hosts: list[HostLine]
    delegate_groups: list[DelegateGroup]
    documents: list[LegalDocument]


def bulletin_for(*, conference: Conference) -> Bulletin:
    groups: dict[str, DelegateGroup] = {}
    for delegate in delegate_list(conference=conference):
        name = delegate.organisation
        groups.setdefault(name, DelegateGroup(name, [])).delegates.append(delegate)
    return Bulletin(
        conference=conference,
        hosts=conference_hosts(conference=conference),
        delegate_groups=list(groups.values()),
        documents=list(conference.documents.order_by("issued_on", "pk")),
    )


# --- the year's checklist (cluster.dashboard.checklist_for) --------------------------------------


def checklist_conditions(*, cluster: Cluster, year: int) -> dict[str, Exists]:
    """Whether the year has its plan with legal bases (a campaign citing at least one
    document), its criteria, its conferences: expressions the checklist's one query reads."""
    return {
        "plan": Exists(Campaign.objects.filter(cluster=cluster, year=year,
                                               legal_bases__isnull=False)),
        "criteria": Exists(Criterion.objects.filter(cluster=cluster, year=year)),
        "conferences": Exists(Conference.objects.filter(cluster=cluster, year=year)),
    }


__all__ = [
    "DEADLINE_KINDS", "Bulletin", "CriteriaTree", "DelegateGroup", "HostLine", "MilestoneStatus",
    "bulletin_for", "campaign_for", "campaign_get", "campaign_list", "checklist_conditions",
    "citation", "conference_by_slug",
    "conference_get", "conference_hosts", "conference_list", "criteria_count", "criteria_tree",
    "delegate_list", "document_choices", "document_list", "milestone_fixed_dates",
    "milestone_list", "milestone_status", "on_deadline_dates", "series_last_number",
]
