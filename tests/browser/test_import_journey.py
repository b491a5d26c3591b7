"""The secretariat brings its criteria table in from Excel: download the template, fill it,
upload it, read the preview, confirm once, and find the rows in the criteria tree."""

import io

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import login

Y = "/cum/snv-bac-trung-bo/2023/"


def test_secretariat_imports_the_criteria_table_from_the_template(page):
    login(page, "canbo.quangtri")
    page.goto(Y + "tieu-chi/")
    page.get_by_role("link", name="Nhập từ Excel").click()
    with page.expect_download() as info:
        page.get_by_test_id("template-link").click()
    assert info.value.suggested_filename == "mau-tieu-chi-2023.xlsx"
    with open(info.value.path(), "rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    sheet = book["Tiêu chí"]
    assert sheet.cell(row=3, column=1).value == "Mã"
    # Replace the example rows with the cluster's own table, as a secretary would.
    sheet.delete_rows(4, sheet.max_row)
    for row in (["I", "", 1, "Công tác chỉ đạo, điều hành", "", 30],
                ["1.1", "I", 2, "Ban hành kế hoạch thi đua năm", "Định tính", "10"],
                ["1.2", "I", 2, "Tổ chức ký kết giao ước thi đua", "Định tính", "7,5"],
                ["1.3", "I", 2, "Tỷ lệ văn bản đúng hạn", "Định lượng", "12,5", "95"]):
        sheet.append(row)
    filled = io.BytesIO()
    book.save(filled)
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files({
        "name": "tieu-chi-2023.xlsx", "buffer": filled.getvalue(),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    page.get_by_role("button", name="Tải lên và xem trước").click()
    expect(page.get_by_test_id("preview-ok")).to_contain_text("4 tiêu chí mới")
    expect(page.get_by_test_id("preview-row")).to_have_count(4)
    expect(page.get_by_test_id("preview")).to_contain_text("Tổ chức ký kết giao ước thi đua")
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.get_by_text("Đã nhập bảng tiêu chí: 4 mới, 0 sửa, 0 không đổi.")).to_be_visible()
    expect(page.get_by_test_id("criterion")).to_have_count(4)
    expect(page.locator('[data-code="1.2"]')).to_contain_text("7,5")
    expect(page.get_by_test_id("total")).to_contain_text("30")
