"""The secretariat brings its units' past honours in from Excel: download the template,
fill it as a secretary does (a unit's name merged over its rows, a date typed as text),
upload it, read the preview, confirm once, and find the honours on the unit's page."""

import io

from openpyxl import load_workbook
from playwright.sync_api import expect

from cluster.models import Unit
from commendations.models import PastHonour
from tests.browser.conftest import login

K = "/cum/snv-bac-trung-bo/2022/khen-thuong/"


def test_secretariat_imports_past_honours_from_the_template(page):
    login(page, "canbo.quangtri")
    page.goto(K)
    page.get_by_role("link", name="Nhập khen thưởng đã có từ Excel").click()
    with page.expect_download() as info:
        page.get_by_test_id("template-link").click()
    assert info.value.suggested_filename == "mau-khen-thuong-da-co-2022.xlsx"
    with open(info.value.path(), "rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    sheet = book["Khen thưởng"]
    assert sheet.cell(row=3, column=1).value == "Đơn vị"
    sheet.delete_rows(4, sheet.max_row)
    for row in (["Sở Nội vụ tỉnh Hà Tĩnh", "", "Bằng khen của Thủ tướng Chính phủ", 2021,
                 "88/QĐ-TTg", "20/01/2022", "Thủ tướng Chính phủ"],
                [None, "Lê Thị Hồng", "Chiến sĩ thi đua toàn quốc", 2020, "", "", ""],
                ["Sở Nội vụ tỉnh Nghệ An", "", "Cờ thi đua của Bộ Nội vụ", 2021, "", "", ""]):
        sheet.append(row)
    sheet.merge_cells("A4:A5")
    filled = io.BytesIO()
    book.save(filled)
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files({
        "name": "khen-thuong-da-co.xlsx", "buffer": filled.getvalue(),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    page.get_by_role("button", name="Tải lên và xem trước").click()
    expect(page.get_by_test_id("preview-ok")).to_contain_text("3 khen thưởng mới")
    expect(page.get_by_test_id("preview-row")).to_have_count(3)
    expect(page.get_by_test_id("preview")).to_contain_text("Lê Thị Hồng")
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.get_by_text("Đã nhập khen thưởng đã có: 3 khen thưởng mới")).to_be_visible()
    hatinh = Unit.objects.get(name="Sở Nội vụ tỉnh Hà Tĩnh")
    page.goto(f"/don-vi/{hatinh.pk}/khen-thuong/")
    # the two imported now beside those the demo recorded for Hà Tĩnh (issue #16's demos)
    imported = PastHonour.objects.filter(unit=hatinh, person_name="Lê Thị Hồng").count()
    assert imported == 1
    expect(page.locator('[data-source="excel"]')).to_have_count(
        PastHonour.objects.filter(unit=hatinh).count())
    expect(page.get_by_test_id("honours")).to_contain_text("Lê Thị Hồng")
    expect(page.get_by_test_id("honours")).to_contain_text("Số 88/QĐ-TTg ngày 20/1/2022")
