"""Who reviews each report (issue #17, part 3: nobody judges their own unit).

The chain of reviewers of a cluster-year, in order: the secretariat (the acting chair unit's
staff and the holders of a secretariat grant), the vice-chair unit, the alternate unit named
in the year's ``ReviewSetting``. A report goes to the first of them that is not the reported
unit itself and has not declared a conflict of interest on it (``ReviewRecusal``). So the
chair unit's own report goes to the vice-chair unit; if the vice-chair unit is conflicted, or
its own report's reviewer (the secretariat) is, to the alternate; with no alternate left the
report has no reviewer until the secretariat names one.

Within a unit reviewing for the chain (the vice-chair or the alternate unit), its officers and
its leader review (``User.Role.OFFICER`` and ``LEADER``, as they write their own unit's
report); observers, superiors and admins never belong to a party (admins keep Django's
superuser shortcut in ``results.rules``). A person never reviews their own unit's report,
whatever grant they hold.

Reads are memoised per request (``cluster.request_cache``): the year's roles and the period's
recusals are two queries, however many reports a page checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cluster import request_cache
from cluster import selectors as cluster_selectors
from cluster.models import ClusterYear, Unit, User
from results.models import ReportEvent, ReportingPeriod, UnitReport
from results.models.review import ReviewParty, ReviewRecusal, ReviewSetting

__all__ = [
    "Assignment", "ReviewerLine", "YearReviewers", "assignment", "may_review",
    "period_assignments", "period_recusals", "period_reviewed_by", "report_reviewed_by",
    "review_refusal_text", "review_setting_get", "reviews_in_period", "user_parties",
    "year_reviewers",
]

CHAIN = (ReviewParty.SECRETARIAT, ReviewParty.VICE_CHAIR, ReviewParty.ALTERNATE)


@dataclass(frozen=True)
class YearReviewers:
    """The units of the chain in one cluster-year (each may be missing)."""

    chair: Unit | None
    vice_chair: Unit | None
    alternate: Unit | None

    def unit_of(self, party: str) -> Unit | None:
        return {ReviewParty.SECRETARIAT: self.chair, ReviewParty.VICE_CHAIR: self.vice_chair,
                ReviewParty.ALTERNATE: self.alternate}[party]


def review_setting_get(*, cluster, year: int) -> ReviewSetting | None:
    return (ReviewSetting.objects.select_related("alternate_unit")
            .filter(cluster=cluster, year=year).first())


def year_reviewers(*, cluster, year: int) -> YearReviewers:
    """The acting chair and vice-chair (that year's, or the latest earlier year's until that
    year's are confirmed, as ``cluster.selectors.user_is_secretariat`` reads the chair) and the
    year's alternate. Two queries, once per request."""
    def read() -> YearReviewers:
        # The cluster's years as the request has read them already (none when it has not).
        roles = cluster_selectors.cluster_year_get(cluster=cluster, year=year) or (
            ClusterYear.objects.select_related("chair", "vice_chair")
            .filter(cluster=cluster, year__lt=year).order_by("-year").first())
        setting = review_setting_get(cluster=cluster, year=year)
        return YearReviewers(roles.chair if roles else None,
                             roles.vice_chair if roles else None,
                             setting.alternate_unit if setting else None)
    return request_cache.memo(("year-reviewers", cluster.pk, year), read)


def period_recusals(*, period: ReportingPeriod) -> dict[int, dict[str, ReviewRecusal]]:
    """``{report_id: {party: recusal}}`` of the period. One query, once per request."""
    def read() -> dict[int, dict[str, ReviewRecusal]]:
        found: dict[int, dict[str, ReviewRecusal]] = {}
        for recusal in (ReviewRecusal.objects.filter(report__period=period)
                        .select_related("unit", "declared_by")):
            found.setdefault(recusal.report_id, {})[recusal.party] = recusal
        return found
    return request_cache.memo(("recusals", period.pk), read)


@dataclass
class Assignment:
    """Who reviews one unit's report now."""

    party: str | None  # None: nobody may (both conflicted and no alternate)
    unit: Unit | None  # the reviewing unit (the chair unit for the secretariat)
    own_chair: bool  # the report is the chair unit's own
    recusals: list[ReviewRecusal] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.party is None:
            return _("Chưa có đơn vị thẩm định")
        if self.party == ReviewParty.SECRETARIAT:
            return _("Cụm trưởng (thư ký cụm)")
        return f"{self.unit.name} ({ReviewParty(self.party).label})"

    @property
    def independent(self) -> bool:
        """Reviewed by someone other than the secretariat: worth saying on the pages."""
        return self.party != ReviewParty.SECRETARIAT


def assignment(*, period: ReportingPeriod, unit_id: int, report_id: int | None) -> Assignment:
    roles = year_reviewers(cluster=period.cluster, year=period.year)
    recused = period_recusals(period=period).get(report_id, {}) if report_id else {}
    own_chair = roles.chair is not None and roles.chair.pk == unit_id
    for party in CHAIN:
        unit = roles.unit_of(party)
        if party != ReviewParty.SECRETARIAT and unit is None:
            continue
        if (unit is not None and unit.pk == unit_id) or party in recused:
            continue
        return Assignment(party, unit, own_chair, list(recused.values()))
    return Assignment(None, None, own_chair, list(recused.values()))


def period_assignments(*, period: ReportingPeriod, reports) -> dict[int, Assignment]:
    """``{report_id: Assignment}`` for ``reports`` of the period (no query beyond the two
    memoised ones)."""
    return {r.pk: assignment(period=period, unit_id=r.unit_id, report_id=r.pk)
            for r in reports}


def user_parties(user: User | None, *, period: ReportingPeriod) -> set[str]:
    """The parties of the chain ``user`` acts for in the period's cluster-year."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    parties = set()
    if cluster_selectors.user_is_secretariat(user=user, cluster=period.cluster,
                                             year=period.year):
        parties.add(ReviewParty.SECRETARIAT)
    if user.unit_id and user.role in (User.Role.OFFICER, User.Role.LEADER):
        roles = year_reviewers(cluster=period.cluster, year=period.year)
        if roles.vice_chair is not None and roles.vice_chair.pk == user.unit_id:
            parties.add(ReviewParty.VICE_CHAIR)
        if roles.alternate is not None and roles.alternate.pk == user.unit_id:
            parties.add(ReviewParty.ALTERNATE)
    return parties


def may_review(user: User | None, *, period: ReportingPeriod, unit_id: int,
               report_id: int | None) -> bool:
    """Whether ``user`` is the report's reviewer now (state and phase aside)."""
    if user is None or not user.is_authenticated or user.unit_id == unit_id:
        return False
    chosen = assignment(period=period, unit_id=unit_id, report_id=report_id)
    return chosen.party is not None and chosen.party in user_parties(user, period=period)


def _submitted_reports(period: ReportingPeriod) -> list[tuple[int, int]]:
    """``(report id, unit id)`` of the period's submitted reports, once per request."""
    return request_cache.memo(("submitted-reports", period.pk), lambda: list(
        UnitReport.objects.filter(period=period, submitted_at__isnull=False)
        .values_list("pk", "unit_id")))


def reviews_in_period(user: User | None, *, period: ReportingPeriod) -> bool:
    """Whether ``user`` is the reviewer of at least one submitted report of the period."""
    parties = user_parties(user, period=period)
    if not parties:
        return False
    return any(
        unit_id != user.unit_id
        and assignment(period=period, unit_id=unit_id, report_id=pk).party in parties
        for pk, unit_id in _submitted_reports(period))


def review_refusal_text(user: User | None, *, period: ReportingPeriod, unit_id: int,
                        report_id: int | None) -> str | None:
    """Why ``user`` may not review, adjust or return this report, in Vietnamese; None when
    the chain says nothing more than "only the secretariat reviews"."""
    chosen = assignment(period=period, unit_id=unit_id, report_id=report_id)
    if chosen.party is None:
        return _("Báo cáo này chưa có đơn vị thẩm định: thư ký cụm và Cụm phó đều không được "
                 "thẩm định (báo cáo của đơn vị mình hoặc đã khai báo xung đột lợi ích). Thư "
                 "ký cụm cần chỉ định đơn vị thẩm định thay thế cho năm %(year)s.") % {
                     "year": period.year}
    parties = user_parties(user, period=period)
    if not parties:
        return None  # not a reviewer at all: the generic refusal says it
    whose = chosen.label
    if user is not None and user.is_authenticated and user.unit_id == unit_id:
        return _("Chỉ %(who)s mới được thẩm định báo cáo này: không ai thẩm định, điều chỉnh "
                 "điểm hay trả lại báo cáo của chính đơn vị mình.") % {"who": whose}
    recused = {r.party for r in chosen.recusals}
    if parties & recused:
        return _("Chỉ %(who)s mới được thẩm định báo cáo này: bạn đã khai báo xung đột lợi "
                 "ích với báo cáo.") % {"who": whose}
    if chosen.independent:
        return _("Chỉ %(who)s mới được thẩm định báo cáo này, không phải thư ký cụm.") % {
            "who": whose}
    return None


@dataclass(frozen=True)
class ReviewerLine:
    """Who reviewed a report last: the person and their unit (None: not reviewed yet)."""

    actor: User | None
    unit: Unit | None
    at: object = None

    @property
    def text(self) -> str:
        if self.actor is None:
            return ""
        name = self.actor.display_name
        return f"{self.unit.name} ({name})" if self.unit is not None else \
            f"{_('Thư ký cụm')} ({name})"


REVIEW_STATES = (UnitReport.State.REVIEWED, UnitReport.State.SECOND_REVIEWED)


def report_reviewed_by(*, report: UnitReport, events=None) -> ReviewerLine | None:
    """The last review of one report (None: not reviewed yet). ``events``: the report's
    events already read with their actors (the report page has them): then the reviewer's
    unit is one of the year's reviewing units, read already, or one query."""
    if events is None:
        event = (ReportEvent.objects.filter(report=report, to_state__in=REVIEW_STATES)
                 .select_related("actor__unit").order_by("-at", "-pk").first())
    else:
        event = next((e for e in reversed(list(events)) if e.to_state in REVIEW_STATES), None)
    if event is None:
        return None
    actor = event.actor
    if actor is None or actor.unit_id is None:
        return ReviewerLine(actor, None, event.at)
    roles = year_reviewers(cluster=report.period.cluster, year=report.period.year)
    known = {u.pk: u for u in (roles.chair, roles.vice_chair, roles.alternate) if u}
    return ReviewerLine(actor, known.get(actor.unit_id) or actor.unit, event.at)


def period_reviewed_by(*, period: ReportingPeriod) -> dict[int, ReviewerLine]:
    """``{report_id: ReviewerLine}``: the last review (or second review) of each report of the
    period, with the reviewer's unit. One query."""
    lines: dict[int, ReviewerLine] = {}
    for event in (ReportEvent.objects.filter(report__period=period, to_state__in=REVIEW_STATES)
                  .select_related("actor__unit").order_by("at", "pk")):
        actor = event.actor
        lines[event.report_id] = ReviewerLine(actor, actor.unit if actor else None, event.at)
    return lines
