"""A leader casts the secret ballot on a phone (390×844) with the keyboard alone, through the
review step (issue #14, points 5 and 7): the choices are large, well-spaced labels; the review
lists them with "Sau khi gửi, phiếu không thể thay đổi"; going back keeps them; casting leaves
a receipt and exactly one ballot."""

import pytest
from playwright.sync_api import expect

from cluster.models import Unit, User
from commendations import services
from commendations.models import Ballot, SealedBallot, SessionStatus
from pledges import services as pledge_services
from tests.browser.conftest import accept_confirmations, login
from tests.browser.test_commendations_journey import NC, session_2023  # noqa: F401
from tests.browser.test_pledge_journeys import year_2023  # noqa: F401

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def open_session(session_2023):  # noqa: F811
    secretary = User.objects.get(username="canbo.quangtri")
    services.session_transition(session=session_2023, to_status=SessionStatus.OPEN,
                                present_count=6, acting_user=secretary)
    return session_2023


def _focused(page) -> str:
    return page.evaluate("""() => { const e = document.activeElement;
        return e.tagName + ':' + (e.name || '') + ':' + (e.value || e.id || ''); }""")


def _tab_to(page, wanted: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused(page) == wanted:
            return
    raise AssertionError(f"Tab never reached {wanted}; at {_focused(page)}")


def test_a_leader_casts_the_ballot_with_the_keyboard_alone_on_a_phone(new_page, open_session):
    session = open_session
    first, second = session.nominations.order_by("order")
    leader = new_page()
    leader.set_viewport_size(PHONE)
    login(leader, "lanhdao.nghean")
    asked = accept_confirmations(leader)
    leader.goto(f"/cum/{NC}/2023/khen-thuong/phien/{session.pk}/bo-phieu/")

    # Large, separate targets, one column, nothing wider than the phone.
    labels = leader.get_by_test_id("choice-label")
    expect(labels).to_have_count(4)
    boxes = [labels.nth(i).bounding_box() for i in range(4)]
    for box in boxes:
        assert box["height"] >= 44 and box["width"] >= 300, box
    for upper, lower in zip(boxes, boxes[1:], strict=False):
        assert lower["y"] >= upper["y"] + upper["height"] + 8  # stacked, well apart
    radio = leader.locator(f'input[name="n{first.pk}"]').first.bounding_box()
    assert radio["width"] >= 24 and radio["height"] >= 24
    assert leader.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Choose with the keyboard: Space takes "Đồng ý", an arrow moves to "Không đồng ý".
    _tab_to(leader, f"INPUT:n{first.pk}:dong-y")
    leader.keyboard.press("Space")
    leader.keyboard.press("Tab")
    assert _focused(leader) == f"INPUT:n{second.pk}:dong-y"
    leader.keyboard.press("ArrowDown")
    assert _focused(leader) == f"INPUT:n{second.pk}:khong-dong-y"
    leader.keyboard.press("Tab")
    assert _focused(leader) == "BUTTON:review:1"
    leader.keyboard.press("Enter")

    # The review: the choices, the warning, focus on its heading; back keeps the choices.
    review = leader.get_by_test_id("vote-review")
    expect(review.get_by_test_id("review-choice")).to_have_text(["Đồng ý", "Không đồng ý"])
    expect(leader.get_by_test_id("review-warning")).to_contain_text(
        "Sau khi gửi, phiếu không thể thay đổi.")
    expect(leader.locator("#xem-lai-tieu-de")).to_be_focused()
    assert Ballot.objects.filter(session=session).count() == 0
    _tab_to(leader, "BUTTON:back:1", limit=3)
    leader.keyboard.press("Enter")
    expect(leader.locator(f'input[name="n{first.pk}"][value="dong-y"]')).to_be_checked()
    expect(leader.locator(f'input[name="n{second.pk}"][value="khong-dong-y"]')).to_be_checked()

    # Change the second choice, review again, cast.
    _tab_to(leader, f"INPUT:n{second.pk}:khong-dong-y")
    leader.keyboard.press("ArrowUp")
    assert _focused(leader) == f"INPUT:n{second.pk}:dong-y"
    _tab_to(leader, "BUTTON:review:1", limit=3)
    leader.keyboard.press("Enter")
    expect(review.get_by_test_id("review-choice")).to_have_text(["Đồng ý", "Đồng ý"])
    expect(leader.locator("#xem-lai-tieu-de")).to_be_focused()
    _tab_to(leader, "BUTTON:cast:1", limit=3)
    cast = leader.get_by_role("button", name="Gửi phiếu")
    assert cast.bounding_box()["height"] >= 44
    leader.keyboard.press("Enter")

    receipt = leader.get_by_role("alert").filter(has_text="Đã ghi nhận phiếu của")
    expect(receipt).to_contain_text("Sở Nội vụ tỉnh Nghệ An lúc ")
    expect(receipt).to_contain_text("Phiếu là bí mật: không ai xem được đơn vị đã chọn gì.")
    assert asked == []
    unit = Unit.objects.get(name="Sở Nội vụ tỉnh Nghệ An")
    assert list(Ballot.objects.filter(session=session).values_list("unit", flat=True)) == [
        unit.pk]
    assert SealedBallot.objects.filter(session=session).count() == 1
    leader.goto(f"/cum/{NC}/2023/khen-thuong/phien/{session.pk}/bo-phieu/")
    expect(leader.get_by_test_id("vote-state")).to_contain_text("Phiếu được ghi nhận lúc ")
    expect(leader.get_by_test_id("choice-label")).to_have_count(0)
    assert Ballot.objects.filter(session=session).count() == 1


def test_a_leader_signs_the_pledge_with_the_keyboard_alone_on_a_phone(
        new_page, year_2023):  # noqa: F811
    secretary = User.objects.get(username="canbo.hue")
    pledge = pledge_services.pledge_create(cluster=year_2023, year=2023,
                                           title="Giao ước thi đua 2023", acting_user=secretary)
    pledge_services.commitment_add(pledge=pledge, text="Hoàn thành xuất sắc nhiệm vụ năm 2023.",
                                   acting_user=secretary)
    pledge_services.pledge_transition(pledge=pledge, to_status="dang_ky", acting_user=None)
    leader = new_page()
    leader.set_viewport_size(PHONE)
    login(leader, "lanhdao.nghean")
    leader.goto(f"/cum/{NC}/2023/giao-uoc/ky/")
    label = leader.get_by_test_id("choice-label")
    box, check = label.bounding_box(), leader.locator("#id_confirm").bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300 and check["width"] >= 24, (box, check)
    assert leader.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _tab_to(leader, "INPUT:confirm:on")
    leader.keyboard.press("Space")
    leader.keyboard.press("Tab")
    assert _focused(leader) == "BUTTON:submit:"
    leader.keyboard.press("Enter")
    expect(leader.get_by_text("Sở Nội vụ tỉnh Nghệ An đã ký giao ước thi đua năm 2023.")
           ).to_be_visible()
    assert pledge.signatures.count() == 1
