"""Journey of the good-practice library: an officer shares a practice of their unit from the
dashboard, with its evidence, and a colleague of another unit finds it by typing without
diacritics."""

from playwright.sync_api import expect

from tests.browser.conftest import login

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TITLE = "Một cửa điện tử cho hồ sơ khen thưởng cấp xã"


def test_officer_adds_a_good_practice_and_another_unit_finds_it_by_search(page, new_page):
    login(page, "canbo.nghean")
    panel = page.get_by_test_id("practices-panel")
    expect(panel.get_by_test_id("panel-practice").first).to_be_visible()  # the demo's
    panel.get_by_role("link", name="Thêm cách làm hay").click()
    expect(page.get_by_label("Đơn vị")).to_be_disabled()  # their own unit, fixed
    page.get_by_label("Tên điển hình, cách làm hay").fill(TITLE)
    page.get_by_label("Lĩnh vực").select_option(label="Thi đua, khen thưởng")
    page.get_by_label("Mô tả cách làm").fill("   ")  # passes the browser's check, not ours
    page.get_by_role("button", name="Lưu").click()
    # Refused in Vietnamese; what was typed stays.
    expect(page.get_by_text("Vui lòng mô tả cách làm")).to_be_visible()
    expect(page.get_by_label("Tên điển hình, cách làm hay")).to_have_value(TITLE)
    page.get_by_label("Mô tả cách làm").fill(
        "Cấp xã gửi hồ sơ đề nghị khen thưởng qua một cửa điện tử; Sở thẩm định trực tuyến.")
    page.get_by_label("Kết quả, hiệu quả").fill("Hồ sơ trả đúng hạn 100%.")
    page.get_by_label("Tệp minh chứng").set_input_files(
        {"name": "Quyết định số 15.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text(f"Đã thêm cách làm hay “{TITLE}”.")).to_be_visible()
    expect(page.get_by_test_id("practice-title")).to_contain_text(TITLE)
    expect(page.get_by_test_id("practice-facts")).to_contain_text("Sở Nội vụ tỉnh Nghệ An")
    expect(page.get_by_test_id("evidence-link")).to_have_text("Quyết định số 15.pdf")

    # Another unit's leader finds it from the dashboard, typing without diacritics.
    other = new_page()
    login(other, "lanhdao.hatinh")
    other.get_by_test_id("practices-panel").get_by_label("Tìm cách làm hay").fill(
        "mot cua cap xa")
    other.get_by_test_id("practices-panel").get_by_role("button", name="Tìm").click()
    results = other.get_by_test_id("practice")
    expect(results).to_have_count(1)
    expect(results).to_contain_text(TITLE)
    expect(other.get_by_test_id("practice-count")).to_contain_text("1 cách làm hay")
    # Filters narrow it; a unit with nothing matching shows so.
    other.get_by_label("Đơn vị").select_option(label="Hà Tĩnh")
    other.get_by_role("button", name="Tìm").click()
    expect(other.get_by_test_id("practice-empty")).to_contain_text(
        "Không tìm thấy cách làm hay phù hợp.")
    other.get_by_label("Đơn vị").select_option(label="Nghệ An")
    other.get_by_role("button", name="Tìm").click()
    other.get_by_role("link", name=TITLE).click()
    expect(other.get_by_test_id("practice-results")).to_contain_text("Hồ sơ trả đúng hạn 100%.")
    with other.expect_download() as download:
        other.get_by_test_id("evidence-link").click()
    assert download.value.suggested_filename == "Quyết định số 15.pdf"
    expect(other.get_by_role("link", name="Sửa")).to_have_count(0)  # not their unit's
