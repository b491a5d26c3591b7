import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cluster.models import ClusterYear
from tests.factories import UserFactory, cluster_with_members

pytestmark = pytest.mark.django_db

NC = "/cum/snv-bac-trung-bo/"


def test_cluster_page_2022_lists_six_members_with_roles(client, users):
    client.force_login(users["canbo.nghean"])
    html = client.get(NC + "?nam=2022").content.decode()
    for name in ["Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế"]:
        assert f"Sở Nội vụ tỉnh {name}" in html
    assert "Thành viên năm 2022: 6 đơn vị" in html
    assert "minh họa" not in html  # 2022 is the seed's own facts


def test_cluster_page_2025_shows_five_and_the_merger(client, users):
    client.force_login(users["canbo.nghean"])
    html = client.get(NC + "?nam=2025").content.decode()
    assert "Thành viên năm 2025: 5 đơn vị" in html
    assert "đã hợp nhất vào" in html
    assert "Sở Nội vụ thành phố Huế" in html
    assert "dữ liệu minh họa" in html


def test_members_are_in_vietnamese_alphabetical_order(client, users):
    client.force_login(users["canbo.nghean"])
    html = client.get(NC + "?nam=2022").content.decode()
    html = html[html.index('data-testid="members"'):]
    positions = [html.index(f"Sở Nội vụ tỉnh {n}</a>") for n in
                 ["Hà Tĩnh", "Nghệ An", "Quảng Bình", "Quảng Trị", "Thanh Hóa", "Thừa Thiên Huế"]]
    assert positions == sorted(positions)


@pytest.mark.parametrize("value", ["abc", "-1", "99999", "2022'--", "%00", "1e3", ""])
def test_malformed_year_falls_back_with_a_message(client, users, value):
    client.force_login(users["canbo.nghean"])
    response = client.get(NC, {"nam": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thành viên năm 2022" in html
    if value:
        assert "không hợp lệ" in html


def test_malformed_home_params_do_not_fail(client, users):
    client.force_login(users["canbo.quangtri"])
    response = client.get("/", {"nam": "x" * 500, "cum": "<script>"}, follow=True)
    assert response.status_code == 200
    # The old address's parameters are dropped: the user's own cluster in its working year.
    assert response.redirect_chain == [("/cum/snv-bac-trung-bo/2022/", 302)]
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"chair": "nghean", "vice_chair": "nghean"}, "hai đơn vị khác nhau"),
        ({"chair": "gialai", "vice_chair": "nghean"}, "không phải là thành viên"),
        ({"chair": "quangbinh", "vice_chair": "nghean"}, None),  # valid in 2023
        ({"chair": "", "vice_chair": "nghean"}, "Vui lòng chọn"),
        ({"chair": "abc", "vice_chair": "nghean"}, "không phải là thành viên"),
        ({"chair": "99999999999999999999", "vice_chair": "nghean"}, "không phải là thành viên"),
    ],
)
def test_roles_form_bad_input(client, users, units, data, message):
    client.force_login(users["canbo.quangtri"])
    post = {k: units[v].pk if v in units else v for k, v in data.items()}
    post["note"] = "Ghi chú đã nhập"
    response = client.post(NC + "2023/cum-truong/", post)
    if message is None:
        assert response.status_code == 302
        assert ClusterYear.objects.filter(year=2023).exists()
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Ghi chú đã nhập" in html  # nothing typed is lost
    assert not ClusterYear.objects.filter(year=2023).exists()


def test_quang_binh_cannot_be_chair_in_2025(client, users, units):
    client.force_login(users["admin"])
    response = client.post(NC + "2025/cum-truong/", {
        "chair": units["quangbinh"].pk, "vice_chair": units["nghean"].pk})
    assert response.status_code == 200
    assert "không phải là thành viên" in response.content.decode()


def test_confirm_page_prefills_the_rotation_proposal(client, users, units):
    client.force_login(users["canbo.quangtri"])
    response = client.get(NC + "2023/cum-truong/")
    form = response.context["form"]
    assert form.initial["chair"] == units["hue"]
    assert form.initial["vice_chair"] == units["thanhhoa"]


def test_browser_language_does_not_switch_the_ui_to_english(client, users):
    client.force_login(users["canbo.nghean"])
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in html


# --- query counts at two data sizes -------------------------------------------------------------

def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["home", "cluster", "unit", "roles"])
def test_query_count_does_not_grow_with_data(client, page):
    counts = []
    for units, years in ((6, 1), (60, 10)):
        cluster = cluster_with_members(units=units, years=years)
        member = cluster.memberships.order_by("rotation_order").first().unit
        user = UserFactory(unit=member, username=f"u{units}")
        client.force_login(user)
        url = {
            "home": f"/cum/{cluster.slug}/2022/",
            "cluster": f"/cum/{cluster.slug}/?nam=2022",
            "unit": f"/don-vi/{member.pk}/",
            "roles": f"/cum/{cluster.slug}/2022/cum-truong/",
        }[page]
        counts.append(_count_queries(client, url))
    assert counts[0] == counts[1], counts


# --- a unit page links only to pages its reader may open ------------------------------------

UNIT_LINK = re.compile(r'href="(/don-vi/\d+/)"')


@pytest.mark.parametrize("username", ["canbo.gialai", "canbo.quangtri", "lanhdao.quangtri",
                                      "canbo.hue", "bonoivu", "admin"])
def test_unit_page_links_open(client, users, username):
    """The merged units (predecessors, successors) are named on a unit's page; a link to one
    is there only when the reader may open its page, so no link answers 404."""
    user = users[username]
    client.force_login(user)
    page = client.get(f"/don-vi/{user.unit_id or users['canbo.quangtri'].unit_id}/")
    assert page.status_code == 200
    links = set(UNIT_LINK.findall(page.content.decode()))
    for link in links:
        assert client.get(link).status_code == 200, (username, link)


def test_unit_page_names_a_predecessor_it_cannot_link(client, users, units):
    """Gia Lai's officer sees that Bình Định merged into Gia Lai, as text: the Bình Định
    department was in no cluster the officer may see."""
    from cluster.models import Unit

    gialai = units["gialai"]
    predecessors = list(Unit.objects.filter(successor=gialai))
    assert predecessors, "the registry gives Gia Lai its predecessor (Bình Định)"
    client.force_login(users["canbo.gialai"])
    html = client.get(f"/don-vi/{gialai.pk}/").content.decode()
    for unit in predecessors:
        assert unit.name in html
        assert f'href="/don-vi/{unit.pk}/"' not in html
