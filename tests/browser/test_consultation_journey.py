"""Public consultation, end to end (issue #16, part 5): the secretariat publishes a nominee,
an anonymous visitor on a phone comments, the secretariat publishes the comment, and it shows
on the public page and in the dossier."""

import datetime

from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from commendations.models import Dossier, VotingSession
from tests.browser.conftest import accept_confirmations, login
from tests.browser.test_accessibility import _serious_violations

Y = "/cum/snv-bac-trung-bo/2022/khen-thuong/"


def test_a_comment_goes_from_the_public_page_to_the_dossier(new_page):
    session = VotingSession.objects.get(cluster__slug="snv-bac-trung-bo", year=2022)
    dossier = Dossier.objects.filter(nomination__session=session).order_by("pk").first()
    nomination = dossier.nomination
    today = timezone.localdate()

    secretary = new_page()
    login(secretary, "canbo.quangtri")
    secretary.goto(Y + "lay-y-kien/")
    secretary.get_by_role("link", name="Công khai danh sách mới").click()
    secretary.get_by_label("Tiêu đề").fill("Lấy ý kiến về đề nghị năm 2022 (thử)")
    secretary.get_by_label(f"{nomination.candidate_name} — {nomination.award.name} "
                           f"({session.title})").check()
    secretary.get_by_label("Ngày bắt đầu nhận ý kiến").fill(today.isoformat())
    secretary.get_by_label("Ngày cuối cùng nhận ý kiến").fill(
        (today + datetime.timedelta(days=14)).isoformat())
    asked = accept_confirmations(secretary)
    secretary.get_by_role("button", name="Công khai danh sách").click()
    expect(secretary.get_by_text("Đã công khai danh sách để lấy ý kiến.")).to_be_visible()
    assert any("trang ai cũng xem được" in text for text in asked)
    public_url = secretary.get_by_test_id("public-url").get_attribute("href")

    visitor = new_page()  # nobody signed in, on a phone
    visitor.set_viewport_size({"width": 390, "height": 844})
    visitor.goto(public_url)
    expect(visitor.get_by_test_id("nominees")).to_contain_text(nomination.award.name)
    visitor.get_by_label("Góp ý về").select_option(str(nomination.pk))
    visitor.get_by_label("Nội dung ý kiến").fill("Đơn vị luôn giải quyết hồ sơ đúng hẹn.")
    visitor.get_by_label("Họ và tên (không bắt buộc, sẽ hiện cùng ý kiến)").fill("Phạm Thị B")
    visitor.get_by_label("Điện thoại hoặc thư điện tử (không bắt buộc, không công khai)").fill(
        "0911 111 111")
    visitor.get_by_role("button", name="Gửi ý kiến").click()
    expect(visitor.get_by_text("Cảm ơn bạn đã gửi ý kiến.")).to_be_visible()
    expect(visitor.get_by_text("Chưa có ý kiến nào được công khai.")).to_be_visible()
    width = visitor.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the public page scrolls sideways at 390 px ({width})"

    secretary.reload()
    card = secretary.get_by_test_id("comment").filter(has_text="đúng hẹn")
    expect(card).to_contain_text("0911 111 111")
    card.get_by_label("Tiếp nhận và công khai").check()
    card.get_by_role("button", name="Lưu xử lý").click()
    expect(secretary.get_by_text("Đã xử lý ý kiến")).to_be_visible()
    expect(secretary.get_by_test_id("comment").filter(has_text="đúng hẹn")).to_have_attribute(
        "data-status", "cong_khai")

    visitor.reload()
    comment = visitor.get_by_test_id("public-comment")
    expect(comment).to_contain_text("Đơn vị luôn giải quyết hồ sơ đúng hẹn.")
    expect(comment).to_contain_text("Phạm Thị B")
    expect(visitor.locator("body")).not_to_contain_text("0911 111 111")

    axe, problems = Axe(), []
    problems += _serious_violations(axe, visitor, "public page 390px")
    problems += _serious_violations(axe, secretary, "secretariat's consultation page")
    secretary.goto(Y + f"ho-so/{dossier.pk}/")
    section = secretary.get_by_test_id("dossier-consultation")
    expect(section).to_contain_text("Đơn vị luôn giải quyết hồ sơ đúng hẹn.")
    expect(section).to_contain_text("Đã tiếp nhận, công khai")
    problems += _serious_violations(axe, secretary, "dossier page")
    assert not problems, "\n".join(problems)
