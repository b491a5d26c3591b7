"""Journeys through the small fixes of issue #13: the home offers the year that waits for its
chair, a conference not yet held cannot have its bulletin published, and the English pages
read in English."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from campaigns import services as campaign_services
from campaigns.models import Conference
from cluster.models import Cluster, Province
from tests.browser.conftest import login


def test_the_home_offers_the_earliest_year_waiting_for_its_chair(page):
    login(page, "canbo.quangtri")
    page.goto("/cum/snv-bac-trung-bo/2024/")  # 2023 has no chair yet
    offer = page.get_by_test_id("confirm-roles")
    expect(offer).to_have_text("Xác nhận Cụm trưởng, Cụm phó năm 2023")
    offer.click()
    page.wait_for_url("**/2023/cum-truong/")
    expect(page.get_by_test_id("proposal")).to_be_visible()


def test_a_conference_not_yet_held_has_no_public_bulletin(page, new_page):
    cluster = Cluster.objects.get(slug="snv-bac-trung-bo")
    coming = campaign_services.conference_create(
        cluster=cluster, year=timezone.localdate().year, kind=Conference.Kind.YEAREND,
        title="Hội nghị tổng kết công tác thi đua, khen thưởng",
        starts_at=timezone.now() + datetime.timedelta(days=10),
        province=Province.objects.get(name="Nghệ An", valid_to=None), hosts=[],
        acting_user=None)
    login(page, "canbo.quangtri")
    page.goto(f"/cum/snv-bac-trung-bo/{coming.year}/hoi-nghi/{coming.pk}/")
    expect(page.get_by_test_id("publish-later")).to_be_disabled()
    expect(page.get_by_test_id("bulletin-link")).to_have_text("Xem trước bản tin")
    anonymous = new_page()
    assert anonymous.goto(f"/cong-khai/ban-tin/{coming.slug}/").status == 404


def test_the_board_reads_in_english(page):
    login(page, "canbo.quangtri")
    page.goto("/cum/snv-bac-trung-bo/2022/ket-qua/")
    page.get_by_role("button", name="EN").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_text("Report for the first six months of 2022").first).to_be_visible()
    page.goto("/cum/snv-bac-trung-bo/2022/ket-qua/6-thang/")
    board = page.get_by_test_id("board")
    expect(board).not_to_contain_text("Đã thẩm định")
    expect(board).to_contain_text("Reviewed")
