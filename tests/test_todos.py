"""The home page's "Việc cần làm" (issue #14, point 3): a member unit's leader (and officer)
sees first the actions waiting for them — sign the pledge, cast the ballot, write, submit or
explain the unit's report — each a large button to the action, with its deadline where there
is one; "Không có việc nào đang chờ." when nothing waits; nothing for the secretariat's own
role, observers or administrators beyond their unit's work. Built from what the panels already
read: no query of its own, the same count with more data."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cluster.models import User
from pledges.models import PledgeStatus
from results.models import ReportingPeriod, UnitReport
from tests.commendations.factories import cast, vote_setup
from tests.factories import UserFactory
from tests.pledges.factories import CommitmentFactory, PledgeFactory
from tests.results.factories_results import ReportingPeriodFactory, UnitReportFactory

pytestmark = pytest.mark.django_db
YEAR = 2022
TODO = re.compile(r'data-testid="todo" data-key="([a-z0-9_-]+)"')


@pytest.fixture
def open_year():
    """Six members, each with a leader and an officer; a session open for voting, an open
    pledge and a mid-year period taking reports, due in a week."""
    setup = vote_setup(units=6, open_with_present=6)
    pledge = PledgeFactory(cluster=setup.cluster, year=YEAR, status=PledgeStatus.OPEN,
                           title="Giao ước thi đua năm 2022")
    CommitmentFactory(pledge=pledge, position=1)
    deadline = timezone.now() + datetime.timedelta(days=7)
    period = ReportingPeriodFactory(cluster=setup.cluster, year=YEAR, deadline=deadline,
                                    phase=ReportingPeriod.Phase.SUBMITTING)
    return setup, pledge, period


def _home(client, setup) -> str:
    return client.get(f"/cum/{setup.cluster.slug}/{YEAR}/").content.decode()


def _todos(html: str) -> list[str]:
    return TODO.findall(html)


def test_a_leader_sees_sign_and_vote_first_on_the_home_page(client, open_year):
    setup, pledge, period = open_year
    client.force_login(setup.leader_of(1))
    html = _home(client, setup)
    keys = _todos(html)
    assert keys[0] == "report-6-thang"  # the only one with a deadline comes first
    assert set(keys) == {"pledge-sign", f"vote-{setup.session.pk}", "report-6-thang"}
    # First on the page: before the cluster's name and every panel.
    first = html.index('data-testid="todos"')
    assert first < html.index('data-testid="cluster-name"')
    assert first < html.index('data-testid="pledge-panel"')
    assert "Việc cần làm" in html
    section = html[first:html.index("</section>", first)]
    assert (f'href="/cum/{setup.cluster.slug}/{YEAR}/giao-uoc/ky/"' in section
            or "giao-uoc" in section)
    assert f"/phien/{setup.session.pk}/bo-phieu/" in section
    assert "Ký giao ước" in section and "Bỏ phiếu" in section
    assert "Giao ước thi đua năm 2022" in section and "Bình xét năm 2022" in section
    assert "Soạn báo cáo" in section
    local = timezone.localtime(period.deadline)
    assert f"Hạn: {local:%H:%M, %d/%m/%Y}" in section
    assert "đã quá hạn" not in section
    # The plain home page (the user's working year) shows the same, first.
    plain = client.get("/").content.decode()
    assert _todos(plain) == keys
    assert plain.index('data-testid="todos"') < plain.index('data-testid="cluster-name"')


def test_each_link_leads_to_a_page_the_leader_may_open(client, open_year):
    setup, _pledge, _period = open_year
    client.force_login(setup.leader_of(1))
    html = _home(client, setup)
    section = html[html.index('data-testid="todos"'):]
    section = section[:section.index("</section>")]
    for url in re.findall(r'href="([^"]+)"', section):
        assert client.get(url).status_code == 200, url


def test_after_signing_and_voting_the_items_go(client, open_year):
    setup, pledge, _period = open_year
    leader = setup.leader_of(1)
    client.force_login(leader)
    response = client.post(f"/cum/{setup.cluster.slug}/{YEAR}/giao-uoc/ky/", {"confirm": "on"})
    assert response.status_code == 302
    assert pledge.signatures.filter(unit=leader.unit).exists()
    keys = _todos(_home(client, setup))
    assert "pledge-sign" not in keys and f"vote-{setup.session.pk}" in keys
    cast(setup, 1, False)
    assert _todos(_home(client, setup)) == ["report-6-thang"]


def test_an_officer_sees_the_report_item_not_the_leaders(client, open_year):
    setup, _pledge, period = open_year
    unit = setup.members[1]
    client.force_login(setup.officers[unit.pk])
    html = _home(client, setup)
    assert _todos(html) == ["report-6-thang"]
    assert "Ký giao ước</span>" not in html
    # A draft in a passed deadline still waits, marked late.
    period.deadline = timezone.now() - datetime.timedelta(days=1)
    period.phase = ReportingPeriod.Phase.VERIFYING
    period.save()
    assert "đã quá hạn" in _home(client, setup)


def test_a_returned_report_asks_to_be_completed_without_a_deadline(client, open_year):
    setup, _pledge, period = open_year
    unit = setup.members[1]
    period.phase = ReportingPeriod.Phase.EXPLAINING
    period.save()
    UnitReportFactory(period=period, unit=unit, state=UnitReport.State.RETURNED)
    client.force_login(setup.officers[unit.pk])
    html = _home(client, setup)
    assert _todos(html) == ["report-6-thang"]
    assert "Bổ sung báo cáo bị trả lại" in html
    assert 'data-testid="todo-deadline"' not in html


def test_observers_and_administrators_have_no_unit_to_dos(client, open_year):
    setup, _pledge, _period = open_year
    admin = User.objects.create_superuser("quantri", "qt@example.gov.vn", "mat-khau-thu")
    observer = UserFactory(unit=None, role=User.Role.OBSERVER)
    for user in (admin, observer):
        client.force_login(user)
        html = _home(client, setup)
        assert 'data-testid="todos"' not in html, user
        assert not _todos(html)


def test_the_secretariat_sees_only_its_own_units_work(client, open_year):
    """The secretary is an officer of the chair unit: its report waits for it, but signing
    and voting are its leader's."""
    setup, _pledge, _period = open_year
    client.force_login(setup.secretary)
    assert _todos(_home(client, setup)) == ["report-6-thang"]


def test_nothing_waiting_is_said_plainly(client):
    setup = vote_setup(units=3)  # a session in preparation, no pledge, no period
    client.force_login(setup.leader_of(1))
    html = _home(client, setup)
    assert not _todos(html)
    assert "Không có việc nào đang chờ." in html
    # The plain home page shows the same.
    assert "Không có việc nào đang chờ." in client.get("/").content.decode()


def test_another_clusters_staff_sees_no_to_do_of_this_one(client, open_year):
    setup, _pledge, _period = open_year
    other = vote_setup(units=3)
    client.force_login(other.leader_of(0))
    assert client.get(f"/cum/{setup.cluster.slug}/{YEAR}/").status_code == 404


def _count(client, setup) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/cum/{setup.cluster.slug}/{YEAR}/").status_code == 200
    return len(queries)


def test_the_leaders_home_keeps_its_query_count_as_the_data_grows(client, open_year):
    setup, pledge, period = open_year
    client.force_login(setup.leader_of(1))
    _count(client, setup)  # the session's first read
    before = _count(client, setup)
    assert before <= 15
    # More votes, signatures and reports of other units.
    for index in (2, 3, 4):
        cast(setup, index, True)
        UnitReportFactory(period=period, unit=setup.members[index])
    from tests.pledges.factories import SignatureFactory
    for unit in setup.members[2:5]:
        SignatureFactory(pledge=pledge, unit=unit, signer_name="Lãnh đạo")
    assert _count(client, setup) == before
    client.force_login(setup.officers[setup.members[1].pk])
    _count(client, setup)
    assert _count(client, setup) <= 15
