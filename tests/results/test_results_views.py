"""The report pages through the views: saving what officers type, the refusal of a save
based on an old version (nothing typed is lost), uploads (wrong types, oversize, hostile
names), downloads as attachments, submitting (late, missing evidence), review with a comment
and a file, return and resubmission, explanation, the board, the ranking, phases,
finalising, creating a period, the dashboard panel and the navigation link."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from results.models import (
    AreaNarrative,
    CriterionScore,
    EvidenceFile,
    ReportingPeriod,
    StateArea,
    UnitReport,
)
from results.services import results as services
from results.templatetags.ket_qua import diem
from tests.results.factories_results import PDF, PNG, YEAR, pdf
from tests.results.results_fixtures import *  # noqa: F401,F403  (fixtures)
from tests.results.results_fixtures import BASE, MID, report_path, save, set_phase, submitted

pytestmark = pytest.mark.django_db
State = UnitReport.State
Phase = ReportingPeriod.Phase


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(response) -> str:
    return html.unescape(response.content.decode())


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


@pytest.fixture
def nghean(units):
    return units["nghean"]


@pytest.fixture
def officer(users):
    return client_for(users["canbo.nghean"])


@pytest.fixture
def leader(users):
    return client_for(users["lanhdao.nghean"])


@pytest.fixture
def secretary(users):
    return client_for(users["canbo.quangtri"])


def test_points_are_written_with_a_decimal_comma():
    assert [diem(v) for v in (Decimal("96.25"), Decimal("60.00"), Decimal("7.5"), -1, 0,
                              None)] == ["96,25", "60", "7,50", "-1", "0", ""]


# --- the unit writes its report --------------------------------------------------------------


def test_an_officer_fills_in_and_saves_the_report(period, tree, nghean, officer):
    response = officer.get(report_path(nghean, "sua/"))
    assert response.status_code == 200
    text = page(response)
    assert "Tổ chức bộ máy, biên chế" in text and "Tín ngưỡng, tôn giáo" in text
    assert "1.3.2" in text and "cần minh chứng" in text
    area = StateArea.objects.get(cluster=period.cluster, year=YEAR, order=0)
    response = officer.post(report_path(nghean, "sua/"), {
        "version": "0", f"area_{area.pk}": "Thẩm định 12 đề án vị trí việc làm",
        "key_figures": "12 đề án", "highlights": "Số hóa hồ sơ", "shortcomings": "Chậm",
        "proposals": "Tập huấn",
        f"score_{tree['1.1'].pk}": "1", f"score_{tree['1.3.1'].pk}": "0",
        f"score_{tree['1.2'].pk}": "96,25", f"note_{tree['1.2'].pk}": "Theo số liệu một cửa",
        f"file_{tree['1.2'].pk}": pdf("Số liệu một cửa.pdf"),
        f"score_{tree['2.2'].pk}": "3", f"score_{tree['3.2'].pk}": "1",
    })
    assert response.status_code == 302 and response["Location"] == report_path(nghean)
    report = UnitReport.objects.get(period=period, unit=nghean)
    assert (report.version, report.key_figures, report.last_saved_by.username) == (
        1, "12 đề án", "canbo.nghean")
    assert AreaNarrative.objects.get(report=report, area=area).text.startswith("Thẩm định 12")
    score = CriterionScore.objects.get(report=report, criterion=tree["1.2"])
    assert (score.actual, score.note) == (Decimal("96.25"), "Theo số liệu một cửa")
    assert CriterionScore.objects.get(report=report, criterion=tree["1.3.1"]).achieved is False
    response = officer.get(report_path(nghean))
    text = page(response)
    assert "Đã lưu báo cáo (phiên bản 1)." in text
    assert "96,25" in text  # what was entered, with a decimal comma
    # 10 + 15 (over target: the criterion's maximum, never more) + 7.5 - 1 = 31.5
    assert re.search(r'data-testid="total-self">31,50<', response.content.decode())
    assert "Số liệu một cửa.pdf" in text
    assert "Công chức TĐKT Sở Nội vụ Nghệ An" in text  # in the history of saves


def test_the_report_page_lists_the_good_practices_taken_from_it(period, nghean, officer,
                                                                 users):
    from results.models import GoodPractice

    report = save(period, nghean, users["canbo.nghean"])
    practice = GoodPractice.objects.create(
        cluster=period.cluster, year=YEAR, unit=nghean, report=report,
        title="Một cửa số ở cấp xã", description="Số hóa hồ sơ một cửa")
    body = officer.get(report_path(nghean)).content.decode()
    assert f'/dien-hinh/{practice.pk}/">Một cửa số ở cấp xã</a>' in body


def test_nothing_can_be_written_before_the_period_opens(period, nghean, officer):
    ReportingPeriod.objects.filter(pk=period.pk).update(phase=Phase.NOT_OPEN)
    assert "Soạn báo cáo" not in page(officer.get(report_path(nghean)))
    response = officer.get(report_path(nghean, "sua/"), follow=True)
    assert "Kỳ báo cáo đang ở giai đoạn “Chưa mở”, chưa nhận báo cáo." in page(response)


def test_save_and_continue_returns_to_the_form(period, nghean, officer):
    response = officer.post(report_path(nghean, "sua/"), {"version": "0", "tiep-tuc": "1",
                                                          "highlights": "Nháp"})
    assert response["Location"] == report_path(nghean, "sua/")


def test_a_save_based_on_an_old_version_is_refused_and_nothing_typed_is_lost(
        period, tree, nghean, users):
    first, second = client_for(users["canbo.nghean"]), client_for(users["lanhdao.nghean"])
    assert first.get(report_path(nghean, "sua/")).status_code == 200
    assert second.get(report_path(nghean, "sua/")).status_code == 200
    response = first.post(report_path(nghean, "sua/"), {
        "version": "0", "highlights": "Bản của cán bộ", f"score_{tree['2.2'].pk}": "2"})
    assert response.status_code == 302
    typed = {"version": "0", "highlights": "Bản của lãnh đạo, gõ rất lâu",
             "shortcomings": "Hạn chế do lãnh đạo viết", f"score_{tree['2.2'].pk}": "5",
             f"note_{tree['2.2'].pk}": "Năm điển hình", f"file_{tree['2.2'].pk}": pdf()}
    response = second.post(report_path(nghean, "sua/"), typed)
    assert response.status_code == 200
    text = page(response)
    assert "Báo cáo vừa được Công chức TĐKT Sở Nội vụ Nghệ An lưu lúc" in text
    assert "Thay đổi của bạn CHƯA được lưu" in text
    assert "chưa được tải lên vì biểu mẫu chưa lưu được; vui lòng chọn lại tệp này" in text
    # Everything typed is on the form again ...
    assert "Bản của lãnh đạo, gõ rất lâu</textarea>" in text
    assert "Hạn chế do lãnh đạo viết</textarea>" in text and "Năm điển hình</textarea>" in text
    assert re.search(rf'name="score_{tree["2.2"].pk}" value="5"', text)
    # ... with what the other person saved beside the fields that differ, and the form now
    # carries the latest version, so saving again is a deliberate choice.
    assert "Bản vừa lưu: Bản của cán bộ" in text and "Bản vừa lưu: 2" in text
    assert re.search(r'name="version" value="1"', text)
    report = UnitReport.objects.get(period=period, unit=nghean)
    assert (report.version, report.highlights, report.shortcomings) == (1, "Bản của cán bộ", "")
    assert not EvidenceFile.objects.filter(report__period=period).exists()
    response = second.post(report_path(nghean, "sua/"), {**typed, "version": "1",
                                                         f"file_{tree['2.2'].pk}": pdf()})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.version, report.highlights) == (2, "Bản của lãnh đạo, gõ rất lâu")


def test_a_report_submitted_while_an_officer_types_keeps_what_they_typed(
        period, nghean, officer, users):
    report = save(period, nghean, users["canbo.nghean"])
    services.report_transition(report=report, to_state=State.SUBMITTED,
                               acting_user=users["lanhdao.nghean"])
    response = officer.post(report_path(nghean, "sua/"), {
        "version": report.version, "proposals": "Đề xuất gõ dở"})
    assert response.status_code == 200
    text = page(response)
    assert "Báo cáo đang ở trạng thái “Đã nộp”, không thể sửa." in text
    assert "Đề xuất gõ dở</textarea>" in text


def test_bad_inputs_come_back_with_messages_and_nothing_is_saved(period, tree, nghean, officer):
    response = officer.post(report_path(nghean, "sua/"), {
        "version": "0", "highlights": "Không lưu", f"score_{tree['1.2'].pk}": "-5",
        f"score_{tree['2.2'].pk}": "hai", f"score_{tree['1.1'].pk}": "có lẽ"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {f"score_{tree[c].pk}" for c in ("1.2", "2.2", "1.1")}
    assert "Không lưu</textarea>" in page(response)
    assert not UnitReport.objects.filter(period=period).exists()


# --- uploads and downloads ---------------------------------------------------------------------


@pytest.mark.parametrize("name, content, message", [
    ("bao-cao.pdf", b"<html><script>alert(1)</script></html>", "không khớp với phần mở rộng"),
    ("bao-cao.exe", b"MZ\x90\x00" + b"\x00" * 100, "Chỉ chấp nhận tệp PDF"),
    ("anh.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "HTML, SVG"),
    ("rong.pdf", b"", "Tệp tải lên rỗng"),
])
def test_wrong_types_are_refused_by_the_form(period, tree, nghean, officer, name, content,
                                             message):
    response = officer.post(report_path(nghean, "sua/"), {
        "version": "0", "highlights": "Giữ lại",
        f"file_{tree['1.2'].pk}": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert message in page(response)
    assert "Giữ lại</textarea>" in page(response)
    assert not EvidenceFile.objects.filter(report__period=period).exists()
    assert not UnitReport.objects.filter(period=period).exists()


def test_an_oversize_file_is_refused(period, tree, nghean, officer, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    response = officer.post(report_path(nghean, "sua/"), {
        "version": "0", "general_file": SimpleUploadedFile("lon.pdf", PDF + b"0" * 2000)})
    assert "Tệp quá lớn (2 KB); dung lượng tối đa là 1 KB." in page(response)
    assert not EvidenceFile.objects.filter(report__period=period).exists()


def test_a_hostile_name_is_cleaned_stored_under_a_generated_name_and_downloaded_safely(
        period, tree, nghean, officer, users):
    hostile = '../../<img src=x onerror=alert(1)>\u202eđánh giá.pdf'
    response = officer.post(report_path(nghean, "sua/"), {
        "version": "0", f"file_{tree['1.2'].pk}": SimpleUploadedFile(hostile, PDF)})
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get(report__period=period)
    assert evidence.original_name == "img src=x onerror=alert(1)_đánh giá.pdf"
    assert re.fullmatch(r"evidence/reports/\d{4}/[0-9a-f]{32}\.pdf", evidence.file.name)
    body = officer.get(report_path(nghean)).content.decode()
    assert "<img" not in body and ">img src=x onerror=alert(1)_đánh giá.pdf</a>" in body
    response = officer.get(report_path(nghean, f"minh-chung/{evidence.pk}/"))
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="') and "filename*=UTF-8''" in disposition
    assert "<" not in disposition.split("filename*")[0] and "\u202e" not in disposition
    assert b"".join(response.streaming_content) == PDF


def test_an_image_is_accepted_as_evidence(period, tree, nghean, officer):
    officer.post(report_path(nghean, "sua/"), {
        "version": "0", "general_file": SimpleUploadedFile("anh.jpg", PNG)})
    evidence = EvidenceFile.objects.get(report__period=period)
    assert (evidence.mime, evidence.original_name, evidence.criterion) == (
        "image/png", "anh.png", None)


# --- submitting ---------------------------------------------------------------------------------


def test_the_leader_cannot_submit_without_required_evidence(period, tree, nghean, leader,
                                                            users):
    report = save(period, nghean, users["canbo.nghean"],
                  scores={tree["1.3.2"].pk: {"count": 2}})
    response = leader.get(report_path(nghean, "nop/"))
    assert "Còn thiếu tệp minh chứng bắt buộc cho tiêu chí: 1.3.2." in page(response)
    response = leader.post(report_path(nghean, "nop/"), {"version": report.version,
                                                         "confirm": "on"})
    assert response.status_code == 200
    assert "Thiếu tệp minh chứng bắt buộc cho tiêu chí: 1.3.2." in page(response)
    assert UnitReport.objects.get(pk=report.pk).state == State.DRAFT


def test_a_late_submission_is_marked_everywhere_and_the_deadline_stays(
        period, tree, nghean, leader, secretary, users):
    deadline = timezone.now() - datetime.timedelta(hours=2)
    ReportingPeriod.objects.filter(pk=period.pk).update(deadline=deadline)
    report = save(period, nghean, users["canbo.nghean"])
    response = leader.get(report_path(nghean, "nop/"))
    assert "báo cáo sẽ được ghi nhận nộp muộn" in page(response)
    response = leader.post(report_path(nghean, "nop/"), {"version": report.version,
                                                         "confirm": "on"}, follow=True)
    text = page(response)
    assert "Sở Nội vụ tỉnh Nghệ An đã nộp báo cáo 6 tháng đầu năm 2023." in text
    assert "Báo cáo được ghi nhận nộp muộn" in text
    assert 'data-testid="late-badge"' in response.content.decode()
    board = secretary.get(MID)
    rows = re.findall(r'data-testid="board-row" data-status="(\w+)"', board.content.decode())
    assert sorted(rows) == ["late", "overdue", "overdue", "overdue", "overdue", "overdue"]
    assert ReportingPeriod.objects.get(pk=period.pk).deadline == deadline


def test_the_leader_is_told_when_the_report_changed_since_they_opened_it(
        period, nghean, leader, users):
    report = save(period, nghean, users["canbo.nghean"])
    seen = report.version
    save(period, nghean, users["canbo.nghean"], fields={"highlights": "Sửa muộn"})
    response = leader.post(report_path(nghean, "nop/"), {"version": seen, "confirm": "on"})
    text = page(response)
    assert "hãy xem lại trước khi nộp" in text and "Sửa muộn" in text
    assert UnitReport.objects.get(pk=report.pk).state == State.DRAFT


# --- the secretariat ---------------------------------------------------------------------------


def test_review_with_a_comment_and_a_file_then_explanation_and_second_review(
        period, tree, nghean, officer, secretary, users):
    submitted(period, nghean, users["canbo.nghean"], users["lanhdao.nghean"],
              scores={tree["2.2"].pk: {"count": 4}, tree["1.1"].pk: {"achieved": True}})
    path = report_path(nghean, "tham-dinh/")
    response = secretary.post(path, {f"adjust_{tree['2.2'].pk}": "5"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        f"comment_{tree['2.2'].pk}": ["Tiêu chí 2.2: vui lòng ghi ý kiến khi điều chỉnh điểm."]}
    response = secretary.post(path, {
        f"adjust_{tree['2.2'].pk}": "5", f"comment_{tree['2.2'].pk}": "Chỉ 2 điển hình có QĐ",
        f"file_{tree['2.2'].pk}": pdf("Biên bản thẩm định.pdf"), "note": "Thẩm định lần 1"})
    assert response.status_code == 302
    text = page(officer.get(report_path(nghean)))
    assert "Đã thẩm định" in text and "Chỉ 2 điển hình có QĐ" in text
    assert "Biên bản thẩm định.pdf" in text
    assert "Đã nộp → Đã thẩm định" in text
    # Explanation opens with its phase.
    assert officer.get(report_path(nghean, "giai-trinh/")).status_code == 302
    set_phase(period, Phase.EXPLAINING, users["canbo.quangtri"])
    response = officer.get(report_path(nghean, "giai-trinh/"))
    assert "Chỉ 2 điển hình có QĐ" in page(response)
    response = officer.post(report_path(nghean, "giai-trinh/"), {
        f"explain_{tree['2.2'].pk}": "Bổ sung QĐ số 15 và 16",
        f"file_{tree['2.2'].pk}": pdf("QĐ 15.pdf")})
    assert response.status_code == 302
    response = secretary.get(path)
    assert "Thẩm định lại sau giải trình" in page(response)
    assert "Bổ sung QĐ số 15 và 16" in page(response)
    response = secretary.post(path, {f"adjust_{tree['2.2'].pk}": "10",
                                     f"comment_{tree['2.2'].pk}": "Chấp nhận giải trình"})
    assert response.status_code == 302
    report = UnitReport.objects.get(unit=nghean, period=period)
    assert report.state == State.SECOND_REVIEWED and report.final_total == Decimal("20.00")


def test_return_for_more_information_and_resubmission(period, tree, nghean, officer, leader,
                                                      secretary, users):
    submitted(period, nghean, users["canbo.nghean"], users["lanhdao.nghean"])
    response = secretary.post(report_path(nghean, "tra-lai/"), {"note": " "})
    assert "This field is required" in page(response) or "Trường này là bắt buộc" in page(
        response)
    response = secretary.post(report_path(nghean, "tra-lai/"),
                              {"note": "Bổ sung số liệu cải cách hành chính"})
    assert response.status_code == 302
    text = page(officer.get(report_path(nghean)))
    assert re.search(r'data-testid="returned-note"><strong>Cụm trưởng trả lại để bổ sung:'
                     r'</strong> Bổ sung số liệu cải cách hành chính', text)
    report = UnitReport.objects.get(unit=nghean, period=period)
    response = officer.post(report_path(nghean, "sua/"), {"version": report.version,
                                                          "key_figures": "Đã bổ sung"})
    assert response.status_code == 302
    report.refresh_from_db()
    response = leader.post(report_path(nghean, "nop/"), {"version": report.version,
                                                         "confirm": "on"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == State.SUBMITTED and report.key_figures == "Đã bổ sung"


def test_the_board_shows_every_status(period, tree, units, users, secretary):
    save(period, units["nghean"], users["canbo.nghean"])
    submitted(period, units["thanhhoa"], users["canbo.thanhhoa"], users["lanhdao.thanhhoa"])
    report = submitted(period, units["hatinh"], users["canbo.hatinh"], users["lanhdao.hatinh"])
    services.report_transition(report=report, to_state=State.RETURNED,
                               acting_user=users["canbo.quangtri"], note="Bổ sung")
    report = submitted(period, units["quangtri"], users["canbo.quangtri"],
                       users["lanhdao.quangtri"])
    # The chair unit's own report is reviewed by the vice-chair unit (issue #17).
    services.report_review(report=report, adjustments={}, acting_user=users["canbo.hue"])
    response = secretary.get(MID)
    body = response.content.decode()
    rows = re.findall(r'<tr data-testid="board-row" data-status="(\w+)">\s*<td>'
                      r'(?:<a href="[^"]+">)?Sở Nội vụ tỉnh ([^<]+)<', body)
    assert sorted(rows) == sorted([
        ("draft", "Nghệ An"), ("submitted", "Thanh Hóa"), ("returned", "Hà Tĩnh"),
        ("reviewed", "Quảng Trị"), ("not_started", "Quảng Bình"),
        ("not_started", "Thừa Thiên Huế")])
    # A draft is listed by status only: no link to its content.
    assert report_path(units["nghean"]) not in body
    assert report_path(units["thanhhoa"]) in body
    assert "Đang soạn: 1" in page(response) and "Đã nộp: 1" in page(response)


def test_the_ranking_orders_by_final_points_and_shows_the_tie_break(
        period, tree, units, users, secretary):
    for key, count in (("nghean", 2), ("thanhhoa", 2), ("hatinh", 4)):
        submitted(period, units[key], users[f"canbo.{key}"], users[f"lanhdao.{key}"],
                  scores={tree["2.2"].pk: {"count": count}})
    ReportingPeriod.objects.filter(pk=period.pk).update(
        tie_break=ReportingPeriod.TieBreak.NONE)
    response = secretary.get(MID + "xep-hang/")
    body = response.content.decode()
    assert re.findall(r'data-testid="rank-row" data-rank="(\d)"', body) == ["1", "2", "2"]
    assert "(đồng hạng)" in page(response) and "Tạm tính" in page(response)
    assert "Khi bằng điểm: Đồng hạng." in page(response)
    assert re.findall(r'data-testid="rank-final">([^<]+)<', body) == ["10", "5", "5"]


def test_phases_move_forward_and_back_and_finalising_locks_every_report(
        period, tree, units, users, secretary, officer):
    response = secretary.post(MID + "giai-doan/", {"phase": "tham_dinh"}, follow=True)
    assert "Kỳ báo cáo chuyển sang giai đoạn “Cụm trưởng thẩm định”." in page(response)
    response = secretary.post(MID + "giai-doan/", {"phase": "chua_mo"}, follow=True)
    assert "Chỉ có thể chuyển sang giai đoạn liền kề." in page(response)
    secretary.post(MID + "giai-doan/", {"phase": "nop"})
    save(period, units["nghean"], users["canbo.nghean"])
    response = secretary.post(MID + "chot/", {})
    assert response.status_code == 200 and response.context["form"].errors
    response = secretary.post(MID + "chot/", {"confirm": "on"}, follow=True)
    assert "mọi báo cáo đã bị khóa" in page(response)
    period.refresh_from_db()
    assert period.phase == Phase.FINAL
    assert UnitReport.objects.get(unit=units["nghean"], period=period).state == State.FINAL
    response = officer.get(report_path(units["nghean"], "sua/"), follow=True)
    assert "“Đã chốt”, không thể sửa" in page(response)
    # Once final, the members see the ranking too.
    assert officer.get(MID + "xep-hang/").status_code == 200


def test_period_settings_change_the_deadline_openly(period, secretary):
    response = secretary.post(MID + "cai-dat/", {"deadline": "2023-07-01T17:00",
                                                  "tie_break": "nop_som"})
    assert response.status_code == 302
    period.refresh_from_db()
    assert (timezone.localtime(period.deadline).date(), period.tie_break) == (
        datetime.date(2023, 7, 1), "nop_som")
    assert period.history.first().history_change_reason.startswith("Đổi hạn nộp")


def test_creating_a_period(north_central, secretary):
    path = "/cum/snv-bac-trung-bo/2024/ket-qua/tao-ky/"
    response = secretary.post(path, {"kind": "ca_nam", "deadline": "2024-11-30T17:00",
                                     "tie_break": "tu_cham"}, follow=True)
    assert "Đã tạo kỳ báo cáo: Báo cáo cả năm 2024." in page(response)
    assert ReportingPeriod.objects.get(cluster=north_central, year=2024).phase == Phase.NOT_OPEN
    assert StateArea.objects.filter(cluster=north_central, year=2024).count() == 9
    response = secretary.get(path)
    assert [v for v, _ in response.context["form"].fields["kind"].choices] == ["6_thang"]


# --- navigation and dashboard ---------------------------------------------------------------


def test_the_navigation_links_to_the_reports(period, officer):
    body = officer.get(f"/cum/snv-bac-trung-bo/{YEAR}/").content.decode()
    assert f'href="{BASE}">Báo cáo</a>' in body


def test_the_dashboard_panel_shows_the_next_step_and_the_board(period, tree, units, users):
    save(period, units["nghean"], users["canbo.nghean"])
    home = f"/cum/snv-bac-trung-bo/{YEAR}/"
    text = page(client_for(users["canbo.nghean"]).get(home))
    assert "Báo cáo kết quả thi đua năm 2023" in text and "Soạn báo cáo" in text
    text = page(client_for(users["lanhdao.nghean"]).get(home))
    assert "Xem và nộp báo cáo" in text
    submitted(period, units["thanhhoa"], users["canbo.thanhhoa"], users["lanhdao.thanhhoa"])
    text = page(client_for(users["canbo.quangtri"]).get(home))
    assert "1 báo cáo chờ thẩm định" in text and "Đang soạn: 1" in text
    text = page(client_for(users["bonoivu"]).get(home))
    assert "Đã nộp: 1" in text
    text = page(client_for(users["canbo.hatinh"]).get(home))  # a member: who is done
    assert "Đã nộp: 1" in text and "chờ thẩm định" not in text


def test_the_periods_page_links_to_the_units_report(period, officer, nghean):
    text = page(officer.get(BASE))
    assert report_path(nghean) in text and "Chưa bắt đầu" in text
