"""Standards of a nomination in the browser (issue #16, part 3): the secretariat opens the
checklist of Nghệ An's 2023 nomination (the history proves nothing yet, the standard is not
declared); Nghệ An's leader, on a phone (390 px) with the keyboard alone, declares the
standard met with a note; the secretariat's checklist then shows it declared, by whom."""

from playwright.sync_api import expect

from commendations.models import StandardDeclaration
from tests.browser.conftest import login
from tests.browser.test_commendations_journey import NC, session_2023  # noqa: F401

PHONE = {"width": 390, "height": 844}


def _focused(page) -> str:
    return page.evaluate("""() => { const e = document.activeElement;
        return e.tagName + ':' + (e.name || '') + ':' + (e.value || ''); }""")


def _tab_to(page, wanted: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused(page).startswith(wanted):
            return
    raise AssertionError(f"Tab never reached {wanted}; at {_focused(page)}")


def test_a_leader_declares_a_standard_and_the_secretariats_checklist_shows_it(
        new_page, session_2023):  # noqa: F811
    nomination = session_2023.nominations.get(award__code="co_bo_noi_vu")
    session_url = f"/cum/{NC}/2023/khen-thuong/phien/{session_2023.pk}/"
    checklist_url = f"{session_url}de-nghi/{nomination.pk}/tieu-chuan/"

    secretary = new_page()
    login(secretary, "canbo.quangtri")
    secretary.goto(session_url)
    row = secretary.get_by_test_id("nomination").filter(has_text="Nghệ An")
    link = row.get_by_test_id("nomination-eligibility").get_by_role("link")
    expect(row.get_by_test_id("nomination-eligibility")).to_contain_text("còn thiếu 2 mục")
    link.click()
    secretary.wait_for_url(f"**{checklist_url}")
    standard = secretary.get_by_test_id("eligibility-item").filter(
        has_text="Hoàn thành xuất sắc nhiệm vụ năm (minh họa)")
    expect(standard).to_have_attribute("data-status", "undeclared")
    condition = secretary.locator('[data-testid="eligibility-item"][data-kind="condition"]')
    expect(condition).to_have_attribute("data-status", "not_met")
    expect(condition).to_contain_text("Thiếu năm 2021, 2022")

    leader = new_page()
    leader.set_viewport_size(PHONE)
    login(leader, "lanhdao.nghean")
    leader.goto(checklist_url)
    assert leader.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for _ in range(80):
        leader.keyboard.press("Tab")
        if leader.evaluate("document.activeElement.dataset.testid") == "declare-link":
            break
    leader.keyboard.press("Enter")
    leader.wait_for_url("**/khai-bao/")
    assert leader.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _tab_to(leader, "INPUT:declared:dat")
    leader.keyboard.press("Space")
    _tab_to(leader, "TEXTAREA:note", limit=5)
    leader.keyboard.type("Quyết định 15/QĐ-SNV ngày 10/01/2024")
    leader.keyboard.press("Tab")
    leader.keyboard.press("Enter")
    leader.wait_for_url(f"**{checklist_url}")
    expect(leader.get_by_text("Đã lưu khai báo tiêu chuẩn.")).to_be_visible()

    secretary.reload()
    expect(standard).to_have_attribute("data-status", "declared")
    expect(standard).to_contain_text("Quyết định 15/QĐ-SNV ngày 10/01/2024")
    expect(standard).to_contain_text("Khai báo bởi")
    assert StandardDeclaration.objects.get(nomination=nomination).declared is True
