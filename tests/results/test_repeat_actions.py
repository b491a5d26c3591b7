"""Submitting a report and finalising a period sent twice (a double click, a second tab;
issue #14): the second request changes nothing and is answered with the first one's result;
the forms send once (cluster/forms.js), their checkbox being the one confirmation."""

import html

import pytest
from django.test import Client

from results.models import ReportEvent, ReportingPeriod, UnitReport
from tests.results.results_fixtures import *  # noqa: F401,F403  (fixtures)
from tests.results.results_fixtures import MID, report_path, save

pytestmark = pytest.mark.django_db
State = UnitReport.State
Phase = ReportingPeriod.Phase


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_report_submitted_twice_is_submitted_once(period, tree, units, users):
    nghean = units["nghean"]
    report = save(period, nghean, users["canbo.nghean"])
    leader = client_for(users["lanhdao.nghean"])
    page = leader.get(report_path(nghean, "nop/")).content.decode()
    assert 'data-testid="submit-form" data-busy="Đang xử lý…"' in html.unescape(page)
    assert "cluster/forms.js" in page
    data = {"version": report.version, "confirm": "on"}
    assert leader.post(report_path(nghean, "nop/"), data).status_code == 302
    report.refresh_from_db()
    submitted_at, version = report.submitted_at, report.version
    events = ReportEvent.objects.filter(report=report).count()
    response = leader.post(report_path(nghean, "nop/"), data, follow=True)
    text = html.unescape(response.content.decode())
    assert response.redirect_chain[0][1] == 302
    assert "Báo cáo đã được nộp lúc " in text and "không nộp lại." in text
    assert "alert-danger" not in text
    report.refresh_from_db()
    assert (report.state, report.submitted_at, report.version) == (
        State.SUBMITTED, submitted_at, version)
    assert ReportEvent.objects.filter(report=report).count() == events


def test_a_period_finalised_twice_is_finalised_once(period, tree, units, users):
    save(period, units["nghean"], users["canbo.nghean"])
    secretary = client_for(users["canbo.quangtri"])
    page = secretary.get(MID + "chot/").content.decode()
    assert 'data-busy="Đang xử lý…"' in html.unescape(page) and "cluster/forms.js" in page
    assert secretary.post(MID + "chot/", {"confirm": "on"}).status_code == 302
    period.refresh_from_db()
    finalised_at = period.finalised_at
    events = ReportEvent.objects.filter(report__period=period).count()
    response = secretary.post(MID + "chot/", {"confirm": "on"}, follow=True)
    text = html.unescape(response.content.decode())
    assert response.redirect_chain[0] == (MID + "xep-hang/", 302)
    assert "Kỳ báo cáo đã được chốt kết quả; không chốt lại." in text
    assert "alert-danger" not in text
    period.refresh_from_db()
    assert period.phase == Phase.FINAL and period.finalised_at == finalised_at
    assert ReportEvent.objects.filter(report__period=period).count() == events


@pytest.mark.parametrize("who", ["lanhdao.hatinh", "canbo.nghean"])
def test_others_cannot_submit_or_finalise(period, tree, units, users, who):
    report = save(period, units["nghean"], users["canbo.nghean"])
    client = client_for(users[who])
    response = client.post(report_path(units["nghean"], "nop/"),
                           {"version": report.version, "confirm": "on"})
    assert response.status_code == 404
    assert client.post(MID + "chot/", {"confirm": "on"}).status_code in (403, 404)
    report.refresh_from_db()
    period.refresh_from_db()
    assert report.state == State.DRAFT and period.phase == Phase.SUBMITTING
