"""A unit's proposal in the browser (issue #16): Nghệ An's officer drafts a person's proposal
with the achievement report's parts, the leader sends it, the secretariat (canbo.quangtri:
2022's chair acts for 2023) returns it with a reason, the unit corrects it and sends it again,
the secretariat accepts it into the 2023 session in preparation, and the unit sees it accepted
and the notices it was sent. The officer works on a phone's width."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from campaigns import services as campaign_services
from campaigns.models import Conference
from cluster.models import Cluster, Province, User
from commendations import services
from commendations.models import Nomination, Proposal
from tests.browser.conftest import accept_confirmations, login

NC = "snv-bac-trung-bo"
LIST = f"/cum/{NC}/2023/khen-thuong/de-xuat/"
SESSION = "Bình xét khen thưởng năm 2023"
REASON = "Thiếu phần III: các hình thức khen thưởng đã được ghi nhận."


@pytest.fixture
def session_2023(live_demo):
    cluster = Cluster.objects.get(slug=NC)
    secretary = User.objects.get(username="canbo.quangtri")
    conference = campaign_services.conference_create(
        cluster=cluster, year=2023, kind=Conference.Kind.YEAREND,
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023",
        starts_at=timezone.make_aware(datetime.datetime(2023, 12, 22, 8, 0)),
        province=Province.objects.get(name="Quảng Trị"), acting_user=secretary)
    return services.session_create(cluster=cluster, year=2023, conference=conference,
                                   title=SESSION, acting_user=secretary)


def _open(page, name="Lê Thị Thu Hà"):
    page.goto(LIST)
    page.get_by_role("link", name=name).click()


def _transition(page, link, *, fill=None, select=None):
    asked = accept_confirmations(page)
    page.get_by_test_id("proposal-actions").get_by_role("link", name=link).click()
    if fill:
        page.get_by_label(fill[0]).fill(fill[1])
    if select:
        page.get_by_label(select[0]).select_option(label=select[1])
    page.get_by_role("button", name=link).click()
    return asked


def test_a_unit_proposes_the_secretariat_returns_then_accepts(new_page, session_2023):
    officer = new_page()
    officer.set_viewport_size({"width": 390, "height": 844})
    login(officer, "canbo.nghean")
    officer.goto(f"/cum/{NC}/2023/khen-thuong/")
    officer.get_by_test_id("commendations-nav").get_by_role(
        "link", name="Đề nghị của đơn vị").click()
    expect(officer.get_by_test_id("proposals")).not_to_contain_text("Thanh Hóa")
    officer.get_by_test_id("proposal-create").click()
    officer.get_by_label("Hình thức, danh hiệu đề nghị").select_option(
        label="Chiến sĩ thi đua cấp bộ (cá nhân)")
    officer.get_by_label("Họ và tên (cá nhân)").fill("Lê Thị Thu Hà")
    officer.get_by_label("Giới tính").select_option(label="Nữ")
    officer.get_by_label("Ngày sinh").fill("1985-03-14")
    officer.get_by_label("Chức vụ").fill("Phó Trưởng phòng")
    officer.get_by_label("Nơi công tác").fill("Phòng Thi đua, khen thưởng")
    officer.get_by_label("Tóm tắt thành tích").fill("Số hóa hồ sơ khen thưởng của tỉnh.")
    officer.get_by_label("sơ lược lý lịch (cá nhân)").fill("Công tác tại Sở từ năm 2010.")
    officer.get_by_label("II. Thành tích đạt được").fill("Chủ trì số hóa hồ sơ khen thưởng.")
    officer.get_by_role("button", name="Lưu đề nghị").click()
    expect(officer.get_by_test_id("proposal-status")).to_have_text("Đang soạn")
    expect(officer.get_by_test_id("proposal-person")).to_contain_text("14/03/1985")
    expect(officer.get_by_test_id("proposal-actions")).not_to_contain_text("Gửi đề nghị")

    leader = new_page()
    login(leader, "lanhdao.nghean")
    _open(leader)
    asked = _transition(leader, "Gửi đề nghị")
    expect(leader.get_by_text("Đề nghị đã chuyển sang trạng thái “Đã gửi Cụm trưởng”."))\
        .to_be_visible()
    assert asked and "Gửi đề nghị lên Cụm trưởng?" in asked[0]

    secretary = new_page()
    login(secretary, "canbo.quangtri")
    _open(secretary)
    _transition(secretary, "Trả lại đề nghị", fill=("Lý do trả lại", REASON))
    expect(secretary.get_by_test_id("proposal-status")).to_have_text("Bị trả lại")

    officer.reload()
    expect(officer.get_by_test_id("proposal-status")).to_have_text("Bị trả lại")
    expect(officer.get_by_test_id("proposal-notices")).to_contain_text(REASON)
    officer.get_by_role("link", name="Sửa đề nghị").click()
    officer.get_by_label("III. Các hình thức khen thưởng đã được ghi nhận").fill(
        "Chiến sĩ thi đua cơ sở năm 2021, 2022.")
    officer.get_by_role("button", name="Lưu đề nghị").click()
    expect(officer.get_by_text("Đã lưu đề nghị.")).to_be_visible()

    leader.reload()
    _transition(leader, "Gửi lại đề nghị")
    expect(leader.get_by_test_id("proposal-status")).to_have_text("Đã gửi Cụm trưởng")

    secretary.reload()
    _transition(secretary, "Tiếp nhận đề nghị",
                select=("Phiên bình xét nhận đề nghị", SESSION))
    expect(secretary.get_by_test_id("proposal-status")).to_have_text("Đã tiếp nhận vào bình xét")

    officer.reload()
    expect(officer.get_by_test_id("proposal-status")).to_have_text("Đã tiếp nhận vào bình xét")
    expect(officer.get_by_test_id("proposal-nomination")).to_contain_text(SESSION)
    expect(officer.get_by_test_id("proposal-notices")).to_contain_text(
        "Đề nghị khen thưởng đã được tiếp nhận")
    expect(officer.get_by_test_id("proposal-events")).to_contain_text(REASON)

    proposal = Proposal.objects.get(person_name="Lê Thị Thu Hà")
    nomination = Nomination.objects.get(session=session_2023)
    assert proposal.nomination == nomination and nomination.person == proposal.person
