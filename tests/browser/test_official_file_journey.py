"""The official copy's journey (issue #15): the demo's 2022 mid-year report has been issued; the
2022 secretariat (Quảng Trị) opens "Văn bản in", follows "đính kèm bản chính thức" on a phone's
width, is refused a Word file with a message, then attaches the scanned, signed PDF; readers
of the cluster get it beside the rendered files; a reader without an account opens the
verification page, uploads that PDF and is told it is the official copy, and the PDF
rendered at issue is told apart from it."""

import datetime
import io
import re

from playwright.sync_api import expect

from cluster.models import User
from reports import services
from reports.kinds import SPECS
from reports.models import DocumentKind
from results.models import ReportingPeriod
from tests.browser.conftest import login

HOME = "/cum/snv-bac-trung-bo/2022/"


def scanned_pdf() -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Bản quét đã ký, đóng dấu"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def issue_mid_year_report(base_url: str):
    period = ReportingPeriod.objects.get(cluster__slug="snv-bac-trung-bo", year=2022,
                                         kind=ReportingPeriod.Kind.MID_YEAR)
    return services.document_issue(
        spec=SPECS[DocumentKind.MIDYEAR_REPORT], target=period, cluster=period.cluster,
        year=2022, issued_on=datetime.date(2022, 7, 1),
        acting_user=User.objects.get(username="canbo.quangtri"),
        verify_url=lambda code: f"{base_url}/xac-minh/{code}/").document


def test_secretariat_attaches_the_official_copy_and_the_public_page_recognises_it(new_page,
                                                                                  live_demo):
    document = issue_mid_year_report(live_demo.url)
    with document.files.get(format="pdf").file.open("rb") as handle:
        rendered = handle.read()
    scan = scanned_pdf()

    secretary = new_page()
    secretary.set_viewport_size({"width": 390, "height": 844})
    login(secretary, "canbo.quangtri")
    secretary.goto(HOME + "van-ban/")  # on a phone the menu is folded: straight there
    issued = secretary.get_by_test_id("period-6-thang").get_by_test_id("issued")
    issued.get_by_role("link", name="đính kèm bản chính thức").click()
    expect(secretary.get_by_role("heading", level=1)).to_contain_text(document.number_symbol)
    expect(secretary.get_by_test_id("official-none")).to_be_visible()

    form = secretary.get_by_test_id("official-form")
    form.get_by_label("Tệp PDF bản chính thức").set_input_files(
        {"name": "ban-quet.docx", "mimeType": "application/octet-stream",
         "buffer": b"PK\x03\x04 not really a Word file"})
    form.get_by_role("button", name="Đính kèm").click()
    expect(secretary.get_by_test_id("error-summary")).to_be_visible()
    expect(secretary.get_by_test_id("official-none")).to_be_visible()  # nothing attached

    form = secretary.get_by_test_id("official-form")
    form.get_by_label("Tệp PDF bản chính thức").set_input_files(
        {"name": "Báo cáo đã ký.pdf", "mimeType": "application/pdf", "buffer": scan})
    form.get_by_label("Ghi chú").fill("Bản quét có chữ ký và dấu đỏ")
    form.get_by_role("button", name="Đính kèm").press("Enter")  # by keyboard
    expect(secretary.get_by_text(re.compile(r"Đã đính kèm bản chính thức của văn bản số")))\
        .to_be_visible()
    current = secretary.get_by_test_id("official-current")
    expect(current).to_contain_text("Báo cáo đã ký.pdf")
    width = secretary.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at 390 px"

    reader = new_page()  # a member unit's leader downloads it from the list
    login(reader, "lanhdao.nghean")
    reader.goto(HOME + "van-ban/")
    listed = reader.get_by_test_id("period-6-thang").get_by_test_id("issued")
    with reader.expect_download() as info:
        listed.get_by_test_id("official-link").click()
    assert info.value.path().read_bytes() == scan
    assert info.value.suggested_filename.startswith(
        document.number_symbol.replace("/", "_") + "_Bản-chính-thức_")
    expect(listed.get_by_test_id("official-manage")).to_have_count(0)

    public = new_page()  # no account
    public.goto(f"/xac-minh/{document.verification_code}/")
    expect(public.get_by_test_id("official")).to_contain_text("Bản đã ký, đóng dấu")
    upload = public.get_by_test_id("verify-form").locator("input[type=file]")
    upload.set_input_files({"name": "ban-nhan-duoc.pdf", "mimeType": "application/pdf",
                            "buffer": scan})
    public.get_by_role("button", name="Đối chiếu", exact=True).click()
    expect(public.get_by_test_id("result")).to_contain_text("bản chính thức")
    expect(public.get_by_test_id("result")).to_contain_text("trùng khớp từng byte")

    upload = public.get_by_test_id("verify-form").locator("input[type=file]")
    upload.set_input_files({"name": "ban-dien-tu.pdf", "mimeType": "application/pdf",
                            "buffer": rendered})
    public.get_by_role("button", name="Đối chiếu", exact=True).click()
    expect(public.get_by_test_id("result")).to_contain_text(
        "bản điện tử được lập khi ban hành")
