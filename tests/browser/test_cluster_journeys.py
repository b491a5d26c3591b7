import re

from playwright.sync_api import expect

from tests.browser.conftest import login


def test_secretariat_sees_quang_tri_as_chair_in_2022(page):
    login(page, "canbo.quangtri")
    expect(page.get_by_test_id("cluster-name")).to_have_text(
        "Cụm Thi đua Sở Nội vụ các tỉnh Bắc Trung Bộ"
    )
    expect(page.get_by_test_id("chair")).to_have_text("Sở Nội vụ tỉnh Quảng Trị")
    expect(page.get_by_test_id("vice-chair")).to_have_text("Sở Nội vụ tỉnh Thừa Thiên Huế")
    expect(page.get_by_test_id("my-role")).to_contain_text("Thư ký cụm 2022")
    expect(page.get_by_test_id("members").locator("tbody tr")).to_have_count(6)


def test_cluster_page_2025_shows_five_members_and_the_merger(page):
    login(page, "canbo.nghean")
    page.get_by_test_id("cluster-name").click()
    page.get_by_role("link", name="2025", exact=True).click()
    expect(page.get_by_test_id("members").locator("tbody tr")).to_have_count(5)
    expect(page.get_by_test_id("departed")).to_contain_text(
        "Sở Nội vụ tỉnh Quảng Bình — đã hợp nhất vào Sở Nội vụ tỉnh Quảng Trị"
    )
    expect(page.get_by_test_id("illustrative-note")).to_be_visible()


def test_secretariat_confirms_next_years_chair(page):
    login(page, "canbo.quangtri")
    page.get_by_role("link", name="Xác nhận Cụm trưởng, Cụm phó năm 2023").click()
    expect(page.get_by_test_id("proposal")).to_contain_text("Sở Nội vụ tỉnh Thừa Thiên Huế")
    expect(page.get_by_label("Cụm trưởng")).to_have_value(re.compile(r"\d+"))
    page.get_by_label("Cụm phó").select_option(label="Sở Nội vụ tỉnh Nghệ An")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Đã xác nhận Cụm trưởng, Cụm phó năm 2023.")).to_be_visible()
    expect(page.get_by_test_id("chair")).to_have_text("Sở Nội vụ tỉnh Thừa Thiên Huế")
    expect(page.get_by_test_id("vice-chair")).to_have_text("Sở Nội vụ tỉnh Nghệ An")


def test_same_unit_as_chair_and_vice_chair_gets_a_vietnamese_message(page):
    login(page, "canbo.quangtri")
    page.goto("/cum/snv-bac-trung-bo/2023/cum-truong/")
    page.get_by_label("Cụm trưởng").select_option(label="Sở Nội vụ tỉnh Hà Tĩnh")
    page.get_by_label("Cụm phó").select_option(label="Sở Nội vụ tỉnh Hà Tĩnh")
    page.get_by_label("Ghi chú").fill("Biên bản hội nghị tổng kết")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Cụm trưởng và Cụm phó phải là hai đơn vị khác nhau.")).to_be_visible()
    # Nothing typed is lost.
    expect(page.get_by_label("Ghi chú")).to_have_value("Biên bản hội nghị tổng kết")


def test_user_of_another_cluster_cannot_reach_it(page):
    login(page, "canbo.gialai")
    expect(page.get_by_test_id("cluster-name")).to_contain_text("Tây Nguyên")
    response = page.goto("/cum/snv-bac-trung-bo/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Không tìm thấy trang")).to_be_visible()
