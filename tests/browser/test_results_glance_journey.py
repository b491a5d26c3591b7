"""A leader reads the 2022 bình xét's results on a phone (issue #14, point 9): the first
screen shows every award's outcome (a badge with text), the rules are folded once under
"Căn cứ và cách tính", and the page never pans sideways."""

import re

from playwright.sync_api import expect

from commendations.models import SessionStatus, VotingSession
from tests.browser.conftest import login

NC = "snv-bac-trung-bo"
PHONE = {"width": 390, "height": 844}
COUNT = re.compile(r"^[✓✗!] \d+ (đạt|không đạt|đạt tỷ lệ.*|ngang phiếu.*)$")
OUTCOME = re.compile(r"^[✓✗!] (Đạt|Không đạt|Đạt tỷ lệ.*)$")


def test_a_leader_sees_each_awards_outcome_on_the_first_phone_screen(new_page):
    session = VotingSession.objects.get(cluster__slug=NC, year=2022, status=SessionStatus.CLOSED)
    awards = session.award_tallies.count()
    assert awards >= 2
    page = new_page(viewport=PHONE)
    login(page, "lanhdao.nghean")
    page.goto(f"/cum/{NC}/2022/khen-thuong/phien/{session.pk}/")
    # Unscrolled, the first screen names every award with each nomination's outcome.
    assert page.evaluate("window.scrollY") == 0
    summary = page.get_by_test_id("summary-award")
    expect(summary).to_have_count(awards)
    names = list(session.award_tallies.order_by("order", "pk").values_list("award__name",
                                                                             flat=True))
    for index, name in enumerate(names):
        expect(summary.nth(index)).to_contain_text(name)
        badges = summary.nth(index).get_by_test_id("summary-outcome")
        expect(badges.first).to_be_visible()
        for badge in badges.all():
            expect(badge).to_have_text(COUNT)
            box = badge.bounding_box()
            assert box is not None and box["y"] + box["height"] <= PHONE["height"], \
                f"an outcome of {name} is below the first screen: {box}"
    tallies = page.get_by_test_id("award-tally")
    expect(tallies).to_have_count(awards)
    expect(tallies.first.get_by_test_id("outcome").first).to_have_text(OUTCOME)
    bar = page.get_by_test_id("vote-bar").first
    expect(bar).to_have_attribute("role", "img")
    expect(bar).to_have_attribute("aria-label", re.compile(
        r"^\d+/\d+ phiếu đồng ý, ngưỡng \d+(,\d+)?%$"))
    rules = page.get_by_test_id("applied-rules")
    expect(rules).to_have_count(1)
    expect(rules.get_by_text("Quy tắc đã áp dụng (kèm nguồn):")).to_be_hidden()
    rules.get_by_text("Căn cứ và cách tính").click()
    expect(rules.get_by_text("Quy tắc đã áp dụng (kèm nguồn):")).to_be_visible()
    width, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= screen, f"the results page is {width}px wide on a {screen}px screen"
