"""The mid-year report's journey (issue #15, §3): the 2022 secretariat (Quảng Trị), on a
phone's width, opens "Văn bản in", follows the link to prepare the mid-year report, edits the
assessment (hạn chế và nguyên nhân) and the directions for the second half of the year,
saving by keyboard; a second save from a stale page is refused with the typed text kept; then
issues the report and downloads the issued PDF, which holds the edited text."""

import io
import re
import unicodedata

import pypdf
from playwright.sync_api import expect

from reports.models import IssuedDocument
from tests.browser.conftest import accept_confirmations, login

HOME = "/cum/snv-bac-trung-bo/2022/"
SHORTCOMINGS = ("Việc nhân rộng mô hình “Sở Nội vụ số” giữa các tỉnh còn chậm.\n\n"
                "- Nguyên nhân: chưa có quy chế trao đổi kinh nghiệm giữa các đơn vị.")
DIRECTIONS = ("- Tổ chức hội thảo chuyên đề về chuyển đổi số trong công tác thi đua, khen "
              "thưởng trong quý III năm 2022.")


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def edit(page, name: str, text: str) -> None:
    page.get_by_role("link", name=re.compile(rf"Sửa mục {name}")).click()
    box = page.get_by_label("Nội dung")
    expect(box).not_to_be_empty()  # it starts from the composed text
    box.fill(text)
    box.press("Tab")
    expect(page.get_by_role("button", name="Lưu mục này")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"Đã lưu mục"))).to_be_visible()


def test_secretariat_edits_the_mid_year_report_and_issues_it(new_page, live_demo):
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "canbo.quangtri")
    page.goto(HOME + "van-ban/")
    page.get_by_test_id("period-6-thang").get_by_test_id("summary-draft-link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Soạn dự thảo")

    edit(page, "Hạn chế và nguyên nhân", SHORTCOMINGS)
    edit(page, "Phương hướng, nhiệm vụ 6 tháng cuối năm 2022", DIRECTIONS)
    section = page.get_by_test_id("section-han-che")
    expect(section).to_contain_text("Việc nhân rộng mô hình “Sở Nội vụ số”")
    expect(section.get_by_role("listitem")).to_have_text(
        "Nguyên nhân: chưa có quy chế trao đổi kinh nghiệm giữa các đơn vị.")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at 390 px"

    # a stale page: another tab saved meanwhile; nothing typed is lost
    other = new_page()
    login(other, "canbo.quangtri")
    other.goto(HOME + "van-ban/bao-cao/6-thang/soan/han-che/")
    page.get_by_test_id("section-han-che").get_by_role("link", name=re.compile("Sửa mục"))\
        .click()
    other.get_by_label("Nội dung").fill(SHORTCOMINGS + "\n- Ý thêm ở thẻ khác.")
    other.get_by_role("button", name="Lưu mục này").click()
    expect(other.get_by_text(re.compile(r"Đã lưu mục"))).to_be_visible()
    page.get_by_label("Nội dung").fill("Bản viết đè.")
    page.get_by_role("button", name="Lưu mục này").click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("vừa được")
    expect(page.get_by_label("Nội dung")).to_have_value("Bản viết đè.")
    expect(page.get_by_test_id("latest")).to_contain_text("Ý thêm ở thẻ khác.")
    # the secretary keeps the other tab's version: back to the draft without saving
    page.get_by_role("link", name="Quay lại dự thảo").click()

    asked = accept_confirmations(page)
    form = page.get_by_test_id("issue-form")
    form.get_by_label("Ngày ban hành").fill("2022-07-01")
    form.get_by_role("button", name="Ban hành, cấp số").click()
    expect(page.get_by_text(re.compile(r"Đã ban hành Báo cáo sơ kết"))).to_be_visible()
    assert asked and "cấp số" in asked[0]

    issued = IssuedDocument.objects.get(cluster__slug="snv-bac-trung-bo", year=2022,
                                        kind="bc_so_ket", number__isnull=False)
    with page.expect_download() as download:
        page.get_by_test_id("period-6-thang").get_by_test_id("issued")\
            .get_by_role("link", name="PDF").click()
    with open(download.value.path(), "rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    text = flat(" ".join(p.extract_text() for p in reader.pages))
    assert "Việc nhân rộng mô hình “Sở Nội vụ số” giữa các tỉnh còn chậm." in text
    assert "Nguyên nhân: chưa có quy chế trao đổi kinh nghiệm giữa các đơn vị." in text
    assert "Ý thêm ở thẻ khác." in text
    assert "Bản viết đè" not in text
    assert ("Tổ chức hội thảo chuyên đề về chuyển đổi số trong công tác thi đua, khen thưởng "
            "trong quý III năm 2022.") in text
    assert "III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2022" in text
    assert issued.number_symbol.split("/")[0] in text
