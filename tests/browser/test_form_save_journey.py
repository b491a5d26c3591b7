"""A failed save keeps everything and says so at the top; an irreversible action confirms
once and cannot double-fire (issue #14, points 1, 2, 8 and 10).

* Nghệ An's officer types a bad number and chooses an evidence file, saves: the error summary
  is at the top and has the focus, links to the field, the field is marked invalid and the
  file is named to be chosen again; chosen again with the number corrected, both are saved.
  On a 390 px phone the score table fits the screen and its inputs show what they hold.
* The secretariat double-clicks "Ban hành, cấp số": asked once, one number issued."""

import pytest
from playwright.sync_api import expect

from cluster.models import Cluster
from reports.models import IssuedDocument
from results.models import EvidenceFile, ReportingPeriod
from results.services import results as services
from tests.browser.conftest import accept_confirmations, login
from tests.results.factories_results import PDF, YEAR, ReportingPeriodFactory, build_tree

EDIT = "/cum/snv-bac-trung-bo/{year}/ket-qua/6-thang/don-vi/{unit}/sua/"


@pytest.fixture
def period(live_demo):
    cluster = Cluster.objects.get(slug="snv-bac-trung-bo")
    build_tree(cluster)
    services.areas_ensure(cluster=cluster, year=YEAR)
    return ReportingPeriodFactory(cluster=cluster, year=YEAR,
                                  kind=ReportingPeriod.Kind.MID_YEAR)


def row(page, code: str):
    return page.locator(f'[data-testid="score-input-row"][data-code="{code}"]')


def test_a_failed_save_says_so_at_the_top_and_names_the_file_to_choose_again(page, period):
    from cluster.models import Unit

    nghean = Unit.objects.get(name="Sở Nội vụ tỉnh Nghệ An")
    login(page, "canbo.nghean")
    page.goto(EDIT.format(year=YEAR, unit=nghean.pk))
    page.get_by_label("Kết quả nổi bật, điển hình tiên tiến, cách làm hay").fill("Giữ lại")
    row(page, "1.2").locator("[name^=score_]").fill("chín sáu")
    evidence = row(page, "2.2").get_by_label("Tiêu chí 2.2 — Tệp minh chứng")
    evidence.set_input_files({"name": "Quyết định 15.pdf", "mimeType": "application/pdf",
                              "buffer": PDF})
    page.get_by_role("button", name="Lưu báo cáo").click()

    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.get_by_role("heading")).to_have_text("Chưa lưu được: 2 lỗi")
    expect(summary).to_contain_text(
        "Tệp “Quyết định 15.pdf” chưa được tải lên vì biểu mẫu chưa lưu được; vui lòng chọn "
        "lại tệp này trước khi lưu.")
    # The summary is above the form's first field, and its links lead to the fields.
    assert summary.bounding_box()["y"] < page.get_by_label(
        "Kết quả nổi bật, điển hình tiên tiến, cách làm hay").bounding_box()["y"]
    number = row(page, "1.2").locator("[name^=score_]")
    expect(number).to_have_attribute("aria-invalid", "true")
    expect(number).to_have_value("chín sáu")
    link = summary.get_by_role("link", name="Kết quả thực hiện (1.2)")
    assert link.get_attribute("href") == "#" + number.get_attribute("id")
    described = number.get_attribute("aria-describedby").split()
    expect(page.locator(f"#{described[0]}")).to_be_visible()
    expect(evidence).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Kết quả nổi bật, điển hình tiên tiến, cách làm hay")
           ).to_have_value("Giữ lại")
    assert not EvidenceFile.objects.filter(report__period=period).exists()

    # The number corrected and the file chosen again: both are saved.
    number.fill("96,25")
    evidence.set_input_files({"name": "Quyết định 15.pdf", "mimeType": "application/pdf",
                              "buffer": PDF})
    page.get_by_role("button", name="Lưu báo cáo").click()
    expect(page.get_by_text("Đã lưu báo cáo (phiên bản 1).")).to_be_visible()
    assert EvidenceFile.objects.get(report__period=period).original_name == "Quyết định 15.pdf"


def test_the_report_form_fits_a_phone(page, period):
    from cluster.models import Unit

    nghean = Unit.objects.get(name="Sở Nội vụ tỉnh Nghệ An")
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "canbo.nghean")
    page.goto(EDIT.format(year=YEAR, unit=nghean.pk))
    table = page.get_by_test_id("score-inputs")
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    select = row(page, "1.1").locator("select")
    select.select_option(label="Không đạt")
    assert select.bounding_box()["width"] >= 200
    assert select.evaluate("s => s.scrollWidth <= s.clientWidth")
    number = row(page, "1.2").locator("[name^=score_]")
    number.fill("96,25")
    assert number.bounding_box()["width"] >= 200
    assert number.evaluate("i => i.scrollWidth <= i.clientWidth")
    note = row(page, "1.2").get_by_label("Tiêu chí 1.2 — Thuyết minh")
    assert note.bounding_box()["width"] >= 200


def test_a_double_click_on_issue_gives_one_number(page, live_demo):
    login(page, "canbo.quangtri")
    page.goto("/cum/snv-bac-trung-bo/2022/van-ban/")
    before = IssuedDocument.objects.filter(number__isnull=False).count()
    asked = accept_confirmations(page)
    card = page.get_by_test_id("period-6-thang")
    card.get_by_label("Ngày ban hành").fill("2022-07-01")
    card.get_by_role("button", name="Ban hành, cấp số").dblclick()
    # issuing renders the report's PDF in the request: on a busy 2-core machine that is
    # more than the default 5 s
    expect(page.get_by_role("alert").filter(has_text="Đã ban hành")).to_be_visible(
        timeout=30_000)
    assert len(asked) == 1 and "cấp số chính thức" in asked[0]
    assert IssuedDocument.objects.filter(number__isnull=False).count() == before + 1
    expect(page.get_by_test_id("period-6-thang").get_by_test_id("issued")).to_have_count(1)


def test_while_issuing_the_button_is_disabled_and_says_it_is_working(page, live_demo):
    """The request is kept from leaving (the form's own listener cancels it after the page's
    script has run), so the busy form can be looked at: disabled, "Đang xử lý…", and a second
    click neither asks again nor sends."""
    login(page, "canbo.quangtri")
    page.goto("/cum/snv-bac-trung-bo/2022/van-ban/")
    before = IssuedDocument.objects.filter(number__isnull=False).count()
    asked = accept_confirmations(page)
    form = page.get_by_test_id("period-6-thang").get_by_test_id("issue-form")
    form.evaluate("f => f.addEventListener('submit', e => e.preventDefault())")
    button = form.locator("button[type=submit]")
    button.click()
    expect(button).to_be_disabled()
    expect(button).to_have_text("Đang xử lý…")
    expect(form).to_have_attribute("aria-busy", "true")
    button.dispatch_event("click")
    form.evaluate("f => f.requestSubmit()")
    assert len(asked) == 1 and "cấp số chính thức" in asked[0]
    assert IssuedDocument.objects.filter(number__isnull=False).count() == before
