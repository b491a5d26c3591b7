"""Issue #17 in the browser: the vice-chair (Thừa Thiên Huế) reviews the chair's (Quảng
Trị's) own report while the secretariat is refused, and the secretariat adjusts one criterion
across every unit on the review-by-criterion page (a missing comment is refused with what was
typed kept, then saved)."""

import re

from playwright.sync_api import expect

from campaigns.models import Criterion
from results.models import ReportingPeriod, UnitReport
from tests.browser.conftest import login

NC = "snv-bac-trung-bo"
M = f"/cum/{NC}/2022/ket-qua/6-thang/"


def test_the_vice_chair_reviews_the_chair_and_a_criterion_is_adjusted_across_units(new_page):
    period = ReportingPeriod.objects.get(cluster__slug=NC, year=2022,
                                         kind=ReportingPeriod.Kind.MID_YEAR)
    chair = UnitReport.objects.select_related("unit").get(period=period,
                                                          unit__short_name="Quảng Trị")
    UnitReport.objects.filter(pk=chair.pk).update(state=UnitReport.State.SUBMITTED)
    report_path = f"{M}don-vi/{chair.unit_id}/"

    secretary = new_page()
    login(secretary, "canbo.quangtri")
    secretary.goto(report_path)
    expect(secretary.get_by_test_id("designated-reviewer")).to_contain_text(
        "Sở Nội vụ tỉnh Thừa Thiên Huế")
    expect(secretary.get_by_test_id("report-actions").get_by_role(
        "link", name="Thẩm định")).to_have_count(0)
    secretary.goto(report_path + "tham-dinh/")
    expect(secretary.get_by_text(re.compile("chính đơn vị mình"))).to_be_visible()

    vice = new_page()
    login(vice, "canbo.hue")
    vice.goto(report_path)
    vice.get_by_test_id("report-actions").get_by_role("link", name="Thẩm định").click()
    vice.get_by_role("button", name="Lưu kết quả thẩm định").click()
    expect(vice.get_by_test_id("reviewed-by")).to_contain_text("Sở Nội vụ tỉnh Thừa Thiên Huế")

    secretary.goto(M + "xep-hang/")
    row = secretary.get_by_test_id("rank-row").filter(
        has=secretary.get_by_role("cell", name="Sở Nội vụ tỉnh Quảng Trị", exact=True))
    expect(row.get_by_test_id("rank-reviewer")).to_contain_text("Sở Nội vụ tỉnh Thừa Thiên Huế")

    secretary.get_by_test_id("criterion-review-link").click()
    c22 = Criterion.objects.get(cluster__slug=NC, year=2022, code="2.2")
    secretary.get_by_label("Tiêu chí").select_option(value=str(c22.pk))
    secretary.get_by_role("button", name="Mở tiêu chí").click()
    expect(secretary.get_by_test_id("criterion-title")).to_contain_text("2.2")
    units = secretary.get_by_test_id("criterion-unit")
    expect(units).to_have_count(5)
    expect(units.filter(has_text="Quảng Trị").get_by_test_id("read-only-reason")).to_be_visible()
    editable = secretary.locator("input[name^=adjust_]")
    assert editable.count() >= 2, "Hà Tĩnh (submitted) and Nghệ An (explained) await review"
    hatinh = units.filter(has_text="Hà Tĩnh")
    hatinh.get_by_label(re.compile("Điểm thẩm định 2.2")).fill("2,5")
    secretary.get_by_test_id("criterion-save").click()
    expect(secretary.get_by_test_id("cell-error")).to_contain_text("ghi ý kiến")
    expect(hatinh.get_by_label(re.compile("Điểm thẩm định 2.2"))).to_have_value("2,5")
    hatinh.get_by_label(re.compile("Ý kiến thẩm định 2.2")).fill("Chỉ 1 điển hình có quyết định.")
    nghean = units.filter(has_text="Nghệ An")
    nghean.get_by_label(re.compile("Điểm thẩm định 2.2")).fill("4")
    nghean.get_by_label(re.compile("Ý kiến thẩm định 2.2")).fill("Thống nhất cách tính.")
    secretary.get_by_test_id("criterion-save").click()
    expect(secretary.get_by_text("Đã lưu điểm thẩm định của 2 báo cáo.")).to_be_visible()
    expect(units.filter(has_text="Hà Tĩnh").get_by_test_id("cell-current")).to_have_text("2,50")
