"""Django admin of unit results: reports, scores, narratives, the log and sent reminders are
shown, not edited (their writes belong to the services); a report's one editable flag is
saved without overwriting what its unit saved meanwhile; periods move phase only through
period_set_phase."""

import pytest
from django.contrib.admin import site

from results.models import (
    CriterionScore,
    EvidenceFile,
    ReminderLog,
    ReportEvent,
    ReportingPeriod,
    UnitReport,
)
from results.services import results as services

pytestmark = pytest.mark.django_db
A = "/quan-tri/results/"


@pytest.fixture
def report(demo_data, users):
    """Hà Tĩnh's report, returned for completion, so its unit may save it in this phase."""
    report = UnitReport.objects.get(unit__short_name="Hà Tĩnh", period__year=2022)
    return services.report_transition(report=report, to_state=UnitReport.State.RETURNED,
                                      acting_user=users["canbo.quangtri"], note="Bổ sung")


def test_report_page_shows_everything_and_edits_only_the_flag(admin_client, report):
    html = admin_client.get(f"{A}unitreport/{report.pk}/change/").content.decode()
    assert 'name="is_illustrative"' in html
    assert 'name="highlights"' not in html and 'name="state"' not in html
    assert "Gương sáng ngành Nội vụ" in html  # the report's text, read-only
    assert "Tổ chức bộ máy, biên chế" in html  # a narrative inline
    assert admin_client.get(f"{A}unitreport/add/").status_code == 403


def test_saving_the_flag_keeps_what_the_unit_saved_meanwhile(admin_client, report, users, rf):
    stale = UnitReport.objects.get(pk=report.pk)  # what the admin's form was built from
    services.report_save(report=report, expected_version=report.version,
                         acting_user=users["canbo.hatinh"],
                         fields={"highlights": "Viết sau khi quản trị mở trang"})
    stale.is_illustrative = False
    request = rf.post("/")
    request.user = users["admin"]
    form = type("Form", (), {"changed_data": ["is_illustrative"]})()
    site.get_model_admin(UnitReport).save_model(request, stale, form, change=True)
    report.refresh_from_db()
    assert report.is_illustrative is False
    assert report.highlights == "Viết sau khi quản trị mở trang"
    # And through the page itself.
    response = admin_client.post(f"{A}unitreport/{report.pk}/change/", {
        "is_illustrative": "on", **inline_management()})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_illustrative is True
    assert report.highlights == "Viết sau khi quản trị mở trang"


def inline_management() -> dict:
    data = {}
    for prefix in ("narratives", "scores", "evidence", "events"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "0"})
    return data


@pytest.mark.parametrize("model", [CriterionScore, ReportEvent, ReminderLog])
def test_scores_log_and_reminders_are_read_only(admin_client, demo_data, model):
    name = model._meta.model_name
    if model is ReminderLog:
        period = ReportingPeriod.objects.get(year=2022)
        ReminderLog.objects.create(period=period, unit=period.reports.first().unit,
                                   key="qua-han", recipients="a@b.vn")
    obj = model.objects.first()
    response = admin_client.get(f"{A}{name}/{obj.pk}/change/")
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert admin_client.get(f"{A}{name}/add/").status_code == 403
    assert admin_client.get(f"{A}{name}/{obj.pk}/delete/").status_code == 403


def test_evidence_can_be_removed_until_final_but_not_added(admin_client, demo_data):
    evidence = EvidenceFile.objects.first()
    assert admin_client.get(f"{A}evidencefile/add/").status_code == 403
    assert admin_client.get(f"{A}evidencefile/{evidence.pk}/delete/").status_code == 200


def test_period_opens_its_next_phase_through_the_service(admin_client, north_central):
    period = services.period_create(cluster=north_central, year=2023,
                                    kind=ReportingPeriod.Kind.YEAR_END,
                                    deadline=ReportingPeriod.objects.get(year=2022).deadline,
                                    acting_user=None)
    response = admin_client.post(f"{A}reportingperiod/", {
        "action": "open_next_phase", "_selected_action": [period.pk]}, follow=True)
    assert "Đơn vị nộp báo cáo" in response.content.decode()
    period.refresh_from_db()
    assert period.phase == ReportingPeriod.Phase.SUBMITTING
    assert period.history.first().history_user.is_superuser
    html = admin_client.get(f"{A}reportingperiod/{period.pk}/change/").content.decode()
    assert 'name="phase"' not in html
    assert 'name="deadline_0"' in html  # the deadline stays editable


@pytest.fixture
def draft(demo_data):
    """A report its unit is still writing: never submitted, with a line of its own."""
    report = UnitReport.objects.filter(period__year=2022, submitted_at__isnull=True).first()
    assert report is not None, "the demo has a draft report"
    UnitReport.objects.filter(pk=report.pk).update(highlights="NHÁP RIÊNG CỦA ĐƠN VỊ")
    return UnitReport.objects.get(pk=report.pk)


def test_a_draft_is_the_units_own_in_the_admin_too(admin_client, draft):
    """Issue #10: a superuser read a unit's unsubmitted draft. The admin shows that the draft
    exists and its state, not what the unit wrote, scored or uploaded, until it is submitted."""
    html = admin_client.get(f"{A}unitreport/{draft.pk}/change/").content.decode()
    assert draft.get_state_display() in html
    assert "NHÁP RIÊNG CỦA ĐƠN VỊ" not in html
    listing = admin_client.get(f"{A}unitreport/?q=NHÁP").content.decode()
    assert "0 " in listing or "NHÁP RIÊNG" not in listing
    narratives = admin_client.get(f"{A}areanarrative/?q={draft.unit.name}").content.decode()
    assert f"/areanarrative/{draft.narratives.first().pk}/" not in narratives
    for model, row in (("areanarrative", draft.narratives.first()),
                       ("criterionscore", draft.scores.first())):
        if row is not None:
            assert admin_client.get(f"{A}{model}/{row.pk}/change/").status_code == 302  # gone
    history = draft.history.first()
    assert admin_client.get(
        f"{A}unitreport/{draft.pk}/history/{history.history_id}/").status_code == 404


def test_a_submitted_report_is_shown_in_full(admin_client, report):
    html = admin_client.get(f"{A}areanarrative/").content.decode()
    assert f"/areanarrative/{report.narratives.first().pk}/" in html
