"""The signing journey (issue #18): the demo's 2022 mid-year report, issued; its leader
(Ngô Quang Chiến, lanhdao.quangtri) opens "ký số" beside it and signs; the secretariat's
officer (canbo.quangtri, doing the văn thư's work) applies the body's signature; a reader
without an account uploads the signed copy on the public verification page and is told both
signatures are valid; a copy with one byte changed is told apart."""

import re

from playwright.sync_api import expect

from reports import demo_signing
from reports.models import DocumentKind, DocumentSignature, IssuedDocument
from tests.browser.conftest import accept_confirmations, login

LIST = "/cum/snv-bac-trung-bo/2022/van-ban/"


def test_leader_signs_vanthu_applies_the_seal_and_a_reader_verifies(new_page, live_demo,
                                                                     tmp_path):
    demo_signing.load()  # the demo's signed report (off in the suite's demo: settings_test)
    document = IssuedDocument.objects.get(cluster__slug="snv-bac-trung-bo", year=2022,
                                          kind=DocumentKind.MIDYEAR_REPORT,
                                          number__isnull=False)
    DocumentSignature.objects.filter(document=document).delete()  # the demo signed it already

    leader = new_page()
    leader.set_viewport_size({"width": 390, "height": 844})
    login(leader, "lanhdao.quangtri")
    leader.goto(LIST)
    leader.get_by_test_id("period-6-thang").get_by_test_id("signing-link").first.click()
    expect(leader.get_by_test_id("no-signatures")).to_be_visible()
    asked = accept_confirmations(leader)
    leader.get_by_test_id("sign-person").get_by_role("button", name="Ký số văn bản").click()
    expect(leader.get_by_text(re.compile("Đã ký số văn bản số"))).to_be_visible()
    assert asked == ["Ký số văn bản này? Chữ ký số không thể gỡ bỏ."]  # asked once
    expect(leader.get_by_test_id("signature-person")).to_contain_text("Ngô Quang Chiến")
    expect(leader.get_by_test_id("sign-body")).to_have_count(0)
    width = leader.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at 390 px"

    vanthu = new_page()
    login(vanthu, "canbo.quangtri")
    vanthu.goto(leader.url.replace(live_demo.url, ""))
    accept_confirmations(vanthu)
    vanthu.get_by_test_id("sign-body").get_by_role("button", name="Ký số của cơ quan").press(
        "Enter")
    expect(vanthu.get_by_text(re.compile("Đã ký số của cơ quan"))).to_be_visible()
    with vanthu.expect_download() as download:
        vanthu.get_by_test_id("signed-pdf").click()
    signed = tmp_path / "signed.pdf"
    download.value.save_as(signed)
    data = signed.read_bytes()

    reader = new_page()
    reader.goto(f"/xac-minh/{document.verification_code}/")
    expect(reader.get_by_test_id("stored-signatures")).to_contain_text("Chữ ký số hợp lệ")
    reader.get_by_test_id("verify-form").locator("input[type=file]").set_input_files(str(signed))
    reader.get_by_role("button", name="Đối chiếu", exact=True).click()
    expect(reader.get_by_test_id("result")).to_contain_text("Khớp")
    expect(reader.get_by_test_id("upload-signatures")).to_contain_text("Chữ ký số hợp lệ")
    expect(reader.get_by_test_id("upload-signatures-item")).to_have_count(2)

    tampered = bytearray(data)
    at = tampered.index(b"stream", len(data) // 3) + 40
    tampered[at] ^= 0x01
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(tampered))
    reader.get_by_test_id("verify-form").locator("input[type=file]").set_input_files(str(bad))
    reader.get_by_role("button", name="Đối chiếu", exact=True).click()
    expect(reader.get_by_test_id("result")).to_contain_text("Không khớp")
    expect(reader.locator("[data-testid^=upload-signatures]").first).to_contain_text(
        re.compile("không hợp lệ|Không đọc được"))
