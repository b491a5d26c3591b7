"""The unit report's journey in the browser: Nghệ An's officer fills in and saves the
mid-year report, the leader submits it, the secretariat (Quảng Trị's officer) reviews it and
adjusts one criterion with a comment, the officer explains, the secretariat reviews again and
finalises the period. Each step is visible to the next person; another member unit sees on
the board that Nghệ An has submitted, without its report.

The 2023 period and its criteria tree are made here (the demo's own 2022 reports are not
used); Quảng Trị, the 2022 chair, acts as 2023's secretariat until that year's chair is
confirmed."""

import pytest
from playwright.sync_api import expect

from cluster.models import Cluster
from results.models import ReportingPeriod
from results.services import results as services
from tests.browser.conftest import login
from tests.results.factories_results import PDF, YEAR, ReportingPeriodFactory, build_tree

HOME = f"/cum/snv-bac-trung-bo/{YEAR}/"


@pytest.fixture
def period(live_demo):
    cluster = Cluster.objects.get(slug="snv-bac-trung-bo")
    build_tree(cluster)
    services.areas_ensure(cluster=cluster, year=YEAR)
    return ReportingPeriodFactory(cluster=cluster, year=YEAR,
                                  kind=ReportingPeriod.Kind.MID_YEAR)


def row(page, testid: str, code: str):
    return page.locator(f'[data-testid="{testid}"][data-code="{code}"]')


def test_officer_leader_and_secretariat_take_a_report_from_draft_to_final(new_page, period):
    officer = new_page()
    login(officer, "canbo.nghean")
    officer.goto(HOME)
    panel = officer.get_by_test_id("results-panel")
    expect(panel).to_contain_text("Báo cáo 6 tháng đầu năm 2023")
    panel.get_by_role("link", name="Soạn báo cáo").click()
    expect(officer.get_by_test_id("report-state")).to_have_text("Chưa bắt đầu")
    officer.get_by_role("link", name="Soạn báo cáo").click()
    officer.get_by_label("Cải cách hành chính").fill(
        "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 96,25%; số hóa toàn bộ hồ sơ một cửa.")
    officer.get_by_label("Kết quả nổi bật, điển hình tiên tiến, cách làm hay").fill(
        "Mô hình “Một cửa số” được các đơn vị trong Cụm đến học tập.")
    row(officer, "score-input-row", "1.1").locator("select").select_option(label="Đạt")
    quantitative = row(officer, "score-input-row", "1.2")
    quantitative.locator("[name^=score_]").fill("96,25")
    quantitative.get_by_label("Tệp minh chứng").set_input_files(
        {"name": "Số liệu một cửa 6 tháng.pdf", "mimeType": "application/pdf", "buffer": PDF})
    row(officer, "score-input-row", "2.2").locator("[name^=score_]").fill("4")
    officer.get_by_role("button", name="Lưu báo cáo").click()
    expect(officer.get_by_text("Đã lưu báo cáo (phiên bản 1).")).to_be_visible()
    expect(officer.get_by_test_id("report-state")).to_have_text("Dự thảo")
    # 10 (1.1) + 15 (1.2: the only actual, over target: its maximum, never more) + 10 (2.2)
    expect(officer.get_by_test_id("total-self")).to_have_text("35")
    expect(row(officer, "score-row", "1.2").get_by_test_id("entered")).to_have_text("96,25")
    expect(officer.get_by_test_id("evidence-link")).to_have_text("Số liệu một cửa 6 tháng.pdf")
    # Submitting is the leader's.
    expect(officer.get_by_role("link", name="Nộp báo cáo", exact=True)).to_have_count(0)

    leader = new_page()
    login(leader, "lanhdao.nghean")
    leader.goto(HOME)
    leader.get_by_test_id("results-panel").get_by_role("link",
                                                        name="Xem và nộp báo cáo").click()
    leader.get_by_role("link", name="Nộp báo cáo", exact=True).click()
    expect(leader.get_by_test_id("highlights")).to_contain_text("Một cửa số")
    leader.get_by_label("Tôi đã xem toàn bộ nội dung báo cáo và đồng ý nộp thay mặt đơn vị."
                        ).check()
    leader.get_by_role("button", name="Nộp báo cáo").click()
    expect(leader.get_by_text("Sở Nội vụ tỉnh Nghệ An đã nộp báo cáo")).to_be_visible()
    expect(leader.get_by_test_id("report-state")).to_have_text("Đã nộp")
    expect(leader.get_by_test_id("late-badge")).to_have_count(0)

    peer = new_page()  # another member sees who is done, not what they wrote
    login(peer, "canbo.hatinh")
    peer.goto(HOME)
    peer.get_by_test_id("results-panel").get_by_role("link", name="Tiến độ nộp báo cáo").click()
    done = peer.locator('[data-testid="board-row"][data-status="submitted"]')
    expect(done).to_contain_text("Sở Nội vụ tỉnh Nghệ An")
    expect(done.get_by_role("link")).to_have_count(0)
    expect(peer.get_by_test_id("board-member-note")).to_be_visible()

    secretary = new_page()
    login(secretary, "canbo.quangtri")
    secretary.goto(HOME)
    panel = secretary.get_by_test_id("results-panel")
    expect(panel).to_contain_text("1 báo cáo chờ thẩm định")
    secretary.get_by_role("link", name="Báo cáo", exact=True).click()
    secretary.get_by_test_id("board-link").click()
    board_row = secretary.locator('[data-testid="board-row"][data-status="submitted"]')
    expect(board_row).to_contain_text("Sở Nội vụ tỉnh Nghệ An")
    board_row.get_by_role("link", name="Sở Nội vụ tỉnh Nghệ An").click()
    secretary.get_by_role("link", name="Thẩm định", exact=True).click()
    adjusted = row(secretary, "review-row", "2.2")
    adjusted.get_by_label("Điểm thẩm định").fill("5")
    secretary.get_by_role("button", name="Lưu kết quả thẩm định").click()
    # A change without a comment is refused, at the top and beside the field; what was
    # typed stays.
    expect(secretary.get_by_test_id("error-summary")).to_be_focused()
    expect(adjusted.get_by_text("Tiêu chí 2.2: vui lòng ghi ý kiến khi điều chỉnh điểm.")
           ).to_be_visible()
    expect(adjusted.get_by_label("Điểm thẩm định")).to_have_value("5")
    adjusted.get_by_label("Ý kiến thẩm định").fill(
        "Chỉ 2 điển hình có quyết định biểu dương của UBND tỉnh.")
    secretary.get_by_role("button", name="Lưu kết quả thẩm định").click()
    expect(secretary.get_by_test_id("report-state")).to_have_text("Đã thẩm định")
    expect(secretary.get_by_test_id("total-final")).to_have_text("30")
    # The explanation phase opens.
    secretary.get_by_role("link", name="Giai đoạn").first.click()
    secretary.get_by_role("button", name="Mở giai đoạn: Cụm trưởng thẩm định").click()
    secretary.get_by_role("button",
                          name="Mở giai đoạn: Đơn vị giải trình, thẩm định lại").click()
    expect(secretary.get_by_test_id("period-phase")).to_have_text(
        "Đơn vị giải trình, thẩm định lại")

    officer.reload()
    expect(row(officer, "score-row", "2.2").get_by_test_id("review-comment")).to_contain_text(
        "Chỉ 2 điển hình có quyết định biểu dương")
    officer.get_by_role("link", name="Giải trình").click()
    explain = row(officer, "explain-row", "2.2")
    # Each control says which criterion it is about (issue #14).
    explain.get_by_label("Tiêu chí 2.2 — Giải trình", exact=True).fill(
        "Điển hình thứ ba, thứ tư có Quyết định số 15/QĐ-SNV, gửi kèm.")
    explain.get_by_label("Tiêu chí 2.2 — Tệp giải trình").set_input_files(
        {"name": "QĐ 15.pdf", "mimeType": "application/pdf", "buffer": PDF})
    officer.get_by_role("button", name="Gửi giải trình").click()
    expect(officer.get_by_text("Đã gửi giải trình tới Cụm trưởng.")).to_be_visible()
    expect(officer.get_by_test_id("report-state")).to_have_text("Đơn vị đã giải trình")

    secretary.get_by_role("link", name="Tiến độ nộp báo cáo").click()
    secretary.locator('[data-testid="board-row"][data-status="explained"]').get_by_role(
        "link", name="Sở Nội vụ tỉnh Nghệ An").click()
    secretary.get_by_role("link", name="Thẩm định lại").click()
    second = row(secretary, "review-row", "2.2")
    expect(second.get_by_test_id("explanation")).to_contain_text("Quyết định số 15/QĐ-SNV")
    second.get_by_label("Điểm thẩm định").fill("7,5")
    second.get_by_label("Ý kiến thẩm định").fill("Chấp nhận thêm một điển hình.")
    secretary.get_by_role("button", name="Lưu kết quả thẩm định lại").click()
    expect(secretary.get_by_test_id("report-state")).to_have_text("Đã thẩm định lại")
    expect(secretary.get_by_test_id("total-final")).to_have_text("32,50")
    secretary.get_by_role("link", name="Giai đoạn").first.click()
    secretary.get_by_role("link", name="Chốt kết quả").click()
    secretary.get_by_label("Tôi hiểu rằng sau khi chốt").check()
    secretary.get_by_role("button", name="Chốt kết quả").click()
    expect(secretary.get_by_text("mọi báo cáo đã bị khóa")).to_be_visible()
    ranking = secretary.get_by_test_id("rank-row")
    expect(ranking).to_have_count(1)
    expect(ranking).to_contain_text("Sở Nội vụ tỉnh Nghệ An")
    expect(ranking.get_by_test_id("rank-final")).to_have_text("32,50")

    officer.reload()
    expect(officer.get_by_test_id("report-state")).to_have_text("Đã chốt")
    expect(officer.get_by_role("link", name="Sửa báo cáo")).to_have_count(0)
    events = officer.get_by_test_id("events")
    for step in ("Dự thảo → Đã nộp", "Đã nộp → Đã thẩm định",
                 "Đã thẩm định → Đơn vị đã giải trình",
                 "Đơn vị đã giải trình → Đã thẩm định lại", "Đã thẩm định lại → Đã chốt"):
        expect(events).to_contain_text(step)
