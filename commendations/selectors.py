"""Reads of the commendations app. Views, the dashboard panel, the admin and other apps read
through these functions; each runs a fixed number of queries whatever the number of units.

Nothing here returns a unit's choices: they are stored only sealed, opened only by closing
(``services.voting``), and what remains is the fixed tally of a closed session."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, Prefetch
from django.utils import translation
from django.utils.translation import gettext as _

from cluster.models import Cluster, Unit
from cluster.selectors import cluster_member_units, unit_lineage
from commendations import legal_texts, tally
from commendations.issued import IssuedOffer, offers_for
from commendations.models import (
    REQUIRED_DOCUMENTS,
    AwardForm,
    AwardRule,
    AwardTally,
    Ballot,
    DocumentKind,
    Dossier,
    DossierDocument,
    GrantedAward,
    Nomination,
    PastHonour,
    SessionStatus,
    TallyResult,
    VotingSession,
)
from results import selectors as results_selectors
from results.models import ReportingPeriod

# --- the unit's standing for the year (campaigns' ranking) --------------------------------------


@dataclass(frozen=True)
class Standing:
    score: Decimal
    rank: int


@dataclass
class Standings:
    """Each unit's score and rank of the year, read only from a period whose results are
    final (chốt): the year-end period if it is final, else the mid-year period if it is.
    Before any period is final a rank means nothing (four units of five may not have
    reported yet), so there is none: ``label`` is None and ``pending`` says why.
    ``label`` names what the scores are based on ("kỳ 6 tháng đầu năm 2026")."""

    label: str | None
    by_unit: dict[int, Standing] = field(default_factory=dict)
    pending: str | None = None


def unit_standings(*, cluster: Cluster, year: int) -> Standings:
    periods = results_selectors.period_list(cluster=cluster, year=year)  # one query for both
    for kind in (ReportingPeriod.Kind.YEAR_END, ReportingPeriod.Kind.MID_YEAR):
        period = next((p for p in periods if p.kind == kind), None)
        if period is None or period.phase != ReportingPeriod.Phase.FINAL:
            continue
        period.cluster = cluster
        rows = results_selectors.ranking(period=period)
        if rows:
            return Standings(label=f"kỳ {period.get_kind_display().lower()} {year}",
                             by_unit={r.unit.pk: Standing(r.final_total, r.rank) for r in rows})
    if not periods:
        return Standings(label=None, pending=f"Năm {year} chưa có kỳ báo cáo kết quả thi đua.")
    latest = max(periods, key=lambda p: p.kind == ReportingPeriod.Kind.YEAR_END)
    return Standings(label=None, pending=(
        f"Kết quả thi đua năm {year} chưa chốt (kỳ {latest.get_kind_display().lower()}: "
        f"{latest.get_phase_display().lower()}); điểm và hạng chỉ có khi kết quả đã chốt."))


# --- catalogue and rules ----------------------------------------------------------------------


def award_list(*, active_only: bool = True) -> list[AwardForm]:
    rows = AwardForm.objects.all()
    if active_only:
        rows = rows.filter(is_active=True)
    return list(rows.order_by("order", "name"))


@dataclass
class RuleLine:
    label: str
    value: str
    source: str


NO_SOURCE = "chưa ghi nguồn văn bản"


def _num(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


@translation.override("vi")
def rule_lines(rule: AwardRule) -> list[RuleLine]:
    """The four rules of one award in words, each with its source: administrative Vietnamese
    whatever the page's language (the minutes of the vote print the same lines), so the
    choices' labels are read in Vietnamese too."""
    quorum = ("không yêu cầu số thành viên tối thiểu" if rule.quorum_percent is None else
              f"từ {_num(rule.quorum_percent)}% tổng số thành viên, kể cả bỏ phiếu bằng văn bản")
    quota = ("không giới hạn" if rule.quota_percent is None else
             f"không quá {_num(rule.quota_percent)}% {rule.get_quota_of_display().lower()} "
             f"({rule.get_quota_rounding_display().lower()}). {quota_meaning(rule)}")
    tie = ("không ưu tiên" if rule.tie_break == AwardRule.TieBreak.NONE else
           f"ưu tiên nữ, tập thể có từ {_num(rule.women_share_percent)}% nữ")
    return [
        RuleLine("Tỷ lệ đồng ý", f"từ {_num(rule.threshold_percent)}% "
                 f"{rule.get_base_display().lower()}", rule.threshold_source or NO_SOURCE),
        RuleLine("Số thành viên tham dự", quorum,
                 rule.quorum_source or ("—" if rule.quorum_percent is None else NO_SOURCE)),
        RuleLine("Chỉ tiêu", quota,
                 "—" if rule.quota_percent is None else
                 f"{rule.quota_source or NO_SOURCE}; {tally.ROUNDING_SOURCE}"),
        RuleLine("Khi bằng phiếu", tie + "; sau đó theo điểm thi đua của năm",
                 rule.tie_break_source or ("—" if rule.tie_break == "none" else NO_SOURCE)),
    ]


def _quota_rule(rule: AwardRule) -> tally.QuotaRule:
    return tally.QuotaRule(rule.quota_percent, rule.quota_of, rule.quota_rounding)


def _counted(rule: AwardRule) -> str:
    return ("tập thể được suy tôn dẫn đầu" if rule.quota_of == AwardRule.QuotaOf.LEADERS
            else "thành viên của cụm")


@translation.override("vi")
def quota_meaning(rule: AwardRule) -> str:
    """What the quota means in seats: "Số suất = số tập thể được suy tôn dẫn đầu × 20%, làm
    tròn xuống (5 × 20% = 1 suất; 4 × 20% = 0,8 → 0 suất): cần ít nhất 5 ... mới có 1 suất."
    """
    if rule.quota_percent is None:
        return ""
    quota = _quota_rule(rule)
    percent = _num(rule.quota_percent)
    rounding = rule.get_quota_rounding_display().lower()
    first = quota.first_seat()
    text = (f"Số suất = số {_counted(rule)} × {percent}%, {rounding}"
            + (" (thư ký nhập số tập thể được suy tôn dẫn đầu khi kết thúc bỏ phiếu)"
               if rule.quota_of == AwardRule.QuotaOf.LEADERS else ""))
    if first is None:
        return text + ": luôn bằng 0 suất, không ai đạt."
    if first > 1:
        below = first - 1
        exact = _num(Decimal(below) * rule.quota_percent / 100)
        return (f"{text}: cần ít nhất {first} {_counted(rule)} mới có 1 suất "
                f"(ví dụ {below} × {percent}% = {exact} → 0 suất: không ai đạt, kể cả đề nghị "
                f"được mọi phiếu đồng ý).")
    return text + "."


def quota_warning(rule: AwardRule, *, members: int) -> str | None:
    """A warning when the quota can round to 0 seats in this cluster-year, or None. The
    number of leaders is known only at closing, but never exceeds the members."""
    if rule.quota_percent is None:
        return None
    quota = _quota_rule(rule)
    first = quota.first_seat()
    award = rule.award.name
    if first is None or quota.cap(members) == 0:
        return (f"Chỉ tiêu của “{award}” bằng 0 suất với {members} thành viên của cụm: không "
                f"đơn vị nào đạt, kể cả đơn vị được mọi phiếu đồng ý. Hãy kiểm tra lại tỷ lệ "
                f"và cách làm tròn.")
    if rule.quota_of == AwardRule.QuotaOf.LEADERS and first > 1:
        return (f"Chỉ tiêu của “{award}” bằng 0 suất nếu có ít hơn {first} tập thể được suy "
                f"tôn dẫn đầu: khi đó không đơn vị nào đạt, kể cả đơn vị được mọi phiếu đồng "
                f"ý.")
    return None


def rule_list(*, cluster: Cluster, year: int) -> list[AwardRule]:
    rules = list(AwardRule.objects.filter(cluster=cluster, year=year)
                 .select_related("award", "updated_by").order_by("award__order", "award__name"))
    members = (len(cluster_member_units(cluster=cluster, year=year))
               if any(r.quota_percent is not None for r in rules) else 0)
    for rule in rules:
        rule.lines = rule_lines(rule)
        rule.quota_warning = quota_warning(rule, members=members)
    return rules


_SOURCE_LABELS = (("threshold_source", "tỷ lệ đồng ý"), ("quorum_source", "số thành viên tham "
                  "dự"), ("quota_source", "chỉ tiêu"), ("tie_break_source", "khi bằng phiếu"))


def rule_citation_warnings(*, cluster: Cluster, year: int, rules: list[AwardRule]) -> list[str]:
    """Warnings for the rules page (issue #15): a rule of the year that cites a text not in
    force on the year's rules day (``legal_texts.rules_day``, 1 December): replaced, expired
    or not yet in force, whether a national text the app knows (``legal_texts``) or one of the
    cluster's registry with its validity.
    One query (the registry's texts the rules name), none when no rule names a number."""
    from campaigns.models import LegalDocument

    day = legal_texts.rules_day(year)
    cited: dict[str, list[tuple[AwardRule, str]]] = {}
    for rule in rules:
        for field_name, label in _SOURCE_LABELS:
            for number in legal_texts.cited_numbers(getattr(rule, field_name)):
                cited.setdefault(number, []).append((rule, label))
    if not cited:
        return []
    registered = {d.number_symbol: d for d in LegalDocument.objects.filter(
        cluster=cluster, number_symbol__in=list(cited)).select_related("replaced_by")
        .order_by("issued_on", "pk")}
    warnings = []
    for number, uses in cited.items():
        problem = _validity_problem(number, registered.get(number), day)
        if problem:
            where = "; ".join(f"“{rule.award.name}” ({label})" for rule, label in uses)
            warnings.append(f"Quy tắc năm {year} dẫn {number}, {problem}: {where}. Hãy sửa căn "
                            f"cứ cho đúng văn bản có hiệu lực năm {year}.")
    return warnings


def _validity_problem(number: str, document, day) -> str | None:
    if document is not None:
        if document.replaced_by_id and not document.in_force_on(day):
            return (f"văn bản đã được thay thế bởi {document.replaced_by.number_symbol}"
                    f"{_since(document.expired_on)}")
        if document.expired_on and document.expired_on <= day:
            return f"văn bản đã hết hiệu lực{_since(document.expired_on)}"
        if not document.in_force_on(day):
            return f"văn bản chưa có hiệu lực vào ngày {day:%d/%m/%Y}"
        return None
    text = legal_texts.BY_NUMBER.get(number)
    if text is None or text.in_force_on(day):
        return None
    if not text.citable_on(day):
        return f"văn bản chưa được ban hành vào ngày {day:%d/%m/%Y}"
    if text.expired_on and text.expired_on <= day:
        by = f" bởi {text.replaced_by}" if text.replaced_by else ""
        return (f"văn bản đã được thay thế{by}{_since(text.expired_on)}" if text.replaced_by
                else f"văn bản đã hết hiệu lực{_since(text.expired_on)}")
    return f"văn bản chưa có hiệu lực vào ngày {day:%d/%m/%Y}"


def _since(day) -> str:
    return f" từ ngày {day:%d/%m/%Y}" if day else ""


def rule_get(*, cluster: Cluster, year: int, pk: int) -> AwardRule | None:
    return AwardRule.objects.select_related("award").filter(cluster=cluster, year=year,
                                                            pk=pk).first()


def rule_years(*, cluster: Cluster, before: int) -> list[int]:
    return list(AwardRule.objects.filter(cluster=cluster, year__lt=before)
                .order_by("-year").values_list("year", flat=True).distinct())


# --- sessions ---------------------------------------------------------------------------------


def session_list(*, cluster: Cluster, year: int) -> list[VotingSession]:
    return list(VotingSession.objects.filter(cluster=cluster, year=year)
                .select_related("conference")
                .annotate(nomination_count=Count("nominations", distinct=True),
                          ballot_count=Count("ballots", distinct=True))
                .order_by("created_at", "pk"))


def session_get(*, cluster: Cluster, year: int, pk: int) -> VotingSession | None:
    return (VotingSession.objects.select_related("cluster", "conference__province", "closed_by")
            .filter(cluster=cluster, year=year, pk=pk).first())


def session_event_list(*, session: VotingSession):
    return list(session.events.select_related("actor").order_by("created_at", "pk"))


@dataclass
class NominationRow:
    nomination: Nomination
    standing: Standing | None


def nomination_list(*, session: VotingSession, standings: Standings | None = None
                    ) -> list[NominationRow]:
    """The session's nominations by award, each with its unit's score and rank of the year
    (individuals too: their unit's)."""
    rows = (session.nominations.select_related("award", "unit")
            .order_by("award__order", "award__name", "order", "pk"))
    if standings is None:
        standings = unit_standings(cluster=session.cluster, year=session.year)
    return [NominationRow(n, standings.by_unit.get(n.unit_id)) for n in rows]


def nomination_get(*, session: VotingSession, pk: int) -> Nomination | None:
    return session.nominations.select_related("award", "unit").filter(pk=pk).first()


@dataclass
class BallotRow:
    unit: Unit
    ballot: Ballot | None


@dataclass
class BallotBoard:
    """Who has voted (never what): every member unit of the year with its ballot, or none."""

    rows: list[BallotRow]

    @property
    def member_count(self) -> int:
        return len(self.rows)

    @property
    def voted_count(self) -> int:
        return sum(1 for row in self.rows if row.ballot)

    @property
    def missing(self) -> list[Unit]:
        return [row.unit for row in self.rows if row.ballot is None]


def ballot_board(*, session: VotingSession) -> BallotBoard:
    members = cluster_member_units(cluster=session.cluster, year=session.year)
    ballots = {b.unit_id: b for b in Ballot.objects.filter(session=session)
               .select_related("cast_by")}
    return BallotBoard([BallotRow(unit, ballots.get(unit.pk)) for unit in members])


def ballot_for_unit(*, session: VotingSession, unit_id: int | None) -> Ballot | None:
    if unit_id is None:
        return None
    return Ballot.objects.filter(session=session, unit_id=unit_id).first()


def tally_list(*, session: VotingSession) -> list[AwardTally]:
    """The fixed tally of a closed session, award by award (empty before closing)."""
    if session.status != SessionStatus.CLOSED:
        return []
    results = TallyResult.objects.select_related(
        "nomination__unit", "nomination__award", "nomination__dossier").order_by("position")
    return list(AwardTally.objects.filter(session=session).select_related("award")
                .prefetch_related(Prefetch("results", queryset=results))
                .order_by("order", "pk"))



_THRESHOLD = re.compile(r"từ (\d+(?:,\d+)?)%")


@dataclass
class Outcome:
    """One nomination's outcome at a glance: ``kind`` is "dat", "cat" (meets the threshold
    but cut by the quota), "ngang" (tied at the cut, the cluster decides) or "khong_dat"."""

    result: TallyResult
    kind: str
    label: str
    #: the agreeing votes as a share of the base, 0..100, for the bar (display only)
    share: Decimal
    bar_label: str


@dataclass
class AwardGlance:
    tally: AwardTally
    outcomes: list[Outcome]
    threshold: Decimal | None
    passed_count: int
    #: the applied rules of this award that not every award of the session shares
    own_rules: list[str]
    own_quorum: str | None
    own_ordering: str | None

    @property
    def counts(self) -> list[tuple[str, str]]:
        """The award's outcome in one line: ("dat", "2 đạt"), ("cat", "1 đạt tỷ lệ nhưng bị
        cắt theo chỉ tiêu"), ... in that order, only the kinds present."""
        labels = {"dat": _("%(count)s đạt"),
                  "cat": _("%(count)s đạt tỷ lệ nhưng bị cắt theo chỉ tiêu"),
                  "ngang": _("%(count)s ngang phiếu tại vị trí cắt"),
                  "khong_dat": _("%(count)s không đạt")}
        counted = [(kind, sum(1 for o in self.outcomes if o.kind == kind)) for kind in labels]
        return [(kind, labels[kind] % {"count": n}) for kind, n in counted if n]


@dataclass
class TallyGlance:
    """A closed session's tally read at a glance: the outcomes per award first, and the
    rules with their sources once (the lines every award shares, then each award's own)."""

    awards: list[AwardGlance]
    common_rules: list[str]
    common_quorum: str | None
    common_ordering: str | None


def _threshold(award_tally: AwardTally) -> Decimal | None:
    """The agreeing share the award required, read from its fixed first rule line ("Tỷ lệ
    đồng ý: từ 80% ..."), so the bar shows what was applied, not today's rule."""
    lines = award_tally.applied_rule_lines
    match = _THRESHOLD.search(lines[0]) if lines else None
    return Decimal(match.group(1).replace(",", ".")) if match else None


def _outcome(result: TallyResult, award_tally: AwardTally, threshold: Decimal | None
             ) -> Outcome:
    if result.passed:
        kind, label = "dat", _("Đạt")
    elif result.tied_at_cut:
        kind, label = "ngang", _("Đạt tỷ lệ, ngang phiếu tại vị trí cắt: chờ cụm quyết định")
    elif result.meets_threshold and award_tally.quorum_met:
        kind, label = "cat", _("Đạt tỷ lệ nhưng bị cắt theo chỉ tiêu")
    else:
        kind, label = "khong_dat", _("Không đạt")
    base = award_tally.base_count
    share = (Decimal(result.agree * 100) / base).quantize(Decimal("0.01")) if base else Decimal(0)
    if threshold is None:
        bar = _("%(agree)s/%(base)s phiếu đồng ý") % {"agree": result.agree, "base": base}
    else:
        bar = _("%(agree)s/%(base)s phiếu đồng ý, ngưỡng %(threshold)s%%") % {
            "agree": result.agree, "base": base, "threshold": _num(threshold)}
    return Outcome(result, kind, label, min(share, Decimal(100)), bar)


def tally_glance(tallies: list[AwardTally]) -> TallyGlance:
    """The outcomes of :func:`tally_list` with the rules said once; no query of its own
    beyond the prefetched results."""
    rule_sets = [award_tally.applied_rule_lines for award_tally in tallies]
    common = [line for line in rule_sets[0] if all(line in rules for rules in rule_sets)
              ] if len(rule_sets) > 1 else []
    quorums = {t.quorum_explanation for t in tallies}
    orderings = {t.ordering_explanation for t in tallies}
    shared_quorum = quorums.pop() if len(quorums) == 1 and len(tallies) > 1 else None
    shared_ordering = orderings.pop() if len(orderings) == 1 and len(tallies) > 1 else None
    awards = []
    for award_tally, rules in zip(tallies, rule_sets, strict=True):
        threshold = _threshold(award_tally)
        outcomes = [_outcome(r, award_tally, threshold) for r in award_tally.results.all()]
        awards.append(AwardGlance(
            award_tally, outcomes, threshold, sum(1 for o in outcomes if o.kind == "dat"),
            [line for line in rules if line not in common],
            None if shared_quorum else award_tally.quorum_explanation,
            None if shared_ordering else award_tally.ordering_explanation))
    return TallyGlance(awards, common, shared_quorum, shared_ordering)


# --- dossiers and honours ------------------------------------------------------------------------


@dataclass
class ChecklistItem:
    kind: str
    label: str
    documents: list[DossierDocument]
    #: documents issued for the session that this item may attach, not yet attached
    offers: list[IssuedOffer] = field(default_factory=list)

    @property
    def present(self) -> bool:
        return bool(self.documents)


def dossier_checklist(*, dossier: Dossier, documents: list[DossierDocument] | None = None
                      ) -> list[ChecklistItem]:
    if documents is None:
        documents = list(dossier.documents.select_related("added_by").order_by("added_at", "pk"))
    offers = dossier_issued_offers(dossier=dossier, documents=documents)
    return [ChecklistItem(kind, str(DocumentKind(kind).label),
                          [d for d in documents if d.kind == kind],
                          [o for o in offers if o.kind == kind]) for kind in REQUIRED_DOCUMENTS]


def dossier_issued_offers(*, dossier: Dossier, documents: list[DossierDocument] | None = None
                          ) -> list[IssuedOffer]:
    """The tờ trình and minutes the cluster issued for the dossier's session that the dossier
    has not attached yet (``commendations.issued``)."""
    if documents is None:
        documents = list(dossier.documents.all())
    attached = {(d.kind, d.title) for d in documents}
    return [offer for offer in offers_for(dossier.nomination.session)
            if (offer.kind, offer.title) not in attached]


def dossier_missing(*, dossier: Dossier) -> list[str]:
    """Labels of the required documents the dossier still lacks."""
    have = set(dossier.documents.values_list("kind", flat=True))
    return [str(DocumentKind(kind).label) for kind in REQUIRED_DOCUMENTS if kind not in have]


def _dossiers():
    return Dossier.objects.select_related(
        "nomination__session", "nomination__unit", "nomination__award",
        "nomination__tally_result", "nomination__granted__decision")


def dossier_list(*, cluster: Cluster, year: int) -> list[Dossier]:
    dossiers = list(_dossiers().filter(nomination__session__cluster=cluster,
                                       nomination__session__year=year)
                    .annotate(kinds=Count("documents__kind", distinct=True))
                    .order_by("nomination__award__order", "nomination__pk"))
    for dossier in dossiers:
        dossier.missing_count = len(REQUIRED_DOCUMENTS) - dossier.kinds
    return dossiers


def dossier_get(*, cluster: Cluster, year: int, pk: int) -> Dossier | None:
    return _dossiers().filter(nomination__session__cluster=cluster,
                              nomination__session__year=year, pk=pk).first()


def dossier_event_list(*, dossier: Dossier):
    return list(dossier.events.select_related("actor").order_by("created_at", "pk"))


@dataclass
class HonoursYear:
    year: int
    awards: list[GrantedAward]
    #: honours imported from Excel (``PastHonour``), received before or outside the app
    past: list[PastHonour] = field(default_factory=list)


@dataclass
class Honours:
    unit: Unit
    predecessors: list[Unit]
    years: list[HonoursYear]


def unit_honours(*, unit: Unit, cluster_ids=None) -> Honours:
    """The awards granted to ``unit`` and to the units that merged into it (its lineage), by
    year, newest first. ``cluster_ids`` limits them to the clusters the viewer may see."""
    predecessors, _successors = unit_lineage(unit=unit)
    rows = GrantedAward.objects.filter(unit_id__in=[unit.pk, *(u.pk for u in predecessors)])
    if cluster_ids is not None:
        rows = rows.filter(cluster_id__in=cluster_ids)
    rows = rows.select_related("award", "unit", "decision", "cluster").order_by(
        "-year", "award__order", "pk")
    past = PastHonour.objects.filter(unit_id__in=[unit.pk, *(u.pk for u in predecessors)])
    if cluster_ids is not None:
        past = past.filter(cluster_id__in=cluster_ids)
    past = past.select_related("award", "unit", "cluster").order_by(
        "-year", "award__order", "person_name", "pk")
    years: dict[int, HonoursYear] = {}
    for granted in rows:
        years.setdefault(granted.year, HonoursYear(granted.year, [])).awards.append(granted)
    for honour in past:
        years.setdefault(honour.year, HonoursYear(honour.year, [])).past.append(honour)
    return Honours(unit=unit, predecessors=predecessors,
                   years=sorted(years.values(), key=lambda y: -y.year))


# --- dashboard ---------------------------------------------------------------------------------


@dataclass
class VotingSummary:
    session: VotingSession
    voted_count: int
    member_count: int
    my_ballot: Ballot | None


def open_session_summaries(*, cluster: Cluster, year: int, unit_id: int | None
                           ) -> list[VotingSummary]:
    sessions = list(VotingSession.objects.filter(cluster=cluster, year=year,
                                                 status=SessionStatus.OPEN)
                    .annotate(ballot_count=Count("ballots")).order_by("created_at", "pk"))
    if not sessions:
        return []
    members = len(cluster_member_units(cluster=cluster, year=year))
    mine = {}
    if unit_id is not None:
        mine = {b.session_id: b for b in Ballot.objects.filter(session__in=sessions,
                                                               unit_id=unit_id)}
    return [VotingSummary(s, s.ballot_count, members, mine.get(s.pk)) for s in sessions]


def checklist_conditions(*, cluster: Cluster, year: int) -> dict[str, Exists]:
    """Whether the year has rules of the bình xét: an expression the checklist's one query
    reads (cluster.dashboard.checklist_for)."""
    return {"award_rules": Exists(AwardRule.objects.filter(cluster=cluster, year=year))}


__all__ = [
    "AwardGlance", "BallotBoard", "BallotRow", "ChecklistItem", "Honours", "HonoursYear",
    "NO_SOURCE", "Outcome", "TallyGlance", "rule_citation_warnings",
    "NominationRow", "RuleLine", "Standing", "Standings", "VotingSummary", "award_list",
    "checklist_conditions",
    "ballot_board", "ballot_for_unit", "dossier_checklist", "dossier_event_list", "dossier_get",
    "dossier_issued_offers",
    "dossier_list", "dossier_missing", "nomination_get", "nomination_list",
    "open_session_summaries", "quota_meaning", "quota_warning", "rule_get", "rule_lines",
    "rule_list", "rule_years",
    "session_event_list", "session_get", "session_list", "tally_glance", "tally_list",
    "unit_honours",
    "unit_standings",
]


# --- the cluster's reports ---------------------------------------------------------------------


def granted_award_counts(*, cluster: Cluster, since: datetime.date, until: datetime.date
                         ) -> list[tuple[str, int]]:
    """How many awards the superiors granted to the cluster's units and their people by
    decisions issued from ``since`` to ``until`` (both included), by award form in the
    catalogue's order: what the cluster's report of a period counts (one query)."""
    rows = (GrantedAward.objects.filter(cluster=cluster, decision__issued_on__gte=since,
                                        decision__issued_on__lte=until)
            .values("award__name", "award__order").annotate(count=Count("pk"))
            .order_by("award__order", "award__name"))
    return [(row["award__name"], row["count"]) for row in rows]


# --- standards and eligibility (issue #16, part 3): commendations/eligibility_selectors.py
from commendations.eligibility_selectors import (  # noqa: E402
    award_by_code,
    condition_get,
    eligibility_checklist,
    eligibility_checklists,
    nomination_for_checklist,
    standard_get,
    standards_all_years,
    standards_for_year,
    standards_overview,
)

__all__ += ["award_by_code", "condition_get", "eligibility_checklist", "eligibility_checklists",
            "nomination_for_checklist", "standard_get", "standards_all_years",
            "standards_for_year", "standards_overview"]
# --- the honours look-up and the person registry (issue #16): commendations/lookup.py ----------
from commendations.lookup import *  # noqa: E402, F403
from commendations.lookup import __all__ as _lookup_all  # noqa: E402

__all__ += _lookup_all
# --- the superior's side of a dossier (issue #16, "the upper level acts") --------------------


@dataclass
class ReturnRound:
    """One return of a dossier: the event and its reasons, each marked fixed once a document
    of the item's kind (or, for the dossier as a whole, any document) was added after it."""

    event: object
    items: list


def dossier_return_rounds(*, dossier: Dossier,
                          documents: list[DossierDocument] | None = None) -> list[ReturnRound]:
    """Every return of the dossier with its reasons per item, latest first. Two queries (one
    without ``documents``)."""
    from commendations.models import DossierReturnItem

    if documents is None:
        documents = list(dossier.documents.all())
    rounds: dict[int, ReturnRound] = {}
    items = (DossierReturnItem.objects.filter(dossier=dossier)
             .select_related("event__actor", "document").order_by("-event__created_at",
                                                                  "-event_id", "pk"))
    for item in items:
        after = [d for d in documents if d.added_at > item.event.created_at]
        item.fixed = bool([d for d in after if item.document is None
                           or d.kind == item.document.kind])
        rounds.setdefault(item.event_id, ReturnRound(event=item.event, items=[])).items.append(
            item)
    return list(rounds.values())


@dataclass
class InboxGroup:
    status: str
    label: str
    dossiers: list


#: The inbox's order: what waits for the superior first.
INBOX_ORDER = ["da_gui", "da_tiep_nhan", "da_chuyen", "tra_lai", "da_quyet_dinh"]


def superior_inbox(*, user) -> list[InboxGroup]:
    """The dossiers of the clusters ``user`` sees (a superior's: those its body oversees),
    sent at least once, grouped by state in ``INBOX_ORDER``. One query (with the user's
    clusters, read once per request)."""
    from cluster.selectors import user_cluster_ids
    from commendations.models import DossierStatus

    cluster_ids = user_cluster_ids(user)
    rows = (Dossier.objects.filter(nomination__session__cluster_id__in=cluster_ids,
                                   status__in=INBOX_ORDER)
            .select_related("nomination__session__cluster", "nomination__unit",
                            "nomination__award", "nomination__granted__decision")
            .order_by("nomination__session__cluster__name", "-nomination__session__year",
                      "nomination__award__order", "nomination__pk"))
    groups = {status: InboxGroup(status, str(DossierStatus(status).label), [])
              for status in INBOX_ORDER}
    for dossier in rows:
        groups[dossier.status].dossiers.append(dossier)
    return list(groups.values())


__all__ += ["INBOX_ORDER", "InboxGroup", "ReturnRound", "dossier_return_rounds",
            "superior_inbox"]
# --- proposals from the member units (issue #16), in their own module ---------------------------
from commendations.selectors_proposals import (  # noqa: E402
    proposal_call_get,
    proposal_event_list,
    proposal_evidence_list,
    proposal_get,
    proposal_list,
    proposal_notices,
    proposal_sessions,
    unit_proposal_people,
)

__all__ += [
    "proposal_call_get", "proposal_event_list", "proposal_evidence_list",
    "proposal_get", "proposal_list", "proposal_notices", "proposal_sessions",
    "unit_proposal_people",
]
