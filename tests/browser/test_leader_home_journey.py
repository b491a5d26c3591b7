"""A leader's phone journey from the home page (issue #14, point 3): with the 2023 pledge and
a 2023 vote open, lanhdao.nghean's first screen at 390×844 shows "Việc cần làm" with "Ký giao
ước" and "Bỏ phiếu" as large buttons, without scrolling; signing from there works, and the
item is gone once signed. The page has no serious axe violation and is no wider than the
phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cluster.models import Cluster
from pledges.models import PledgeStatus
from tests.browser.conftest import login
from tests.browser.test_accessibility import NC, PHONE, _open_vote_2023, _serious_violations
from tests.pledges.factories import CommitmentFactory, PledgeFactory


@pytest.fixture
def open_2023(live_demo):
    cluster = Cluster.objects.get(slug=NC)
    session = _open_vote_2023(cluster)
    pledge = PledgeFactory(cluster=cluster, year=2023, status=PledgeStatus.OPEN,
                           title="Giao ước thi đua năm 2023")
    CommitmentFactory(pledge=pledge, position=1,
                      text="Hoàn thành xuất sắc nhiệm vụ chính trị năm 2023.")
    return session


def _within_first_screen(locator) -> None:
    box = locator.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert box["width"] >= 44 and box["height"] >= 44, box


def test_a_leader_signs_from_the_first_phone_screen(new_page, open_2023):
    page = new_page(viewport=PHONE)
    login(page, "lanhdao.nghean")
    page.goto(f"/cum/{NC}/2023/")
    todos = page.get_by_test_id("todos")
    expect(todos.get_by_role("heading", name="Việc cần làm")).to_be_visible()
    sign = todos.get_by_role("link", name="Ký giao ước")
    vote = todos.get_by_role("link", name="Bỏ phiếu")
    expect(sign).to_be_visible()
    expect(vote).to_be_visible()
    assert page.evaluate("window.scrollY") == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not _serious_violations(Axe(), page, "home 2023")
    _within_first_screen(sign)
    _within_first_screen(vote)
    expect(vote).to_have_attribute(
        "href", f"/cum/{NC}/2023/khen-thuong/phien/{open_2023.pk}/bo-phieu/")

    sign.click()
    page.get_by_label("Tôi đã đọc toàn văn giao ước và đồng ý ký thay mặt đơn vị.").check()
    page.get_by_role("button", name="Ký giao ước").click()
    expect(page.get_by_text("Sở Nội vụ tỉnh Nghệ An đã ký giao ước thi đua năm 2023.")
           ).to_be_visible()

    page.goto(f"/cum/{NC}/2023/")
    todos = page.get_by_test_id("todos")
    expect(todos.get_by_role("link", name="Ký giao ước")).to_have_count(0)
    expect(todos.get_by_role("link", name="Bỏ phiếu")).to_be_visible()
