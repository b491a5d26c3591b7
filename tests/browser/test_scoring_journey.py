"""Issue #17 in the browser, on the demo's 2022 mid-year period: the secretariat (Quảng Trị's
officer) gives Nghệ An its own target for criterion 1.2 and marks 2.3 not applicable to it
with a reason; Nghệ An's officer reads both on its report; the ranking shows the year's rule
and each unit's band."""

import pytest
from playwright.sync_api import expect

from campaigns.models import Criterion
from cluster.models import User
from results.models import ReportingPeriod
from results.selectors import ranking
from tests.browser.conftest import login

pytestmark = pytest.mark.browser
MID = "/cum/snv-bac-trung-bo/2022/ket-qua/6-thang/"


def test_secretariat_sets_a_units_target_and_a_criterion_not_applicable(new_page, live_demo):
    nghean = User.objects.get(username="canbo.nghean").unit_id
    c12 = Criterion.objects.get(cluster__slug="snv-bac-trung-bo", year=2022, code="1.2").pk
    c23 = Criterion.objects.get(cluster__slug="snv-bac-trung-bo", year=2022, code="2.3").pk

    secretary = new_page()
    login(secretary, "canbo.quangtri")
    secretary.goto(MID + "xep-hang/")
    secretary.get_by_test_id("targets-link").click()
    target = secretary.locator(f'[name="target_{nghean}_{c12}"]')
    target.fill("0")
    secretary.get_by_role("button", name="Lưu chỉ tiêu").click()
    expect(secretary.get_by_text("chỉ tiêu phải lớn hơn 0").first).to_be_visible()
    target = secretary.locator(f'[name="target_{nghean}_{c12}"]')
    expect(target).to_have_value("0")  # what was typed is kept
    target.fill("97")
    secretary.locator(f'[name="note_{nghean}_{c12}"]').fill("Khối lượng hồ sơ lớn")
    secretary.get_by_role("button", name="Lưu chỉ tiêu").click()
    expect(secretary.get_by_text("Đã lưu chỉ tiêu của các đơn vị")).to_be_visible()

    secretary.locator('[name="na-unit"]').select_option(str(nghean))
    secretary.locator('[name="na-criterion"]').select_option(str(c23))
    secretary.locator('[name="na-reason"]').fill("Sở Thông tin và Truyền thông chủ trì")
    secretary.get_by_role("button", name="Ghi tiêu chí không áp dụng").click()
    expect(secretary.get_by_test_id("not-applicable")).to_contain_text(
        "Sở Thông tin và Truyền thông chủ trì")

    secretary.goto(MID + "xep-hang/")
    expect(secretary.get_by_test_id("ranking-rule")).to_contain_text("Xuất sắc từ 90 điểm")
    # Each row's band is the year's band of its points (the demo's review moves the points:
    # the first unit's band is read from the same service, not assumed).
    period = ReportingPeriod.objects.get(cluster__slug="snv-bac-trung-bo", year=2022,
                                         kind=ReportingPeriod.Kind.MID_YEAR)
    rows = list(ranking(period=period))
    assert rows[0].band in {"Xuất sắc", "Tốt", "Khá", "Trung bình"}
    bands = secretary.get_by_test_id("rank-band")
    expect(bands).to_have_count(len(rows))
    for i, row in enumerate(rows):
        expect(bands.nth(i)).to_have_text(row.band or "")

    officer = new_page()
    login(officer, "canbo.nghean")
    officer.goto(MID + f"don-vi/{nghean}/")
    row = officer.locator('[data-testid="score-row"][data-code="2.3"]')
    expect(row.get_by_test_id("not-applicable")).to_contain_text(
        "Sở Thông tin và Truyền thông chủ trì")
    expect(officer.locator('[data-testid="score-row"][data-code="1.2"]').get_by_test_id(
        "unit-target")).to_contain_text("97")
    expect(officer.get_by_test_id("total-max")).to_have_text("85")
