"""Tra cứu khen thưởng on a phone (390×844) with the keyboard alone (issue #16): a member
unit's officer opens the look-up from the commendations tabs, types a name without
diacritics, sends the form with Enter, opens the person who moved from Quảng Bình to Quảng
Trị, sees the honours of both units, and opens the printable list; no page is wider than the
screen and none has a serious axe violation."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.browser.test_accessibility import AXE_OPTIONS, FAILING_IMPACTS

PHONE = {"width": 390, "height": 844}


def _fits(page) -> None:
    width, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= screen, f"{page.url}: {width}px > {screen}px"


def _accessible(page) -> None:
    violations = [v["id"] for v in Axe().run(page, options=AXE_OPTIONS).response["violations"]
                  if v["impact"] in FAILING_IMPACTS]
    assert not violations, f"{page.url}: {violations}"


def _tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)",
                         selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_an_officer_looks_up_a_person_without_diacritics_by_keyboard_on_a_phone(new_page):
    page = new_page(viewport=PHONE)
    login(page, "canbo.nghean")
    page.goto("/cum/snv-bac-trung-bo/2022/khen-thuong/")
    _tab_to(page, '[data-testid="lookup-link"]')
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Tra cứu khen thưởng")).to_be_visible()
    _fits(page)
    _accessible(page)

    _tab_to(page, "#id_q")
    page.keyboard.type("tran van minh hoa")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("lookup-count")).to_have_text("Tìm thấy 3 khen thưởng.")
    rows = page.get_by_test_id("lookup-row")
    expect(rows).to_have_count(3)
    expect(page.get_by_test_id("lookup-results")).to_contain_text("Sở Nội vụ tỉnh Quảng Bình")
    expect(page.get_by_test_id("lookup-results")).to_contain_text("Sở Nội vụ tỉnh Quảng Trị")
    _fits(page)

    _tab_to(page, '[data-testid="person-link"]')
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("person-name")).to_contain_text("Trần Văn Minh Họa")
    expect(page.get_by_test_id("posting")).to_have_count(2)
    expect(page.get_by_test_id("lookup-row")).to_have_count(3)
    expect(page.get_by_test_id("person-dob")).to_have_count(0)  # not the person's unit
    _fits(page)
    _accessible(page)

    page.go_back()
    expect(page.get_by_test_id("lookup-count")).to_have_text("Tìm thấy 3 khen thưởng.")
    _tab_to(page, '[data-testid="lookup-print-link"]')
    page.keyboard.press("Enter")
    printed = page.get_by_test_id("lookup-print")
    expect(printed).to_contain_text("KẾT QUẢ TRA CỨU KHEN THƯỞNG")
    expect(printed).to_contain_text("Họ tên cá nhân hoặc tên tập thể: tran van minh hoa")
    expect(page.get_by_test_id("lookup-row")).to_have_count(3)
    _fits(page)
    _accessible(page)
    page.emulate_media(media="print")
    expect(page.locator("header")).to_be_hidden()
    expect(page.get_by_test_id("lookup-results")).to_be_visible()


def test_the_staff_of_the_persons_present_unit_see_the_birth_date(page):
    login(page, "canbo.quangtri")
    page.goto("/cum/snv-bac-trung-bo/tra-cuu/?q=tran+van")
    page.get_by_test_id("person-link").first.click()
    expect(page.get_by_test_id("person-dob")).to_have_text("12/04/1985")
