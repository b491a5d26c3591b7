"""Journeys of the campaigns app: the secretariat plans the year; a bulletin goes public."""

from playwright.sync_api import expect

from campaigns.models import Conference
from tests.browser.conftest import login


def test_secretariat_creates_a_campaign_with_milestones_and_sees_it_on_the_dashboard(page):
    login(page, "canbo.quangtri")
    panel = page.get_by_test_id("campaigns-panel")
    expect(panel).to_contain_text("Phong trào thi đua năm 2022 của Cụm")
    panel.get_by_role("link", name="Phong trào", exact=True).click()
    page.get_by_role("link", name="Tạo phong trào").click()
    page.get_by_label("Loại phong trào").select_option(label="Theo chuyên đề")
    page.get_by_label("Tên phong trào").fill("Thi đua đẩy mạnh chuyển đổi số ngành Nội vụ")
    page.get_by_label("Khẩu hiệu, chủ đề").fill("Số hóa để phục vụ tốt hơn")
    page.get_by_label("Ngày bắt đầu").fill("2022-07-01")
    page.get_by_label("Ngày kết thúc").fill("2022-06-30")
    page.get_by_label("Công văn số 1237/BNV-VP ngày 31/3/2022 của Bộ Nội vụ").check()
    page.get_by_label("Ký kết giao ước thi đua").fill("2022-07-15")
    page.get_by_label("Hạn gửi hồ sơ đề nghị khen thưởng").fill("2022-12-20")
    page.get_by_role("button", name="Lưu").click()
    # Refused in Vietnamese; nothing typed is lost.
    expect(page.get_by_text("Ngày kết thúc phải không trước ngày bắt đầu.")).to_be_visible()
    expect(page.get_by_label("Tên phong trào")).to_have_value(
        "Thi đua đẩy mạnh chuyển đổi số ngành Nội vụ")
    page.get_by_label("Ngày kết thúc").fill("2022-12-31")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã tạo phong trào “Thi đua đẩy mạnh chuyển đổi số ngành Nội vụ”."))\
        .to_be_visible()
    expect(page.get_by_test_id("legal-bases")).to_contain_text(
        "Công văn số 1237/BNV-VP ngày 31/3/2022 của Bộ Nội vụ")
    expect(page.get_by_test_id("milestone")).to_have_count(2)

    page.get_by_role("link", name="Trang chủ").first.click()
    panel = page.get_by_test_id("campaigns-panel")
    expect(panel.get_by_test_id("panel-campaign")).to_have_count(2)
    expect(panel).to_contain_text("Thi đua đẩy mạnh chuyển đổi số ngành Nội vụ")
    # 2022 is over: both new milestones are late until someone marks them done.
    expect(panel.get_by_test_id("panel-late")).to_contain_text("Ký kết giao ước thi đua")
    expect(panel.get_by_test_id("panel-late")).to_contain_text(
        "Hạn gửi hồ sơ đề nghị khen thưởng")


def test_member_reads_but_cannot_edit(page):
    login(page, "canbo.nghean")
    page.get_by_test_id("campaigns-panel").get_by_role("link", name="Hội nghị").click()
    page.get_by_role("link", name="Hội nghị sơ kết công tác thi đua").click()
    expect(page.get_by_test_id("place")).to_contain_text("thành phố Huế, tỉnh Thừa Thiên Huế")
    expect(page.get_by_test_id("hosts")).to_contain_text(
        "Sở Nội vụ tỉnh Quảng Trị (đơn vị Cụm trưởng năm 2022)")
    expect(page.get_by_role("button", name="Thu hồi bản tin")).to_have_count(0)
    expect(page.get_by_role("link", name="Sửa")).to_have_count(0)


def test_published_bulletin_is_readable_without_login_and_prints_cleanly(page, new_page):
    slug = Conference.objects.get(year=2022, signs_pledge=True).slug
    anonymous = new_page()
    response = anonymous.goto(f"/cong-khai/ban-tin/{slug}/")
    assert response.status == 200
    expect(anonymous.get_by_test_id("bulletin-title")).to_have_text(
        "Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm và ký kết giao ước thi "
        "đua năm 2022")
    expect(anonymous.get_by_test_id("shortcomings")).to_contain_text(
        "Công tác tuyên truyền các điển hình tiên tiến, gương người tốt việc tốt chưa được "
        "thường xuyên, liên tục")
    expect(anonymous.get_by_test_id("bulletin-opening")).to_contain_text(
        "đồng chí Ngô Quang Chiến, Tỉnh ủy viên, Giám đốc Sở Nội vụ tỉnh Quảng Trị")
    print_button = anonymous.get_by_role("button", name="Bản in")
    expect(print_button).to_be_visible()
    anonymous.emulate_media(media="print")
    expect(print_button).to_be_hidden()

    # The secretariat withdraws it: the public address no longer exists.
    login(page, "canbo.quangtri")
    page.goto("/cum/snv-bac-trung-bo/2022/hoi-nghi/")
    page.get_by_role("link", name="Hội nghị sơ kết công tác thi đua").click()
    page.get_by_role("button", name="Thu hồi bản tin").click()
    expect(page.get_by_text("Đã thu hồi bản tin.")).to_be_visible()
    assert anonymous.goto(f"/cong-khai/ban-tin/{slug}/").status == 404
    page.get_by_role("button", name="Công bố bản tin").click()
    expect(page.get_by_text("Đã công bố bản tin")).to_be_visible()
    assert anonymous.goto(f"/cong-khai/ban-tin/{slug}/").status == 200
