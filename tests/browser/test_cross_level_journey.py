"""The whole road between the levels, in the browser (issue #16): Nghệ An proposes one of its
people, the chair returns the proposal, the unit corrects and sends it again, the chair
accepts it into the 2023 bình xét, the six leaders vote and it passes, its dossier goes up,
the superior (captren) returns one item, the secretariat fixes it, the superior records the
decision, the person's page shows the honour, and each person along the way finds the notice
of what concerned them in their notification centre.

2023 has no confirmed chair, so 2022's chair (Quảng Trị) acts: canbo.quangtri is the
secretariat. What the journey does not exercise (the rules of the year, the conference, the
empty session) is prepared through the services; everything a person does is done in the
browser. Runs on both databases (`.ci/run`)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from campaigns import services as campaign_services
from campaigns.models import Conference
from cluster.models import Cluster, Province, User
from commendations import services
from commendations.models import Dossier, DossierStatus, GrantedAward, Proposal
from tests.browser.conftest import accept_confirmations, login

NC = "snv-bac-trung-bo"
LEADERS = ["thanhhoa", "nghean", "hatinh", "quangbinh", "quangtri", "hue"]
SESSION = "Bình xét khen thưởng năm 2023"
PERSON = "Hoàng Văn Sơn"
RETURN_PROPOSAL = "Thiếu phần III: các hình thức khen thưởng đã được ghi nhận."
RETURN_DOSSIER = "Tờ trình chưa ghi ngày sinh của cá nhân được đề nghị."


@pytest.fixture
def session_2023(live_demo):
    cluster = Cluster.objects.get(slug=NC)
    secretary = User.objects.get(username="canbo.quangtri")
    services.award_rules_create_for_year(cluster=cluster, year=2023, acting_user=secretary)
    conference = campaign_services.conference_create(
        cluster=cluster, year=2023, kind=Conference.Kind.YEAREND,
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023",
        starts_at=timezone.make_aware(datetime.datetime(2023, 12, 22, 8, 0)),
        province=Province.objects.get(name="Quảng Trị"), acting_user=secretary)
    return services.session_create(cluster=cluster, year=2023, conference=conference,
                                   title=SESSION, acting_user=secretary)


def _proposal_action(page, link, *, fill=None, select=None):
    page.get_by_test_id("proposal-actions").get_by_role("link", name=link).click()
    if fill:
        page.get_by_label(fill[0]).fill(fill[1])
    if select:
        page.get_by_label(select[0]).select_option(label=select[1])
    page.get_by_role("button", name=link).click()


def _dossier_action(page, name):
    page.get_by_test_id("dossier-actions").get_by_role("link", name=name).click()
    page.get_by_role("button", name=name).click()


def _sees_notice(page, text):
    page.goto("/thong-bao/")
    expect(page.get_by_test_id("notification-list")).to_contain_text(text)


def test_a_persons_proposal_travels_up_and_back_to_a_decision_and_everyone_is_told(
        new_page, session_2023):
    session = session_2023
    proposals = f"/cum/{NC}/2023/khen-thuong/de-xuat/"

    # 1. Nghệ An's officer drafts the proposal on a phone; the leader sends it.
    officer = new_page()
    officer.set_viewport_size({"width": 390, "height": 844})
    login(officer, "canbo.nghean")
    officer.goto(proposals)
    officer.get_by_test_id("proposal-create").click()
    officer.get_by_label("Hình thức, danh hiệu đề nghị").select_option(
        label="Chiến sĩ thi đua cấp bộ (cá nhân)")
    officer.get_by_label("Họ và tên (cá nhân)").fill(PERSON)
    officer.get_by_label("Giới tính").select_option(label="Nam")
    officer.get_by_label("Ngày sinh").fill("1980-09-02")
    officer.get_by_label("Chức vụ").fill("Trưởng phòng")
    officer.get_by_label("Nơi công tác").fill("Phòng Công chức, viên chức")
    officer.get_by_label("Tóm tắt thành tích").fill("Chủ trì sắp xếp tổ chức bộ máy của tỉnh.")
    officer.get_by_label("sơ lược lý lịch (cá nhân)").fill("Công tác tại Sở từ năm 2005.")
    officer.get_by_label("II. Thành tích đạt được").fill("Hoàn thành xuất sắc nhiệm vụ 2023.")
    officer.get_by_role("button", name="Lưu đề nghị").click()
    expect(officer.get_by_test_id("proposal-status")).to_have_text("Đang soạn")
    proposal_url = officer.url

    leader = new_page()
    login(leader, "lanhdao.nghean")
    accept_confirmations(leader)
    leader.goto(proposal_url)
    _proposal_action(leader, "Gửi đề nghị")
    expect(leader.get_by_test_id("proposal-status")).to_have_text("Đã gửi Cụm trưởng")

    # 2. The chair returns it with a reason; the unit corrects it and sends it again.
    secretary = new_page()
    login(secretary, "canbo.quangtri")
    accept_confirmations(secretary)
    _sees_notice(secretary, "Sở Nội vụ tỉnh Nghệ An")
    secretary.goto(proposal_url)
    _proposal_action(secretary, "Trả lại đề nghị", fill=("Lý do trả lại", RETURN_PROPOSAL))
    expect(secretary.get_by_test_id("proposal-status")).to_have_text("Bị trả lại")

    _sees_notice(officer, RETURN_PROPOSAL)
    officer.goto(proposal_url)
    officer.get_by_role("link", name="Sửa đề nghị").click()
    officer.get_by_label("III. Các hình thức khen thưởng đã được ghi nhận").fill(
        "Chiến sĩ thi đua cơ sở năm 2021, 2022.")
    officer.get_by_role("button", name="Lưu đề nghị").click()
    expect(officer.get_by_text("Đã lưu đề nghị.")).to_be_visible()
    leader.goto(proposal_url)
    _proposal_action(leader, "Gửi lại đề nghị")
    expect(leader.get_by_test_id("proposal-status")).to_have_text("Đã gửi Cụm trưởng")

    # 3. The chair accepts it into the 2023 session: it becomes a nomination of the vote.
    secretary.goto(proposal_url)
    _proposal_action(secretary, "Tiếp nhận đề nghị",
                     select=("Phiên bình xét nhận đề nghị", SESSION))
    expect(secretary.get_by_test_id("proposal-status")).to_have_text(
        "Đã tiếp nhận vào bình xét")
    _sees_notice(officer, "Đề nghị khen thưởng đã được tiếp nhận")
    proposal = Proposal.objects.get(person_name=PERSON)
    nomination = proposal.nomination
    assert nomination.session_id == session.pk and nomination.person == proposal.person

    # 4. The vote: opened by the secretariat, six leaders agree, closed; the proposal passes.
    session_url = f"/cum/{NC}/2023/khen-thuong/phien/{session.pk}/"
    secretary.goto(session_url)
    secretary.get_by_role("link", name="Mở bỏ phiếu").click()
    secretary.get_by_label("Số thành viên có mặt").fill("6")
    secretary.get_by_role("button", name="Mở bỏ phiếu").click()
    expect(secretary.get_by_test_id("session-status")).to_have_text("Đang bỏ phiếu")
    for key in LEADERS:
        voter = leader if key == "nghean" else new_page()
        if voter is not leader:
            login(voter, f"lanhdao.{key}")
        if key == "hue":  # one of them finds the vote from the notice
            _sees_notice(voter, "Mở bỏ phiếu")
        voter.goto(session_url + "bo-phieu/")
        voter.locator(f'input[name="n{nomination.pk}"][value="dong-y"]').check()
        voter.get_by_role("button", name="Xem lại phiếu").click()
        voter.get_by_role("button", name="Gửi phiếu").click()
        expect(voter.get_by_role("alert").filter(has_text="Đã ghi nhận phiếu của")).to_be_visible()
        if voter is not leader:
            voter.context.close()
    secretary.goto(session_url)
    expect(secretary.get_by_test_id("voted-count")).to_have_text("Đã bỏ phiếu 6/6 đơn vị")
    secretary.get_by_role("link", name="Dừng nhận phiếu để kiểm phiếu").click()
    secretary.get_by_role("button", name="Dừng nhận phiếu để kiểm phiếu").click()
    secretary.get_by_role("link", name="Kết thúc bỏ phiếu").click()
    secretary.get_by_role("button", name="Xem trước kết quả kiểm phiếu").click()
    secretary.get_by_role("button",
                          name="Xác nhận kết thúc bỏ phiếu và công bố kết quả").click()
    expect(secretary.locator('[data-testid="result-row"][data-passed="1"]')).to_have_count(1)
    dossier = Dossier.objects.get(nomination=nomination)

    # 5. The dossier goes up: minutes from the tally, the tờ trình, the achievement report.
    dossier_url = f"/cum/{NC}/2023/khen-thuong/ho-so/{dossier.pk}/"
    secretary.goto(dossier_url)
    secretary.locator('[data-testid="checklist-item"][data-kind="bien_ban"]').get_by_role(
        "button", name="Lập từ kết quả bỏ phiếu").click()
    for kind, title, text in (
            ("to_trinh", "Tờ trình số 3/TTr-CTĐ", f"Cụm đề nghị tặng danh hiệu cho {PERSON}."),
            ("bao_cao_thanh_tich", "", "Hoàn thành xuất sắc nhiệm vụ năm 2023.")):
        item = secretary.locator(f'[data-testid="checklist-item"][data-kind="{kind}"]')
        if item.get_attribute("data-present") == "1":
            continue  # the unit's own report came with the proposal
        item.get_by_role("link", name="Thêm").click()
        if title:
            secretary.get_by_label("Số, ký hiệu hoặc tiêu đề").fill(title)
        secretary.get_by_label("Hoặc soạn nội dung").fill(text)
        secretary.get_by_role("button", name="Thêm tài liệu").click()
    expect(secretary.get_by_test_id("missing")).to_have_text("Hồ sơ đủ tài liệu.")
    _dossier_action(secretary, "Gửi hồ sơ")
    expect(secretary.get_by_test_id("dossier-status")).to_have_text("Đã gửi cấp trên")

    # 6. The superior finds it in its inbox, receives it and returns the tờ trình.
    superior = new_page()
    login(superior, "captren")
    asked = accept_confirmations(superior)
    _sees_notice(superior, PERSON)
    superior.goto("/cap-tren/ho-so/")
    superior.locator('[data-testid="inbox-group"][data-status="da_gui"]').get_by_role(
        "link", name=PERSON).click()
    _dossier_action(superior, "Tiếp nhận hồ sơ")
    superior.get_by_test_id("dossier-actions").get_by_role("link", name="Trả lại hồ sơ").click()
    superior.get_by_label("Tờ trình đề nghị khen thưởng: Tờ trình số 3/TTr-CTĐ").fill(
        RETURN_DOSSIER)
    superior.get_by_role("button", name="Trả lại hồ sơ").click()
    expect(superior.get_by_test_id("dossier-status")).to_have_text("Cấp trên trả lại")

    # 7. The secretariat reads the reason, adds the corrected tờ trình and sends it again.
    _sees_notice(secretary, RETURN_DOSSIER)
    secretary.goto(dossier_url)
    expect(secretary.get_by_test_id("return-item")).to_contain_text(RETURN_DOSSIER)
    secretary.locator('[data-testid="checklist-item"][data-kind="to_trinh"]').get_by_role(
        "link", name="Thêm").click()
    secretary.get_by_label("Số, ký hiệu hoặc tiêu đề").fill("Tờ trình số 4/TTr-CTĐ")
    secretary.get_by_label("Hoặc soạn nội dung").fill(
        f"Cụm đề nghị tặng danh hiệu cho {PERSON}, sinh ngày 02/9/1980.")
    secretary.get_by_role("button", name="Thêm tài liệu").click()
    expect(secretary.get_by_test_id("return-item")).to_have_attribute("data-fixed", "1")
    _dossier_action(secretary, "Gửi lại hồ sơ")
    expect(secretary.get_by_test_id("dossier-status")).to_have_text("Đã gửi cấp trên")

    # 8. The superior receives it again and records the decision.
    superior.goto(dossier_url)
    _dossier_action(superior, "Tiếp nhận hồ sơ")
    superior.get_by_test_id("dossier-actions").get_by_role(
        "link", name="Ghi nhận quyết định").click()
    superior.get_by_label("Số, ký hiệu").fill("135/QĐ-BNV")
    superior.get_by_label("Ngày ban hành").fill("2024-02-05")
    superior.get_by_label("Cơ quan ban hành").fill("Bộ Nội vụ")
    superior.get_by_label("Người ký").fill("Bộ trưởng Bộ Nội vụ")
    superior.get_by_role("button", name="Ghi nhận quyết định").click()
    expect(superior.get_by_test_id("dossier-status")).to_have_text("Đã có quyết định")
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.DECIDED

    # 9. The person's honours show it; the unit and the secretariat are told.
    granted = GrantedAward.objects.get(decision__number="135/QĐ-BNV")
    assert granted.person_id == proposal.person_id
    secretary.goto(f"/cum/{NC}/ca-nhan/{proposal.person_id}/")
    expect(secretary.get_by_test_id("person-name")).to_contain_text(PERSON)
    expect(secretary.get_by_test_id("lookup-results")).to_contain_text(
        "Chiến sĩ thi đua cấp bộ")
    secretary.goto(f"/cum/{NC}/tra-cuu/?q=hoang van son")
    expect(secretary.get_by_test_id("lookup-results")).to_contain_text("135/QĐ-BNV")
    for page in (officer, leader, secretary):
        _sees_notice(page, f"Đã có quyết định khen thưởng: {PERSON}")
    assert any("Trả lại hồ sơ" in text for text in asked)  # the return asked before it went
