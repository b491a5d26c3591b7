"""Every cluster URL for every role: the status each must get, and what the page must show.
Outside a user's scope the answer is 404, never 403."""

import pytest

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "canbo.nghean",  # officer of a member unit
    "lanhdao.nghean",  # leader of a member unit
    "canbo.quangtri",  # secretariat 2022 (chair unit's staff)
    "bonoivu",  # observer (ministry)
    "admin",
    "canbo.gialai",  # a user of the other cluster
]

NC = "/cum/snv-bac-trung-bo/"
HL = "/cum/snv-tay-nguyen-minh-hoa/"

# url -> expected status per role, in ROLES order. 302 = sent to the login page.
MATRIX = {
    "/": [302, 200, 200, 200, 200, 200, 200],
    NC: [302, 200, 200, 200, 200, 200, 404],
    NC + "?nam=2025": [302, 200, 200, 200, 200, 200, 404],
    HL: [302, 404, 404, 404, 200, 200, 200],
    "/cum/khong-ton-tai/": [302, 404, 404, 404, 404, 404, 404],
    NC + "2023/cum-truong/": [302, 404, 404, 200, 404, 200, 404],
    NC + "2022/cum-truong/": [302, 404, 404, 200, 404, 200, 404],
    # 2023 has no confirmed chair, so Quảng Trị (2022) still acts as secretariat.
    NC + "2024/cum-truong/": [302, 404, 404, 200, 404, 200, 404],
    NC + "2025/cum-truong/": [302, 404, 404, 200, 404, 200, 404],
    HL + "2023/cum-truong/": [302, 404, 404, 404, 404, 200, 200],
    NC + "99999/cum-truong/": [404] * 7,  # a year the URL converter refuses: no page at all
    NC + "2022/": [302, 200, 200, 200, 200, 200, 404],  # the cluster-year home
    HL + "2022/": [302, 404, 404, 404, 200, 200, 200],
    "/don-vi/{nghean}/": [302, 200, 200, 200, 200, 200, 404],
    "/don-vi/{quangbinh}/": [302, 200, 200, 200, 200, 200, 404],
    "/don-vi/{gialai}/": [302, 404, 404, 404, 200, 200, 200],
    "/don-vi/999999/": [302, 404, 404, 404, 404, 404, 404],
    "/tai-khoan/doi-mat-khau/": [302, 200, 200, 200, 200, 200, 200],
    "/quan-tri/": [302, 302, 302, 302, 302, 200, 302],
}

CASES = [
    (url, role, status)
    for url, statuses in MATRIX.items()
    for role, status in zip(ROLES, statuses, strict=True)
]


@pytest.mark.parametrize(("url", "role", "expected"), CASES)
def test_permission_matrix(client, users, units, url, role, expected):
    if role != "anonymous":
        client.force_login(users[role])
    url = url.format(**{key: unit.pk for key, unit in units.items()})
    response = client.get(url)
    assert response.status_code == expected, f"{role} {url}"
    if expected == 302 and role == "anonymous":
        assert response["Location"].startswith("/tai-khoan/dang-nhap/") or url.startswith(
            "/quan-tri/"
        )
    if expected == 404:
        assert "Không tìm thấy trang".encode() in response.content


def test_secretariat_dashboard_content(client, users):
    client.force_login(users["canbo.quangtri"])
    html = client.get("/").content.decode()
    assert "Cụm Thi đua Sở Nội vụ các tỉnh Bắc Trung Bộ" in html
    assert "Thư ký cụm" in html
    assert "Xác nhận Cụm trưởng, Cụm phó năm 2023" in html


def test_member_dashboard_has_no_secretariat_actions(client, users):
    client.force_login(users["canbo.nghean"])
    html = client.get("/").content.decode()
    assert "Sở Nội vụ tỉnh Quảng Trị" in html
    assert "Thư ký cụm" not in html
    assert "Xác nhận Cụm trưởng" not in html


def test_other_cluster_dashboard_shows_only_its_cluster(client, users):
    client.force_login(users["canbo.gialai"])
    html = client.get("/").content.decode()
    assert "Tây Nguyên" in html
    assert "Bắc Trung Bộ" not in html
    assert "Quảng Trị" not in html
    # Asking for the other cluster by slug falls back to the user's own.
    html = client.get("/?cum=snv-bac-trung-bo", follow=True).content.decode()
    assert "Bắc Trung Bộ" not in html


def test_observer_can_switch_between_clusters(client, users):
    client.force_login(users["bonoivu"])
    html = client.get("/?cum=snv-tay-nguyen-minh-hoa", follow=True).content.decode()
    assert "Sở Nội vụ tỉnh Gia Lai" in html
    assert 'name="cum"' in html


def test_unit_history_hidden_rows_of_other_clusters(client, users, units):
    """A successor's page shows its predecessors' history, within the viewer's scope."""
    client.force_login(users["canbo.nghean"])
    html = client.get(f"/don-vi/{units['quangtri'].pk}/").content.decode()
    assert "Sở Nội vụ tỉnh Quảng Bình" in html  # merged into Quảng Trị
    assert "Cụm trưởng" in html


def test_secretariat_passes_to_the_new_chair_once_confirmed(client, users, units, north_central):
    from cluster import selectors, services

    services.cluster_year_set_roles(
        cluster=north_central, year=2023, chair=units["hue"], vice_chair=units["thanhhoa"],
        acting_user=users["canbo.quangtri"],
    )
    outgoing = users["canbo.quangtri"]
    incoming = users["canbo.hue"]
    assert selectors.user_is_secretariat(user=outgoing, cluster=north_central, year=2022)
    assert not selectors.user_is_secretariat(user=outgoing, cluster=north_central, year=2023)
    assert selectors.user_is_secretariat(user=incoming, cluster=north_central, year=2023)
    assert selectors.user_is_secretariat(user=incoming, cluster=north_central, year=2024)
    client.force_login(outgoing)
    assert client.get(NC + "2024/cum-truong/").status_code == 404


def test_observer_cannot_post_roles(client, users, units):
    client.force_login(users["bonoivu"])
    response = client.post(NC + "2023/cum-truong/", {
        "chair": units["nghean"].pk, "vice_chair": units["hatinh"].pk})
    assert response.status_code == 404
