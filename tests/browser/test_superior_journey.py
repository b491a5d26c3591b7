"""The upper level acts, in the browser (issue #16): the secretariat sends the 2022 demo's
dossier for Thanh Hóa (Cờ thi đua của Bộ Nội vụ, passed 6/6), the superior's account
("captren", Ban Thi đua – Khen thưởng Trung ương) finds it in its inbox, receives it and
returns it with a reason on the tờ trình; the secretariat reads the reason, adds a corrected
tờ trình and sends it again; the superior receives it and records the decision with its
signer; Thanh Hóa's honours page shows the award."""

from playwright.sync_api import expect

from cluster.models import User
from commendations import services
from commendations.models import DocumentKind, Dossier, DossierStatus
from tests.browser.conftest import accept_confirmations, login

NC = "snv-bac-trung-bo"


def test_the_superior_returns_an_item_the_secretariat_fixes_it_and_the_decision_is_recorded(
        new_page, live_demo):
    secretary_user = User.objects.get(username="canbo.quangtri")
    dossier = Dossier.objects.get(nomination__session__cluster__slug=NC,
                                  nomination__session__year=2022,
                                  nomination__unit__name="Sở Nội vụ tỉnh Thanh Hóa")
    assert dossier.status == DossierStatus.DRAFT
    services.dossier_document_add(dossier=dossier, kind=DocumentKind.SUBMISSION,
                                  title="Tờ trình số 15/TTr-CTĐ",
                                  text="Cụm đề nghị tặng Cờ thi đua năm 2021.",
                                  acting_user=secretary_user)
    services.dossier_minutes_draft(dossier=dossier, acting_user=secretary_user)
    services.dossier_document_add(dossier=dossier, kind=DocumentKind.ACHIEVEMENTS,
                                  text="Hoàn thành xuất sắc nhiệm vụ năm 2022.",
                                  acting_user=secretary_user)
    dossier_url = f"/cum/{NC}/2022/khen-thuong/ho-so/{dossier.pk}/"

    secretary = new_page()
    login(secretary, "canbo.quangtri")
    secretary.goto(dossier_url)
    secretary.get_by_test_id("dossier-actions").get_by_role("link", name="Gửi hồ sơ").click()
    secretary.get_by_role("button", name="Gửi hồ sơ").click()
    expect(secretary.get_by_test_id("dossier-status")).to_have_text("Đã gửi cấp trên")
    # The superior acts in the app: the secretariat is not offered to record the decision.
    expect(secretary.get_by_role("link", name="Ghi nhận quyết định")).to_have_count(0)

    superior = new_page()
    login(superior, "captren")
    superior.goto("/cap-tren/ho-so/")
    waiting = superior.locator('[data-testid="inbox-group"][data-status="da_gui"]')
    waiting.get_by_role("link", name="Sở Nội vụ tỉnh Thanh Hóa").click()
    superior.get_by_test_id("dossier-actions").get_by_role("link", name="Tiếp nhận hồ sơ").click()
    superior.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(superior.get_by_test_id("dossier-status")).to_have_text("Cấp trên đã tiếp nhận")
    superior.get_by_test_id("dossier-actions").get_by_role("link", name="Trả lại hồ sơ").click()
    superior.get_by_label("Tờ trình đề nghị khen thưởng: Tờ trình số 15/TTr-CTĐ").fill(
        "Tờ trình ghi sai năm thành tích (2021, phải là 2022).")
    asked = accept_confirmations(superior)
    superior.get_by_role("button", name="Trả lại hồ sơ").click()
    expect(superior.get_by_test_id("dossier-status")).to_have_text("Cấp trên trả lại")
    assert asked and "Trả lại hồ sơ" in asked[0]

    secretary.goto(dossier_url)
    item = secretary.get_by_test_id("return-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Tờ trình ghi sai năm thành tích")
    expect(item).to_have_attribute("data-fixed", "0")
    secretary.locator('[data-testid="checklist-item"][data-kind="to_trinh"]').get_by_role(
        "link", name="Thêm").click()
    secretary.get_by_label("Số, ký hiệu hoặc tiêu đề").fill("Tờ trình số 16/TTr-CTĐ")
    secretary.get_by_label("Hoặc soạn nội dung").fill("Cụm đề nghị tặng Cờ thi đua năm 2022.")
    secretary.get_by_role("button", name="Thêm tài liệu").click()
    expect(secretary.get_by_test_id("return-item")).to_have_attribute("data-fixed", "1")
    secretary.get_by_test_id("dossier-actions").get_by_role("link", name="Gửi lại hồ sơ").click()
    secretary.get_by_role("button", name="Gửi lại hồ sơ").click()
    expect(secretary.get_by_test_id("dossier-status")).to_have_text("Đã gửi cấp trên")

    superior.goto(dossier_url)
    superior.get_by_test_id("dossier-actions").get_by_role("link", name="Tiếp nhận hồ sơ").click()
    superior.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    superior.get_by_test_id("dossier-actions").get_by_role(
        "link", name="Ghi nhận quyết định").click()
    superior.get_by_label("Số, ký hiệu").fill("2468/QĐ-BNV")
    superior.get_by_label("Ngày ban hành").fill("2023-02-20")
    superior.get_by_label("Cơ quan ban hành").fill("Bộ Nội vụ")
    superior.get_by_label("Người ký").fill("Bộ trưởng Bộ Nội vụ")
    superior.get_by_role("button", name="Ghi nhận quyết định").click()
    expect(superior.get_by_test_id("dossier-status")).to_have_text("Đã có quyết định")
    expect(superior.get_by_test_id("decision")).to_contain_text("Người ký: Bộ trưởng Bộ Nội vụ")
    assert len(asked) == 2 and "Ghi nhận quyết định khen thưởng" in asked[1]  # asked once

    leader = new_page()
    login(leader, "lanhdao.thanhhoa")
    leader.goto(f"/don-vi/{dossier.nomination.unit_id}/khen-thuong/")
    expect(leader.get_by_test_id("honours")).to_contain_text("Số 2468/QĐ-BNV ngày 20/2/2023")
