"""The ranking shows its chart (issue #17, point 6): an image with an accessible name, drawn
on the server (no script), its numbers one click away, within a phone's width."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import login

from .test_accessibility import _serious_violations

NC = "snv-bac-trung-bo"
PHONE = {"width": 390, "height": 844}


def test_the_ranking_shows_points_by_criterion_group_as_a_named_image(new_page):
    page = new_page(viewport=PHONE)
    login(page, "canbo.quangtri")
    page.goto(f"/cum/{NC}/2022/ket-qua/6-thang/xep-hang/")
    chart = page.get_by_role("img", name=re.compile(r"^Điểm của các đơn vị theo nhóm tiêu chí"))
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("aria-labelledby", re.compile("-desc$"))
    assert page.locator("[data-chart] script").count() == 0
    figure = page.get_by_test_id("ranking-chart")
    expect(figure.get_by_test_id("chart-table")).to_be_hidden()
    figure.get_by_text("Xem số liệu").click()
    expect(figure.get_by_test_id("chart-table")).to_be_visible()
    expect(figure.get_by_role("row")).to_have_count(1 + page.get_by_test_id("rank-row").count())
    box = chart.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"]
    width, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= screen, f"the ranking is {width}px wide on a {screen}px screen"
    assert not _serious_violations(Axe(), page, "ranking with its chart")
