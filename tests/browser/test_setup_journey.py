"""A new customer starts from an empty database (issue #13, "Done when"): `migrate` and
`createsuperuser`, nothing else — no demo data. The administrator signs in, is led through the
set-up (the cluster, its members from the registry, the first year's chair and vice-chair, an
officer account), finds the year's checklist on the cluster's home page, imports the criteria
table from an .xlsx file and opens the first reporting period, without ever visiting Django
admin. (Invitations of people come with the accounts pages of another branch.)"""

import io
import os

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cluster.models import Cluster, ClusterYear, Membership, User
from commendations.national_catalogue import catalogue_load
from results.models import ReportingPeriod
from tests.browser.conftest import login
from tests.spreadsheet_files import xlsx

PASSWORD = "Mat-khau-quan-tri-2026"
NAME = "Cụm thi đua các Sở Nội vụ vùng Đồng bằng sông Cửu Long"
SLUG = "cum-thi-dua-cac-so-noi-vu-vung-dong-bang-song-cuu-long"
YEAR = 2026
MEMBERS = ["Sở Nội vụ thành phố Cần Thơ", "Sở Nội vụ tỉnh Vĩnh Long", "Sở Nội vụ tỉnh Đồng Tháp",
           "Sở Nội vụ tỉnh An Giang", "Sở Nội vụ tỉnh Cà Mau"]
CRITERIA_HEADER = ["Mã", "Mã tiêu chí cha", "Cấp", "Tên tiêu chí", "Cách tính điểm",
                   "Điểm tối đa", "Chỉ tiêu"]
CRITERIA = [
    ["I", "", 1, "Công tác chỉ đạo, điều hành", "", 40],
    ["1.1", "I", 2, "Ban hành kế hoạch thi đua năm", "Định tính", "10"],
    ["1.2", "I", 2, "Tổ chức ký kết giao ước thi đua", "Định tính", "10"],
    ["1.3", "I", 2, "Tỷ lệ văn bản ban hành đúng hạn", "Định lượng", "20", "95"],
    ["II", "", 1, "Thực hiện nhiệm vụ chuyên môn", "", 60],
    ["2.1", "II", 2, "Cải cách hành chính", "Định tính", "30"],
    ["2.2", "II", 2, "Chuyển đổi số", "Định tính", "30"],
]


@pytest.fixture
def empty_site(transactional_db, live_server):
    """The database as `migrate` leaves it on a fresh install: the registry and the award
    catalogue its data migrations load (applied again here, since the tests that ran before
    may have flushed them), no cluster, no user but the one `createsuperuser` makes."""
    call_command("load_registry", stdout=io.StringIO())
    catalogue_load()
    assert not Cluster.objects.exists() and not User.objects.exists()
    os.environ["DJANGO_SUPERUSER_PASSWORD"] = PASSWORD
    try:
        call_command("createsuperuser", interactive=False, username="quantri",
                     email="quantri@snv.cantho.gov.vn", stdout=io.StringIO())
    finally:
        del os.environ["DJANGO_SUPERUSER_PASSWORD"]
    return live_server


def test_a_new_administrator_sets_up_a_cluster_and_opens_its_first_period(browser, empty_site):
    context = browser.new_context(base_url=empty_site.url, locale="vi-VN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    visited = []
    page.on("request", lambda request: visited.append(request.url))
    try:
        _journey(page)
    finally:
        context.close()
    assert not [url for url in visited if "/quan-tri/" in url]


def _journey(page):
    login(page, "quantri", PASSWORD)
    # The home page of an instance without any cluster leads to the set-up.
    expect(page.get_by_test_id("setup-start")).to_contain_text("Bắt đầu: thiết lập cụm thi đua")
    page.get_by_role("link", name="Bắt đầu thiết lập").click()

    # 1. The cluster.
    page.get_by_label("Tên cụm, khối thi đua").fill(NAME)
    expect(page.get_by_label("Cơ quan cấp trên")).to_have_value("Bộ Nội vụ")
    page.get_by_label("Ký hiệu văn bản của cụm").fill("CTĐ-ĐBSCL")
    page.get_by_label("Năm bắt đầu dùng phần mềm").fill(str(YEAR))
    page.get_by_role("button", name="Tạo cụm và tiếp tục").click()
    expect(page.get_by_text(f"Đã tạo {NAME}.")).to_be_visible()

    # 2. The members, found with the search box and ticked in rotation order.
    expect(page.locator("[data-unit-row]")).to_have_count(34)
    search = page.get_by_label("Tìm đơn vị")
    # Typed as people type, with or without diacritics.
    for name, typed in zip(MEMBERS, ["can tho", "Vĩnh Long", "dong thap", "an giang", "Cà Mau"],
                           strict=True):
        search.fill(typed)
        expect(page.locator("[data-unit-row]:visible")).to_have_count(1)
        page.get_by_label(name, exact=True).check()
    search.fill("")
    page.get_by_label("Chỉ hiện đơn vị đã chọn").check()
    expect(page.locator("[data-unit-row]:visible")).to_have_count(5)
    expect(page.get_by_label(f"Thứ tự luân phiên của {MEMBERS[4]}")).to_have_value("5")
    page.get_by_role("button", name="Lưu thành viên và tiếp tục").click()
    expect(page.get_by_text("Đã lưu 5 đơn vị thành viên năm 2026.")).to_be_visible()

    # 3. The chair and vice-chair: the rotation proposes the first two; a slip is refused.
    expect(page.get_by_test_id("proposal")).to_contain_text(MEMBERS[0])
    page.get_by_label("Cụm phó").select_option(label=MEMBERS[0])
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Cụm trưởng và Cụm phó phải là hai đơn vị khác nhau.")
           ).to_be_visible()
    page.get_by_label("Cụm phó").select_option(label=MEMBERS[1])
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Đã xác nhận Cụm trưởng, Cụm phó năm 2026.")).to_be_visible()

    # 4. An officer account for the chair unit (the secretariat); the import is offered too.
    expect(page.get_by_test_id("members-import-link")).to_be_visible()
    expect(page.get_by_test_id("account-row")).to_have_count(5)
    page.get_by_label(f"Thư điện tử — {MEMBERS[0]}").fill("vanthu@snv.cantho.gov.vn")
    page.get_by_label(f"Họ và tên — {MEMBERS[0]}").fill("Trần Thị Văn Thư")
    page.get_by_role("button", name="Tạo tài khoản và hoàn tất").click()
    expect(page.get_by_text("Đã tạo 1 tài khoản công chức")).to_be_visible()

    # The cluster-year's home: the year's checklist, nothing done yet.
    checklist = page.get_by_test_id("year-checklist")
    expect(checklist).to_contain_text("0/6 đã xong")
    criteria_item = page.locator('[data-testid="checklist-item"][data-key="criteria"]')
    expect(criteria_item).to_have_attribute("data-done", "0")

    # The criteria table from the cluster's own .xlsx.
    criteria_item.get_by_role("link").click()
    page.get_by_role("link", name="Nhập từ Excel").click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files({
        "name": "tieu-chi-2026.xlsx", "buffer": xlsx(CRITERIA_HEADER, CRITERIA),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    page.get_by_role("button", name="Tải lên và xem trước").click()
    expect(page.get_by_test_id("preview-ok")).to_contain_text("7 tiêu chí mới")
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.get_by_text("Đã nhập bảng tiêu chí: 7 mới, 0 sửa, 0 không đổi.")).to_be_visible()
    expect(page.get_by_test_id("total")).to_contain_text("100")

    # The first reporting period, created from the checklist and opened for the units.
    page.goto(f"/cum/{SLUG}/{YEAR}/")
    expect(criteria_item).to_have_attribute("data-done", "1")
    page.locator('[data-testid="checklist-item"][data-key="periods"]').get_by_role("link").click()
    page.get_by_role("link", name="Tạo kỳ báo cáo").click()
    page.get_by_label("Hạn nộp").fill(f"{YEAR}-06-15T17:00")
    page.get_by_role("button", name="Tạo kỳ báo cáo").click()
    expect(page.get_by_test_id("period")).to_contain_text("Chưa mở")
    page.get_by_role("link", name="Giai đoạn").first.click()
    page.get_by_role("button", name="Mở giai đoạn: Đơn vị nộp báo cáo").click()
    expect(page.get_by_test_id("period-phase")).to_have_text("Đơn vị nộp báo cáo")

    page.goto(f"/cum/{SLUG}/{YEAR}/")
    expect(checklist).to_contain_text("2/6 đã xong")

    cluster = Cluster.objects.get(slug=SLUG)
    assert cluster.series_code == "CTĐ-ĐBSCL"
    assert [m.unit.name for m in Membership.objects.filter(cluster=cluster)
            .order_by("rotation_order")] == MEMBERS
    roles = ClusterYear.objects.get(cluster=cluster, year=YEAR)
    assert (roles.chair.name, roles.vice_chair.name) == (MEMBERS[0], MEMBERS[1])
    officer = User.objects.get(username="vanthu@snv.cantho.gov.vn")
    assert (officer.unit.name, officer.role) == (MEMBERS[0], User.Role.OFFICER)
    period = ReportingPeriod.objects.get(cluster=cluster, year=YEAR)
    assert period.phase == ReportingPeriod.Phase.SUBMITTING
