"""The printed documents' journey in the browser: the 2022 secretariat (Quảng Trị) opens
"Văn bản in", downloads the mid-year report as it stands, issues it with a number of the
cluster's series and downloads the issued PDF; a reader without an account opens the
verification page of its code, uploads the issued file (it matches) and a changed copy (it
does not)."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import accept_confirmations, login

HOME = "/cum/snv-bac-trung-bo/2022/"


def download(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    return info.value.path().read_bytes()


def test_secretariat_issues_the_mid_year_report_and_a_reader_verifies_it(new_page):
    secretary = new_page()
    login(secretary, "canbo.quangtri")
    secretary.goto(HOME)
    secretary.get_by_role("link", name="Văn bản in").click()
    card = secretary.get_by_test_id("period-6-thang")
    draft = download(secretary, card.get_by_role("link", name="PDF").first)
    assert draft.startswith(b"%PDF-")

    card.get_by_label("Ngày ban hành").fill("2022-07-01")
    asked = accept_confirmations(secretary)
    card.get_by_role("button", name="Ban hành, cấp số").click()
    expect(secretary.get_by_text(re.compile(r"Đã ban hành .*, số \d+/BC-CTĐ"))).to_be_visible()
    assert len(asked) == 1 and "cấp số chính thức" in asked[0]
    issued = secretary.get_by_test_id("period-6-thang").get_by_test_id("issued")
    expect(issued).to_contain_text("1/7/2022")
    pdf = download(secretary, issued.get_by_role("link", name="PDF"))
    assert pdf.startswith(b"%PDF-") and pdf != draft
    verify_href = issued.get_by_role("link", name=re.compile("mã xác thực")).get_attribute("href")

    reader = new_page()  # no account: the verification page is public
    reader.goto(verify_href)
    expect(reader.get_by_test_id("status")).to_contain_text("Đã ban hành trên hệ thống")
    expect(reader.get_by_test_id("number")).to_contain_text("/BC-CTĐ")
    upload = reader.get_by_test_id("verify-form").locator("input[type=file]")
    upload.set_input_files({"name": "bao-cao.pdf", "mimeType": "application/pdf",
                            "buffer": pdf})
    reader.get_by_role("button", name="Đối chiếu", exact=True).click()
    expect(reader.get_by_test_id("result")).to_contain_text("trùng khớp từng byte")
    changed = pdf.replace(b"%%EOF", b"% sua doi\n%%EOF")
    upload = reader.get_by_test_id("verify-form").locator("input[type=file]")
    upload.set_input_files({"name": "bao-cao.pdf", "mimeType": "application/pdf",
                            "buffer": changed})
    reader.get_by_role("button", name="Đối chiếu", exact=True).click()
    expect(reader.get_by_test_id("result")).to_contain_text("Không khớp")
