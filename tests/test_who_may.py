"""Who may, and when: every transition of every workflow (unit report, pledge, voting session,
dossier), for every role, in every state and phase it can start from. The page offers the
action (its button, or the confirmation form) exactly when the service accepts it. The
service is called in a transaction rolled back at once, with input that is valid in itself
(a note, the counts, the documents), so only who asks and when decide.

Also the observer and the ranking: the ranking page and the printed score table and ranking
agree, for every role, before and after the period is final."""

from __future__ import annotations

import datetime
from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Conference, Criterion
from cluster.models import SuperiorBody
from commendations import services as commendation_services
from commendations.models import (
    DOSSIER_TRANSITIONS,
    ON_PAPER,
    SESSION_TRANSITIONS,
    SUPERIOR,
    AwardForm,
    Ballot,
    DocumentKind,
    Dossier,
    DossierStatus,
    GrantedAward,
    SessionStatus,
    VotingSession,
)
from pledges import services as pledge_services
from pledges.models import TRANSITIONS as PLEDGE_TRANSITIONS
from pledges.models import Pledge, PledgeStatus, Signature
from results.models import ReportingPeriod, UnitReport
from results.services import results as result_services
from tests.campaigns.factories import ConferenceFactory

pytestmark = pytest.mark.django_db

# Every role of the permission matrices: the unit's officer and leader, another member unit's
# leader, the secretariat (Quảng Trị's officer, the 2022 chair), the ministry's observer, the
# administrator, a unit of another cluster, the superior body's account (it oversees the
# North Central cluster), and nobody signed in.
ROLES = ["canbo.nghean", "lanhdao.nghean", "lanhdao.hatinh", "canbo.quangtri", "bonoivu",
         "admin", "canbo.gialai", "captren", "anonymous"]
State = UnitReport.State
Phase = ReportingPeriod.Phase


def clients(users) -> dict[str, tuple[Client, object]]:
    """A signed-in client and the acting user per role (AnonymousUser for nobody)."""
    from django.contrib.auth.models import AnonymousUser

    out = {}
    for role in ROLES:
        client = Client()
        if role == "anonymous":
            out[role] = (client, AnonymousUser())
        else:
            client.force_login(users[role])
            out[role] = (client, users[role])
    return out


def html(client, url) -> str:
    response = client.get(url)
    return response.content.decode() if response.status_code == 200 else ""


def accepts(call) -> bool:
    """Whether the service accepts the call; nothing it does is kept."""
    try:
        with transaction.atomic():
            call()
            transaction.set_rollback(True)
    except ValidationError:
        return False
    return True


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def form_offered(page: str) -> bool:
    """A confirmation page offers the action when its form's submit button is there (crispy
    forms name it ``submit``; the page header's own forms do not)."""
    return 'name="submit"' in page


def disagreements(rows) -> list[str]:
    return [f"{case}: page offers {offered}, service accepts {accepted}"
            for case, offered, accepted in rows if offered != accepted]


# --- unit reports ----------------------------------------------------------------------------


def _report_url(name: str, report: UnitReport) -> str:
    return reverse(f"results:{name}", kwargs={
        "slug": report.period.cluster.slug, "year": report.period.year, "kind": "6-thang",
        "unit_pk": report.unit_id})


# What the report's page links to for each target state, and the service that page calls.
REPORT_ACTIONS = {
    State.SUBMITTED: "submit",
    State.REVIEWED: "review",
    State.SECOND_REVIEWED: "review",
    State.EXPLAINED: "explain",
    State.RETURNED: "return",
}


def _report_service(report: UnitReport, target: str, user):
    if target in (State.REVIEWED, State.SECOND_REVIEWED):
        return lambda: result_services.report_review(report=report, adjustments={}, note="",
                                                     acting_user=user)
    if target == State.EXPLAINED:
        criterion = report.scores.values_list("criterion_id", flat=True).first()
        return lambda: result_services.report_explain(
            report=report, explanations={criterion: "Giải trình"}, acting_user=user)
    return lambda: result_services.report_transition(report=report, to_state=target,
                                                     acting_user=user, note="Ghi chú")


@pytest.mark.parametrize("source", sorted({s for s, _t in result_services.REPORT_TRANSITIONS}))
def test_report_pages_offer_exactly_what_the_services_accept(source, north_central, users):
    period = ReportingPeriod.objects.get(cluster=north_central, year=2022,
                                         kind=ReportingPeriod.Kind.MID_YEAR)
    report = UnitReport.objects.get(period=period, unit__name="Sở Nội vụ tỉnh Nghệ An")
    targets = [t for s, t in result_services.REPORT_TRANSITIONS if s == source]
    # Evidence is content, not who or when: none is required in this walk.
    Criterion.objects.filter(cluster=north_central, year=2022).update(evidence_required=False)
    UnitReport.objects.filter(pk=report.pk).update(
        state=source, version=max(report.version, 1),
        submitted_at=None if source == State.DRAFT else timezone.now())
    rows = []
    by_role = clients(users)
    for phase in Phase.values:
        ReportingPeriod.objects.filter(pk=period.pk).update(phase=phase)
        report = UnitReport.objects.select_related("period__cluster", "unit").get(pk=report.pk)
        for role, (client, user) in by_role.items():
            page = html(client, _report_url("report", report))
            for target in targets:
                offered = _report_url(REPORT_ACTIONS[target], report) in page
                accepted = accepts(_report_service(report, target, user))
                rows.append((f"{source}→{target} in {phase} by {role}", offered, accepted))
    assert disagreements(rows) == []
    # The walk is not empty: someone may make every transition in some phase.
    assert {case.split(" in ")[0] for case, _o, accepted in rows if accepted} == {
        f"{source}→{t}" for t in targets}


# --- pledges ---------------------------------------------------------------------------------

PLEDGE_SLUGS = {PledgeStatus.OPEN: "mo-ky-ket", PledgeStatus.DRAFT: "tra-ve-du-thao",
                PledgeStatus.LOCKED: "khoa"}


def _pledge_setups(pledge: Pledge, source: str, target: str):
    """The pledge put in ``source``, as it stands (the guard may refuse) and as the move needs
    it (the guard passes: no signature yet, or one member missing)."""
    def bare():
        Pledge.objects.filter(pk=pledge.pk).update(status=source)

    def ready():
        bare()
        if source in (PledgeStatus.DRAFT, PledgeStatus.OPEN):
            Signature.objects.filter(pledge=pledge).delete()
        elif target == PledgeStatus.OPEN:
            Signature.objects.filter(pledge=pledge).first().delete()

    return {"bare": bare, "ready": ready}


@pytest.mark.parametrize("move", [k for k, t in PLEDGE_TRANSITIONS.items() if not t.automatic],
                         ids=lambda move: "→".join(move))
def test_pledge_pages_offer_exactly_what_the_services_accept(move, north_central, users):
    source, target = move
    pledge = Pledge.objects.get(cluster=north_central, year=2022)
    detail = reverse("pledges:detail", kwargs={"slug": north_central.slug, "year": 2022})
    confirm = reverse("pledges:transition", kwargs={
        "slug": north_central.slug, "year": 2022, "target": PLEDGE_SLUGS[target]})
    rows = []
    for name, setup in _pledge_setups(pledge, source, target).items():
        with rolled_back():
            setup()
            fresh = Pledge.objects.get(pk=pledge.pk)
            for role, (client, user) in clients(users).items():
                offered = form_offered(html(client, confirm))
                if offered:  # and the pledge's page leads there
                    assert confirm in html(client, detail), (name, role)
                accepted = accepts(lambda user=user, fresh=fresh: pledge_services.pledge_transition(
                    pledge=fresh, to_status=target, acting_user=user, note="Ghi chú"))
                rows.append((f"{source}→{target} ({name}) by {role}", offered, accepted))
    assert disagreements(rows) == []
    assert {role for case, _o, accepted in rows if accepted for role in [case.split()[-1]]} == {
        "canbo.quangtri", "admin"}


# --- voting sessions -------------------------------------------------------------------------

SESSION_SLUGS = {SessionStatus.OPEN: "mo-bo-phieu", SessionStatus.DRAFT: "tra-ve-chuan-bi",
                 SessionStatus.COUNTING: "kiem-phieu", SessionStatus.CLOSED: "ket-thuc"}


@pytest.fixture
def session_2023(north_central, units):
    """A 2023 session in preparation with one nomination (made by the system)."""
    commendation_services.award_rules_create_for_year(cluster=north_central, year=2023,
                                                      acting_user=None)
    conference = ConferenceFactory(
        cluster=north_central, year=2023, kind=Conference.Kind.YEAREND,
        starts_at=timezone.make_aware(datetime.datetime(2023, 12, 20, 8)))
    session = commendation_services.session_create(
        cluster=north_central, year=2023, conference=conference, title="Bình xét năm 2023",
        acting_user=None)
    commendation_services.nomination_add(
        session=session, award=AwardForm.objects.get(code="co_bo_noi_vu"), unit=units["nghean"],
        summary="Thành tích năm 2023", acting_user=None)
    return session


@pytest.mark.parametrize("move", list(SESSION_TRANSITIONS), ids=lambda move: "→".join(move))
def test_session_pages_offer_exactly_what_the_services_accept(move, session_2023, users):
    source, target = move
    session = session_2023
    if source != SessionStatus.DRAFT:
        commendation_services.session_transition(session=session, to_status=SessionStatus.OPEN,
                                                 present_count=6, acting_user=None)
    if source == SessionStatus.COUNTING:
        commendation_services.session_transition(
            session=session, to_status=SessionStatus.COUNTING, acting_user=None)
    session = VotingSession.objects.get(pk=session.pk)
    assert session.status == source
    kwargs = {"slug": session.cluster.slug, "year": 2023, "pk": session.pk}
    detail = reverse("commendations:session-detail", kwargs=kwargs)
    confirm = reverse("commendations:session-transition",
                      kwargs={**kwargs, "target": SESSION_SLUGS[target]})
    counts = {"present_count": 6} if target in (SessionStatus.OPEN, SessionStatus.CLOSED) else {}
    rows = []
    for role, (client, user) in clients(users).items():
        offered = form_offered(html(client, confirm))
        if offered:
            assert confirm in html(client, detail), role
        accepted = accepts(lambda user=user: commendation_services.session_transition(
            session=session, to_status=target, acting_user=user, **counts))
        rows.append((f"{source}→{target} by {role}", offered, accepted))
    assert disagreements(rows) == []
    assert {case.split()[-1] for case, _o, accepted in rows if accepted} == {
        "canbo.quangtri", "admin"}
    assert not Ballot.objects.filter(session=session).exists()


# --- dossiers --------------------------------------------------------------------------------


DOSSIER_SLUGS = {DossierStatus.SENT: "gui", DossierStatus.RECEIVED: "tiep-nhan",
                 DossierStatus.FORWARDED: "chuyen", DossierStatus.RETURNED: "tra-lai"}
SECRETARIAT = {"canbo.quangtri", "admin"}


def _dossier_movers(permission: str, *, paper: bool) -> set[str]:
    """Who may make a move: the secretariat sends; the superior's account receives, returns,
    forwards and decides; the secretariat records on paper only where the superior does not
    act in the app."""
    if permission == "commendations.manage_year":
        return SECRETARIAT
    if permission == SUPERIOR:
        return set() if paper else {"captren"}
    assert permission == ON_PAPER
    return SECRETARIAT if paper else set()


@pytest.mark.parametrize("paper", [False, True], ids=["superior-in-app", "on-paper"])
@pytest.mark.parametrize("move", list(DOSSIER_TRANSITIONS), ids=lambda move: "→".join(move))
def test_dossier_pages_offer_exactly_what_the_services_accept(move, paper, north_central,
                                                              users):
    source, target = move
    if paper:  # the cluster's superior body answers on paper
        SuperiorBody.objects.filter(clusters=north_central).update(records_on_paper=True)
    dossier = Dossier.objects.filter(nomination__session__cluster=north_central,
                                     nomination__session__year=2022,
                                     status=DossierStatus.DRAFT).first()
    for kind in DocumentKind.values:  # complete, so that sending it is up to who and when
        commendation_services.dossier_document_add(dossier=dossier, kind=kind, text="Nội dung",
                                                   acting_user=None)
    Dossier.objects.filter(pk=dossier.pk).update(status=source)
    dossier = Dossier.objects.get(pk=dossier.pk)
    kwargs = {"slug": north_central.slug, "year": 2022, "pk": dossier.pk}
    detail = reverse("commendations:dossier-detail", kwargs=kwargs)
    if target == DossierStatus.DECIDED:  # through the decision it records
        confirm = reverse("commendations:decision-record", kwargs=kwargs)

        def service(user):
            return commendation_services.decision_record(
                dossier=dossier, number="12/QĐ-BNV", issued_on=datetime.date(2023, 2, 1),
                issuing_body="Bộ trưởng Bộ Nội vụ", signer="Bộ trưởng", acting_user=user)
    else:
        confirm = reverse("commendations:dossier-transition",
                          kwargs={**kwargs, "target": DOSSIER_SLUGS[target]})

        def service(user):
            return commendation_services.dossier_transition(dossier=dossier, to_status=target,
                                                            acting_user=user, note="Ghi chú")
    rows = []
    for role, (client, user) in clients(users).items():
        offered = form_offered(html(client, confirm))
        if offered:
            assert confirm in html(client, detail), role
        accepted = accepts(lambda user=user: service(user))
        rows.append((f"{source}→{target} by {role}", offered, accepted))
    assert disagreements(rows) == []
    assert {case.split()[-1] for case, _o, accepted in rows if accepted} == _dossier_movers(
        DOSSIER_TRANSITIONS[move].permission, paper=paper)
    assert GrantedAward.objects.filter(nomination=dossier.nomination).count() == 0


# --- the observer and the ranking --------------------------------------------------------------


@pytest.mark.parametrize("final", [False, True], ids=["before-final", "final"])
def test_the_ranking_page_and_its_spreadsheet_agree_for_every_role(final, north_central,
                                                                  users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    period = ReportingPeriod.objects.get(cluster=north_central, year=2022,
                                         kind=ReportingPeriod.Kind.MID_YEAR)
    if final:
        result_services.period_finalise(period=period, acting_user=None)
    kwargs = {"slug": north_central.slug, "year": 2022}
    page = reverse("results:ranking", kwargs={**kwargs, "kind": "6-thang"})
    sheet = reverse("reports:ranking", kwargs={**kwargs, "period": "6-thang", "fmt": "xlsx"})
    seen = {}
    for role, (client, _user) in clients(users).items():
        answers = []
        for url in (page, sheet):
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            answers.append(response.status_code)
        assert answers[0] == answers[1], (role, answers)
        seen[role] = answers[0]
    readers = {"canbo.quangtri", "bonoivu", "admin", "captren"} | (
        {"canbo.nghean", "lanhdao.nghean", "lanhdao.hatinh"} if final else set())
    assert {role for role, status in seen.items() if status == 200} == readers
