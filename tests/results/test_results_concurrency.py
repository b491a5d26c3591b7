"""Parallel requests against the live server on PostgreSQL: two saves of the same version
never both win (no lost update), a report is submitted once, a save racing the submission
never lands after it, and parallel submissions leave every unit's stored points equal to
what the cluster's inputs give."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from cluster.models import Cluster, Unit, User
from results.models import ReportEvent, ReportingPeriod, UnitReport
from results.selectors.results import period_points
from results.services import results as services
from tests.concurrency import post_in_parallel, session_for, skip_unless_postgres
from tests.results.factories_results import YEAR, ReportingPeriodFactory, build_tree, pdf

pytestmark = pytest.mark.concurrency
State = UnitReport.State
SLUG = "snv-bac-trung-bo"
REFUSED = "Thay đổi của bạn CHƯA được lưu"


@pytest.fixture
def demo(live_server, transactional_db):
    skip_unless_postgres()
    call_command("load_demo", "--quiet-logins", stdout=io.StringIO())
    cluster = Cluster.objects.get(slug=SLUG)
    tree = build_tree(cluster)
    services.areas_ensure(cluster=cluster, year=YEAR)
    period = ReportingPeriodFactory(cluster=cluster, year=YEAR)
    return period, tree


def person(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


def path(unit: Unit, suffix: str) -> str:
    return f"/cum/{SLUG}/{YEAR}/ket-qua/6-thang/don-vi/{unit.pk}/{suffix}"


def draft(period, key: str, scores: dict | None = None) -> UnitReport:
    officer = person(f"canbo.{key}")
    report = services.report_get_or_create(period=period, unit=officer.unit,
                                           acting_user=officer)
    return services.report_save(report=report, expected_version=report.version,
                                acting_user=officer, fields={"highlights": "Bản đầu"},
                                scores=scores or {})


def test_two_saves_of_the_same_version_never_both_win(live_server, demo):
    period, tree = demo
    report = draft(period, "nghean")
    nghean = report.unit
    for round_ in range(3):
        version = UnitReport.objects.get(pk=report.pk).version
        texts = [f"Cán bộ, lượt {round_}", f"Lãnh đạo, lượt {round_}"]
        responses = post_in_parallel(live_server.url, [
            (session_for(person(username)), path(nghean, "sua/"),
             {"version": version, "highlights": text,
              f"score_{tree['2.2'].pk}": str(i + 1)})
            for i, (username, text) in enumerate(zip(("canbo.nghean", "lanhdao.nghean"),
                                                     texts, strict=True))
        ])
        statuses = [r.status for r in responses]
        assert sorted(statuses) == [200, 302], [r.body[-500:] for r in responses]
        winner = statuses.index(302)
        loser = responses[1 - winner]
        assert REFUSED in loser.body and texts[1 - winner] in loser.body  # typed text kept
        report.refresh_from_db()
        assert report.version == version + 1
        assert report.highlights == texts[winner]
        assert report.scores.get(criterion=tree["2.2"]).count == winner + 1


def test_a_report_is_submitted_once(live_server, demo):
    period, _tree = demo
    report = draft(period, "nghean")
    leader = person("lanhdao.nghean")
    responses = post_in_parallel(live_server.url, [
        (session_for(leader), path(report.unit, "nop/"),
         {"version": report.version, "confirm": "on"}) for _ in range(3)])
    statuses = sorted(r.status for r in responses)
    assert statuses == [200, 200, 302], [r.body[-500:] for r in responses]
    for response in responses:
        if response.status == 200:
            assert "Báo cáo đang ở trạng thái “Đã nộp”, không cần nộp." in response.body or \
                "Báo cáo đã ở trạng thái “Đã nộp”." in response.body
    assert ReportEvent.objects.filter(report=report, to_state=State.SUBMITTED).count() == 1
    assert UnitReport.objects.get(pk=report.pk).state == State.SUBMITTED


def test_a_save_racing_the_submission_never_lands_after_it(live_server, demo):
    period, _tree = demo
    report = draft(period, "nghean")
    for round_ in range(3):
        report.refresh_from_db()
        if report.state == State.SUBMITTED:
            services.report_transition(report=report, to_state=State.RETURNED,
                                       acting_user=person("canbo.quangtri"), note="Bổ sung")
            report.refresh_from_db()
        before = report.state
        text = f"Sửa lượt {round_}"
        responses = post_in_parallel(live_server.url, [
            (session_for(person("canbo.nghean")), path(report.unit, "sua/"),
             {"version": report.version, "highlights": text}),
            (session_for(person("lanhdao.nghean")), path(report.unit, "nop/"),
             {"version": report.version, "confirm": "on"}),
        ])
        report.refresh_from_db()
        saved, submitted = report.highlights == text, report.state == State.SUBMITTED
        assert saved != submitted, [r.body[-500:] for r in responses]
        assert [r.status == 302 for r in responses] == [saved, submitted]
        if submitted:  # the submission came first: the save was refused, its text kept
            assert "không thể sửa" in responses[0].body and text in responses[0].body
        else:  # the save came first: the leader is told the report changed under them
            assert report.state == before
            assert "hãy xem lại trước khi nộp" in responses[1].body


def test_parallel_submissions_leave_stored_points_equal_to_the_clusters_inputs(
        live_server, demo):
    """Each submission changes the quantitative leader for everyone; the period lock makes
    the recomputations follow one another, so the last one sees every submission."""
    period, tree = demo
    keys = ["nghean", "thanhhoa", "hatinh", "quangtri"]
    for i, key in enumerate(keys):
        report = draft(period, key, {tree["1.2"].pk: {"actual": Decimal(96 + i)}})
        services.evidence_add(report=report, uploaded_file=pdf(),
                              acting_user=person(f"canbo.{key}"), criterion=tree["1.2"])
    reports = {key: UnitReport.objects.get(period=period, unit=person(f"canbo.{key}").unit)
               for key in keys}
    responses = post_in_parallel(live_server.url, [
        (session_for(person(f"lanhdao.{key}")), path(reports[key].unit, "nop/"),
         {"version": reports[key].version, "confirm": "on"}) for key in keys])
    assert [r.status for r in responses] == [302] * len(keys), [r.body[-300:] for r in responses]
    expected = period_points(period=ReportingPeriod.objects.get(pk=period.pk))
    for key, report in reports.items():
        report.refresh_from_db()
        stored = {s.criterion_id: s.self_points for s in report.scores.all()}
        assert stored == expected[report.pk], key
        assert report.self_total == sum(expected[report.pk].values())
    leader = reports["quangtri"]  # the highest actual (99) leads: its maximum, never above
    assert leader.scores.get(criterion=tree["1.2"]).self_points == Decimal("15.00")


def test_drafts_saved_beside_submissions_keep_every_units_points_right(live_server, demo):
    """Saves hold the period FOR SHARE and recompute only their own report; a submission
    holds it FOR UPDATE and recomputes everyone. Whatever order the database picks, every
    stored point ends equal to what the cluster's inputs give."""
    period, tree = demo
    submitting, saving = ["nghean", "thanhhoa"], ["hatinh", "quangtri", "quangbinh", "hue"]
    for i, key in enumerate(submitting):
        report = draft(period, key, {tree["1.2"].pk: {"actual": Decimal(97 + i)}})
        services.evidence_add(report=report, uploaded_file=pdf(),
                              acting_user=person(f"canbo.{key}"), criterion=tree["1.2"])
    reports = {key: draft(period, key) for key in saving}
    reports.update({key: UnitReport.objects.get(period=period, unit=person(f"canbo.{key}").unit)
                    for key in submitting})
    field = f"score_{tree['1.2'].pk}"
    responses = post_in_parallel(live_server.url, [
        (session_for(person(f"lanhdao.{key}")), path(reports[key].unit, "nop/"),
         {"version": reports[key].version, "confirm": "on"}) for key in submitting] + [
        (session_for(person(f"canbo.{key}")), path(reports[key].unit, "sua/"),
         {"version": reports[key].version, "highlights": "Song song", field: str(95 + i)})
        for i, key in enumerate(saving)])
    assert [r.status for r in responses] == [302] * 6, [r.body[-300:] for r in responses]
    expected = period_points(period=ReportingPeriod.objects.get(pk=period.pk))
    for key, report in reports.items():
        report.refresh_from_db()
        stored = {s.criterion_id: s.self_points for s in report.scores.all()}
        assert stored == expected[report.pk], key
        assert report.self_total == sum(expected[report.pk].values()), key
    assert reports["quangbinh"].scores.get(criterion=tree["1.2"]).actual == Decimal(97)
    # over target: the maximum of 15 (no criterion gives more, issue #13)
    assert reports["thanhhoa"].scores.get(criterion=tree["1.2"]).self_points == Decimal("15.00")
