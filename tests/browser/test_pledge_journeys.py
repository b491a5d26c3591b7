"""The pledge's main journey in the browser: the secretariat drafts the 2023 pledge and opens
it, a unit leader signs it, and once all six units have signed the secretariat locks it.

The 2022 pledge is locked in the demo; 2023's chair (Thừa Thiên Huế, last year's vice-chair,
by the rotation rule) is confirmed first, so canbo.hue is the 2023 secretariat."""

import re

import pytest
from playwright.sync_api import expect

from cluster import services as cluster_services
from cluster.models import Cluster, User
from pledges import services
from pledges.models import Pledge
from tests.browser.conftest import DEMO_PASSWORD, login
from tests.factories import MembershipFactory, UserFactory

NC = "snv-bac-trung-bo"
OTHER_LEADERS = ["thanhhoa", "hatinh", "quangbinh", "quangtri", "hue"]


@pytest.fixture
def year_2023(live_demo):
    cluster = Cluster.objects.get(slug=NC)
    units = {m.unit.short_name: m.unit for m in cluster.memberships.select_related("unit")}
    cluster_services.cluster_year_set_roles(
        cluster=cluster, year=2023, chair=units["Thừa Thiên Huế"], vice_chair=units["Thanh Hóa"],
        acting_user=User.objects.get(username="canbo.quangtri"),
    )
    return cluster


def test_secretariat_drafts_opens_leaders_sign_and_secretariat_locks(new_page, year_2023):
    secretary = new_page()
    login(secretary, "canbo.hue")
    panel = secretary.get_by_test_id("pledge-panel")
    expect(panel).to_contain_text("Chưa có giao ước thi đua năm 2023.")
    panel.get_by_role("link", name="Lập giao ước năm 2023").click()
    expect(secretary.get_by_label("Tiêu đề")).to_have_value("Giao ước thi đua năm 2023")
    secretary.get_by_label("Phần mở đầu (căn cứ, lời dẫn)").fill(
        "Các đơn vị thành viên thống nhất ký kết giao ước thi đua năm 2023:"
    )
    secretary.get_by_role("button", name="Lập dự thảo").click()
    expect(secretary.get_by_text("Đã lập dự thảo giao ước năm 2023")).to_be_visible()
    expect(secretary.get_by_test_id("pledge-status").first).to_have_text("Dự thảo")
    for text in ("Hoàn thành xuất sắc nhiệm vụ chính trị năm 2023.",
                 "Nhân rộng điển hình tiên tiến, cách làm hay trong Cụm."):
        secretary.get_by_role("link", name="Thêm nội dung cam kết").click()
        secretary.get_by_label("Nội dung cam kết").fill(text)
        secretary.get_by_role("button", name="Lưu").click()
    expect(secretary.get_by_test_id("commitment")).to_have_count(2)
    secretary.get_by_role("link", name="Mở ký kết").click()
    secretary.get_by_role("button", name="Mở ký kết").click()
    expect(secretary.get_by_text("Giao ước đã chuyển sang trạng thái “Đang ký kết”.")
           ).to_be_visible()

    leader = new_page()
    login(leader, "lanhdao.nghean")
    expect(leader.get_by_test_id("pledge-panel")).to_contain_text("Đã ký 0/6 đơn vị")
    leader.get_by_test_id("pledge-panel-sign").click()
    expect(leader.get_by_test_id("pledge-text")).to_contain_text(
        "Nhân rộng điển hình tiên tiến, cách làm hay trong Cụm."
    )
    expect(leader.get_by_test_id("signer")).to_contain_text("thay mặt Sở Nội vụ tỉnh Nghệ An")
    leader.get_by_label("Tôi đã đọc toàn văn giao ước và đồng ý ký thay mặt đơn vị.").check()
    leader.get_by_role("button", name="Ký giao ước").click()
    expect(leader.get_by_text("Sở Nội vụ tỉnh Nghệ An đã ký giao ước thi đua năm 2023.")
           ).to_be_visible()
    expect(leader.get_by_test_id("signed-count")).to_have_text("Đã ký 1/6 đơn vị")
    expect(leader.get_by_role("link", name="Ký giao ước")).to_have_count(0)

    # The five other leaders sign too (through the same service the page uses).
    pledge = Pledge.objects.get(cluster=year_2023, year=2023)
    for key in OTHER_LEADERS:
        other = User.objects.select_related("unit").get(username=f"lanhdao.{key}")
        services.pledge_sign(pledge=pledge, unit=other.unit, acting_user=other)

    secretary.get_by_role("link", name="Tình hình ký kết").click()
    expect(secretary.get_by_test_id("signed-count")).to_have_text("Đã ký 6/6 đơn vị")
    rows = secretary.get_by_test_id("signature-row")
    expect(rows).to_have_count(6)
    expect(secretary.locator('[data-testid="signature-row"][data-signed="1"]')).to_have_count(6)
    expect(secretary.get_by_test_id("signature-board")).to_contain_text("Ngô Quang Chiến")
    expect(secretary.get_by_test_id("pledge-status")).to_have_text("Đã ký đủ")
    secretary.get_by_role("link", name="Xem toàn văn giao ước").click()
    secretary.get_by_role("link", name="Khóa giao ước").click()
    secretary.get_by_role("button", name="Khóa giao ước").click()
    expect(secretary.get_by_text("Giao ước đã chuyển sang trạng thái “Đã khóa”.")).to_be_visible()
    expect(secretary.get_by_test_id("pledge-status")).to_have_text("Đã khóa")
    expect(secretary.get_by_role("link", name="Thêm nội dung cam kết")).to_have_count(0)
    expect(secretary.get_by_test_id("events")).to_contain_text("Đã ký đủ → Đã khóa")

    leader.reload()
    expect(leader.get_by_test_id("pledge-status")).to_have_text("Đã khóa")


def test_officer_sees_the_pledge_but_cannot_sign(page, year_2023):
    login(page, "canbo.nghean")
    page.goto(f"/cum/{NC}/2022/giao-uoc/")
    expect(page.get_by_test_id("pledge-title")).to_have_text("Giao ước thi đua năm 2022")
    expect(page.get_by_test_id("pledge-status").first).to_have_text("Đã khóa")
    expect(page.get_by_test_id("signature-blocks")).to_contain_text("Ngô Quang Chiến")
    expect(page.get_by_role("link", name=re.compile("^Ký giao ước$"))).to_have_count(0)
    response = page.goto(f"/cum/{NC}/2022/giao-uoc/ky/")
    assert response.status == 404


def test_a_unit_that_joins_after_everyone_signed_signs_once_the_secretariat_reopens(
        new_page, year_2023):
    """Six units signed the 2023 pledge; then a seventh department joins the cluster for
    2023. Locking is refused until it signs; the secretariat opens the pledge again, its
    leader signs in the browser, and the pledge is fully signed once more."""
    pledge = services.pledge_create(cluster=year_2023, year=2023, title="Giao ước thi đua 2023",
                                    acting_user=User.objects.get(username="canbo.hue"))
    services.commitment_add(pledge=pledge, text="Hoàn thành xuất sắc nhiệm vụ năm 2023.",
                            acting_user=User.objects.get(username="canbo.hue"))
    services.pledge_transition(pledge=pledge, to_status="dang_ky", acting_user=None)
    for key in ["nghean", *OTHER_LEADERS]:
        other = User.objects.select_related("unit").get(username=f"lanhdao.{key}")
        services.pledge_sign(pledge=pledge, unit=other.unit, acting_user=other)
    newcomer = MembershipFactory(cluster=year_2023, from_year=2023, to_year=2023).unit
    leader = UserFactory(unit=newcomer, role=User.Role.LEADER, username="lanhdao.moi",
                         full_name="Phạm Thị D", job_title="Giám đốc Sở Nội vụ")
    leader.set_password(DEMO_PASSWORD)
    leader.save()

    secretary = new_page()
    login(secretary, "canbo.hue")
    secretary.goto(f"/cum/{NC}/2023/giao-uoc/")
    expect(secretary.get_by_test_id("pledge-status").first).to_have_text("Đã ký đủ")
    secretary.get_by_role("link", name="Mở lại để thành viên mới ký").click()
    expect(secretary.get_by_text("các chữ ký đã có được giữ nguyên")).to_be_visible()
    secretary.get_by_role("button", name="Mở lại để thành viên mới ký").click()
    expect(secretary.get_by_text("Giao ước đã chuyển sang trạng thái “Đang ký kết”.")
           ).to_be_visible()

    signer = new_page()
    login(signer, "lanhdao.moi")
    signer.goto(f"/cum/{NC}/2023/giao-uoc/")
    signer.get_by_role("link", name=re.compile("^Ký giao ước$")).click()
    signer.get_by_label("Tôi đã đọc toàn văn giao ước và đồng ý ký thay mặt đơn vị.").check()
    signer.get_by_role("button", name="Ký giao ước").click()
    expect(signer.get_by_test_id("signed-count")).to_have_text("Đã ký 7/7 đơn vị")

    secretary.reload()
    expect(secretary.get_by_test_id("pledge-status").first).to_have_text("Đã ký đủ")
    expect(secretary.get_by_role("link", name="Khóa giao ước")).to_be_visible()
    expect(secretary.get_by_role("link", name="Mở lại để thành viên mới ký")).to_have_count(0)
