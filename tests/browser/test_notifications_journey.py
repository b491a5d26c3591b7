"""The notification centre in the browser, by keyboard only, on a phone (390 px): a unit
officer sees the unread count in the top bar, opens the centre, follows a notice (which marks
it read, so the count goes down), and turns e-mail off for one kind."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cluster.models import User
from notifications.kinds import Kind
from notifications.models import EmailOptOut, Notification
from notifications.services import notify
from tests.browser.conftest import login
from tests.browser.test_accessibility import AXE_OPTIONS, FAILING_IMPACTS, PHONE

TARGET = "/cum/snv-bac-trung-bo/2022/"


def tab_to(page, test, limit: int = 80) -> None:
    """Press Tab until the focused element passes ``test`` (a JS arrow on the element)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(({test}))(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached the element: {test}")


def serious(page) -> list[str]:
    return [f"{v['id']} ({len(v['nodes'])}×)"
            for v in Axe().run(page, options=AXE_OPTIONS).response["violations"]
            if v["impact"] in FAILING_IMPACTS]


@pytest.fixture
def officer(live_demo):
    user = User.objects.get(username="canbo.nghean")
    notify(kind=Kind.REPORT_RETURNED, recipients=[user], key="hanh-trinh:tra-lai",
           title="Báo cáo 6 tháng đầu năm 2022 bị trả lại để bổ sung",
           body="Nội dung cần bổ sung: số liệu biên chế.", url=TARGET)
    return user


def test_officer_follows_a_notice_and_turns_off_one_kind_by_keyboard_on_a_phone(
        new_page, officer):
    page = new_page(viewport=PHONE)
    login(page, "canbo.nghean")
    unread = Notification.objects.filter(recipient=officer, read_at__isnull=True).count()
    assert unread >= 1
    badge = page.get_by_test_id("notification-badge")
    expect(badge).to_be_visible()  # outside the collapsed menu, on a phone too
    expect(badge).to_have_text(str(unread))
    expect(page.get_by_test_id("notifications-link")).to_contain_text(
        f"{unread} thông báo chưa đọc")

    # the centre, reached by keyboard from the top of the page
    page.goto("/")
    tab_to(page, "el => el.dataset && el.dataset.testid === 'notifications-link'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/thong-bao/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thông báo")
    expect(page.get_by_test_id("notification-count")).to_contain_text(f"{unread} chưa đọc")
    assert serious(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # follow the notice: it opens its page and is read
    tab_to(page, "el => el.textContent.includes('bị trả lại để bổ sung')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{TARGET}")
    if unread > 1:
        expect(page.get_by_test_id("notification-badge")).to_have_text(str(unread - 1))
    else:
        expect(page.get_by_test_id("notification-badge")).to_have_count(0)
    assert Notification.objects.get(recipient=officer, key="hanh-trinh:tra-lai").is_read

    # e-mail off for one kind
    page.goto("/thong-bao/")
    tab_to(page, "el => el.dataset && el.dataset.testid === 'email-preferences'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/thong-bao/nhan-thu/")
    assert serious(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = page.get_by_label("Kỳ báo cáo chuyển giai đoạn")
    expect(box).to_be_checked()
    tab_to(page, "el => el.type === 'checkbox' && el.labels[0].textContent.trim() === "
                 "'Kỳ báo cáo chuyển giai đoạn'")
    page.keyboard.press("Space")
    expect(box).not_to_be_checked()
    tab_to(page, "el => el.dataset && el.dataset.testid === 'preferences-save'")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Đã lưu lựa chọn nhận thư điện tử.")).to_be_visible()
    expect(page.get_by_label("Kỳ báo cáo chuyển giai đoạn")).not_to_be_checked()
    expect(page.get_by_label("Báo cáo bị trả lại")).to_be_checked()
    assert list(EmailOptOut.objects.filter(user=officer).values_list("kind", flat=True)) == [
        Kind.PERIOD_PHASE]
