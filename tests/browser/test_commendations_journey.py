"""The secret vote in the browser: the secretariat opens the 2023 session, the leaders of the
six member units vote, and the secretariat closes it and reads the tally with the rules it
applied and where they come from. Nobody sees how a unit voted.

2023 has no confirmed chair yet, so 2022's chair (Quảng Trị) acts: canbo.quangtri is the
secretariat. The rules (the software's defaults), the conference and the nominations are
prepared through the services.

Then a proposal the 2022 vote passed goes to the ministry: its dossier is completed, sent, and
the decision recorded, and the award appears among the unit's honours."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from campaigns import services as campaign_services
from campaigns.models import Conference
from cluster.models import Cluster, Province, SuperiorBody, Unit, User
from commendations import services
from commendations.models import AwardForm, Ballot, SealedBallot, VotingSession
from tests.browser.conftest import accept_confirmations, login
from tests.results.factories_results import PDF

NC = "snv-bac-trung-bo"
LEADERS = ["thanhhoa", "nghean", "hatinh", "quangbinh", "quangtri", "hue"]
# Each leader's ballot on (Nghệ An for the ministry flag, Hà Tĩnh for the Bằng khen).
BALLOTS = {"thanhhoa": (True, True), "nghean": (True, False), "hatinh": (True, True),
           "quangbinh": (True, False), "quangtri": (True, True), "hue": (False, True)}


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
    session = services.session_create(cluster=cluster, year=2023, conference=conference,
                                      title="Bình xét khen thưởng năm 2023",
                                      acting_user=secretary)
    for code, name in (("co_bo_noi_vu", "Nghệ An"), ("bang_khen_bo_truong", "Hà Tĩnh")):
        services.nomination_add(session=session, award=AwardForm.objects.get(code=code),
                                unit=Unit.objects.get(name=f"Sở Nội vụ tỉnh {name}"),
                                summary=f"Thành tích năm 2023 của Sở Nội vụ {name}.",
                                acting_user=secretary)
    return session


def test_leaders_vote_in_secret_and_the_secretariat_closes_and_reads_the_tally(
        new_page, session_2023):
    session = session_2023
    nominations = list(session.nominations.order_by("order"))
    session_url = f"/cum/{NC}/2023/khen-thuong/phien/{session.pk}/"

    secretary = new_page()
    login(secretary, "canbo.quangtri")
    secretary.goto(session_url)
    expect(secretary.get_by_test_id("session-status")).to_have_text("Đang chuẩn bị")
    expect(secretary.get_by_test_id("nominations")).to_contain_text("chưa có")
    secretary.get_by_role("link", name="Mở bỏ phiếu").click()
    secretary.get_by_label("Số thành viên có mặt").fill("6")
    secretary.get_by_role("button", name="Mở bỏ phiếu").click()
    expect(secretary.get_by_text("Phiên bình xét đã chuyển sang trạng thái “Đang bỏ phiếu”."))\
        .to_be_visible()

    for key in LEADERS:
        leader = new_page()
        login(leader, f"lanhdao.{key}")
        leader.goto(f"/cum/{NC}/2023/")
        panel = leader.get_by_test_id("commendations-panel")
        expect(panel).to_contain_text("Bình xét khen thưởng năm 2023")
        panel.get_by_test_id("commendations-panel-vote").click()
        expect(leader.get_by_test_id("vote-nominations")).to_contain_text(
            "Thành tích năm 2023 của Sở Nội vụ Nghệ An.")
        for nomination, agree in zip(nominations, BALLOTS[key], strict=True):
            value = "dong-y" if agree else "khong-dong-y"
            leader.locator(f'input[name="n{nomination.pk}"][value="{value}"]').check()
        asked = accept_confirmations(leader)
        leader.get_by_role("button", name="Xem lại phiếu").click()
        expect(leader.get_by_test_id("review-warning")).to_contain_text(
            "Sau khi gửi, phiếu không thể thay đổi.")
        leader.get_by_role("button", name="Gửi phiếu").click()
        confirmation = leader.get_by_role("alert").filter(has_text="Đã ghi nhận phiếu của")
        expect(confirmation).to_contain_text(
            "Phiếu là bí mật: không ai xem được đơn vị đã chọn gì.")
        assert asked == []  # the review step asked; no dialog asks a second time
        expect(leader.get_by_test_id("my-ballot")).to_contain_text("đã bỏ phiếu")
        expect(leader.get_by_test_id("award-tally")).to_have_count(0)
        leader.goto(session_url + "bo-phieu/")
        expect(leader.get_by_test_id("vote-state")).to_contain_text("đã bỏ phiếu")
        expect(leader.get_by_role("button", name="Gửi phiếu")).to_have_count(0)
        leader.context.close()

    assert Ballot.objects.filter(session=session).count() == 6
    assert SealedBallot.objects.filter(session=session).count() == 6
    secretary.goto(session_url)
    expect(secretary.get_by_test_id("voted-count")).to_have_text("Đã bỏ phiếu 6/6 đơn vị")
    expect(secretary.locator('[data-testid="ballot-row"][data-voted="1"]')).to_have_count(6)
    secretary.get_by_role("link", name="Dừng nhận phiếu để kiểm phiếu").click()
    secretary.get_by_role("button", name="Dừng nhận phiếu để kiểm phiếu").click()
    secretary.get_by_role("link", name="Kết thúc bỏ phiếu").click()
    expect(secretary.get_by_label("Số thành viên có mặt")).to_have_value("6")
    secretary.get_by_role("button", name="Xem trước kết quả kiểm phiếu").click()
    preview = secretary.get_by_test_id("close-preview")
    expect(preview.locator('[data-testid="preview-row"][data-passed="1"]')).to_have_count(1)
    expect(preview).to_contain_text("Không đạt: 4/6 phiếu đồng ý (66,67%)")
    secretary.get_by_role("button", name="Xác nhận kết thúc bỏ phiếu và công bố kết quả").click()
    expect(secretary.get_by_text("Phiên bình xét đã chuyển sang trạng thái “Đã kết thúc”."))\
        .to_be_visible()
    tallies = secretary.get_by_test_id("award-tally")
    expect(tallies).to_have_count(2)
    flag = tallies.nth(0)
    expect(flag).to_contain_text("Cờ thi đua của Bộ Nội vụ")
    expect(flag.get_by_test_id("outcome")).to_have_text("✓ Đạt")
    rules = secretary.get_by_test_id("applied-rules")  # once, for every award (#14, point 9)
    expect(rules).to_have_count(1)
    # a vote of December 2023 rests on no text issued later (Nghị định 98/2023/NĐ-CP: 31/12)
    expect(rules).to_contain_text("Tỷ lệ đồng ý: từ 80% trên tổng số thành viên")
    expect(rules).not_to_contain_text("98/2023")
    expect(flag).to_contain_text(
        "Đạt: 5/6 phiếu đồng ý (83,33%) trên tổng số thành viên, đạt mức từ 80%.")
    bang_khen = tallies.nth(1)
    expect(rules.get_by_test_id("secretariat-notes").first).to_contain_text(
        "chưa ghi nguồn văn bản")
    expect(bang_khen).to_contain_text("Không đạt: 4/6 phiếu đồng ý (66,67%)")
    expect(secretary.locator('[data-testid="result-row"][data-passed="1"]')).to_have_count(1)
    expect(secretary.get_by_role("link", name="Kết thúc bỏ phiếu")).to_have_count(0)
    assert VotingSession.objects.get(pk=session.pk).status == "da_ket_thuc"
    assert not SealedBallot.objects.filter(session=session).exists()

    observer = new_page()
    login(observer, "bonoivu")
    observer.goto(session_url)
    expect(observer.get_by_test_id("award-tally")).to_have_count(2)
    expect(observer.get_by_role("link", name="Kết thúc bỏ phiếu")).to_have_count(0)


def test_secretariat_completes_a_dossier_sends_it_and_records_the_decision(new_page, live_demo):
    """The 2022 demo's dossier for Thanh Hóa (Cờ thi đua của Bộ Nội vụ, passed 6/6) lacks all
    three documents: the minutes are drafted from the tally, the tờ trình uploaded, the
    achievement report written in the app; the dossier is sent, the ministry's decision is
    recorded with its file, and the award shows in Thanh Hóa's honours. The superior answers
    on paper here, so the secretariat records its decision (tests/browser/test_superior_journey.py:
    the superior in the app)."""
    SuperiorBody.objects.update(records_on_paper=True)
    secretary = new_page()
    login(secretary, "canbo.quangtri")
    secretary.goto("/cum/snv-bac-trung-bo/2022/khen-thuong/")
    secretary.get_by_role("link", name="Sở Nội vụ tỉnh Thanh Hóa").click()
    expect(secretary.get_by_test_id("missing")).to_contain_text("Còn thiếu")
    item = secretary.locator('[data-testid="checklist-item"][data-kind="bien_ban"]')
    item.get_by_role("button", name="Lập từ kết quả bỏ phiếu").click()
    expect(secretary.locator('[data-testid="checklist-item"][data-kind="bien_ban"]')
           ).to_have_attribute("data-present", "1")

    secretary.locator('[data-testid="checklist-item"][data-kind="to_trinh"]').get_by_role(
        "link", name="Thêm").click()
    secretary.get_by_label("Số, ký hiệu hoặc tiêu đề").fill("15/TTr-CTĐ")
    secretary.get_by_label("Tệp (PDF, Word, Excel, ảnh)").set_input_files(
        {"name": "To trinh 15.pdf", "mimeType": "application/pdf", "buffer": PDF})
    secretary.get_by_role("button", name="Thêm tài liệu").click()
    secretary.locator('[data-testid="checklist-item"][data-kind="bao_cao_thanh_tich"]'
                      ).get_by_role("link", name="Thêm").click()
    secretary.get_by_label("Hoặc soạn nội dung").fill(
        "Sở Nội vụ tỉnh Thanh Hóa hoàn thành xuất sắc các nhiệm vụ năm 2022.")
    secretary.get_by_role("button", name="Thêm tài liệu").click()
    expect(secretary.get_by_test_id("missing")).to_have_text("Hồ sơ đủ tài liệu.")
    expect(secretary.get_by_role("link", name="To trinh 15.pdf")).to_be_visible()

    secretary.get_by_test_id("dossier-actions").get_by_role("link", name="Gửi hồ sơ").click()
    secretary.get_by_role("button", name="Gửi hồ sơ").click()
    expect(secretary.get_by_test_id("dossier-status")).to_have_text("Đã gửi cấp trên")
    secretary.get_by_role("link", name="Ghi nhận quyết định").click()
    secretary.get_by_label("Số, ký hiệu").fill("1234/QĐ-BNV")
    secretary.get_by_label("Ngày ban hành").fill("2023-01-20")
    secretary.get_by_label("Cơ quan ban hành").fill("Bộ Nội vụ")
    secretary.get_by_label("Người ký").fill("Bộ trưởng Bộ Nội vụ")
    accept_confirmations(secretary)
    secretary.get_by_label("Tệp quyết định").set_input_files(
        {"name": "QD 1234.pdf", "mimeType": "application/pdf", "buffer": PDF})
    secretary.get_by_role("button", name="Ghi nhận quyết định").click()
    expect(secretary.get_by_test_id("dossier-status")).to_have_text("Đã có quyết định")
    expect(secretary.get_by_test_id("decision")).to_contain_text("số 1234/QĐ-BNV ngày 20/1/2023")

    leader = new_page()  # Thanh Hóa sees the award among its honours
    login(leader, "lanhdao.thanhhoa")
    leader.goto(f"/don-vi/{unit_pk('thanhhoa')}/khen-thuong/")
    expect(leader.get_by_test_id("honours")).to_contain_text("Cờ thi đua của Bộ Nội vụ")


def unit_pk(key: str) -> int:
    return User.objects.get(username=f"lanhdao.{key}").unit_id
