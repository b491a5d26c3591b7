"""Every pledges URL for every role: the status each must get, and what the page must show.
Outside a user's scope the answer is 404, never 403.

Data: the demo (2022 pledge locked), plus a 2023 draft and a 2024 pledge open for signing.
canbo.quangtri holds an explicit secretariat grant for every year of the cluster."""

import pytest

from cluster.models import SecretariatGrant
from pledges import services
from pledges.models import PledgeStatus

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "canbo.nghean",  # officer of a member unit
    "lanhdao.nghean",  # leader of a member unit
    "canbo.quangtri",  # secretariat
    "bonoivu",  # observer (ministry)
    "admin",
    "canbo.gialai",  # a user of the other cluster (secretariat of that cluster in 2022)
]

P = "/cum/snv-bac-trung-bo/"
G00 = P + "1900/giao-uoc/"
G22 = P + "2022/giao-uoc/"
G23 = P + "2023/giao-uoc/"
G24 = P + "2024/giao-uoc/"
G25 = P + "2025/giao-uoc/"
HL = "/cum/snv-tay-nguyen-minh-hoa/"
VIEW = [302, 200, 200, 200, 200, 200, 404]
MANAGE = [302, 404, 404, 200, 404, 200, 404]
MANAGE_REDIRECT = [302, 404, 404, 302, 404, 302, 404]  # state does not allow: back to the pledge
MANAGE_GET_NOT_ALLOWED = [302, 404, 404, 405, 404, 405, 404]  # POST-only
SIGN = [302, 404, 200, 404, 404, 404, 404]
NOWHERE = [302, 404, 404, 404, 404, 404, 404]
UNROUTED = [404] * 7  # a year the URL converter refuses: no page, so no login either

# url -> (statuses per role in ROLES order, text a 200 page must show)
MATRIX = {
    P + "giao-uoc/": (VIEW, "Giao ước thi đua năm 2022"),
    HL + "giao-uoc/": ([302, 404, 404, 404, 200, 200, 200], "Cụm chưa có giao ước thi đua nào."),
    "/cum/khong-ton-tai/giao-uoc/": (NOWHERE, None),
    # 2022: locked
    G22: (VIEW, "Đã ký 6/6 đơn vị"),
    G22 + "chu-ky/": (VIEW, "Ngô Quang Chiến"),
    G22 + "ky/": (SIGN, "Sở Nội vụ tỉnh Nghệ An đã ký giao ước (Lãnh đạo Sở Nội vụ Nghệ An"),
    G22 + "trang-thai/khoa/": (MANAGE, "Giao ước đã khóa, không thể thay đổi."),
    G22 + "trang-thai/mo-ky-ket/": (MANAGE, "Không thể chuyển giao ước"),
    G22 + "trang-thai/da_ky_du/": (NOWHERE, None),
    G22 + "sua/": (MANAGE_REDIRECT, None),
    G22 + "lap/": (MANAGE_REDIRECT, None),
    G22 + "ghi-nhan-ky-giay/": (MANAGE_REDIRECT, None),
    G22 + "cam-ket/them/": (MANAGE_REDIRECT, None),
    G22 + "cam-ket/{c2022}/sua/": (MANAGE_REDIRECT, None),
    G22 + "cam-ket/{c2022}/xoa/": (MANAGE_REDIRECT, None),
    G22 + "cam-ket/{c2022}/di-chuyen/": (MANAGE_REDIRECT, None),
    # 2023: draft
    G23: (VIEW, "Dự thảo"),
    G23 + "chu-ky/": (VIEW, "Chưa ký"),
    G23 + "ky/": (SIGN, "Giao ước chưa được mở để ký kết."),
    G23 + "sua/": (MANAGE, "Sửa dự thảo giao ước"),
    G23 + "cam-ket/them/": (MANAGE, "Thêm nội dung cam kết"),
    G23 + "cam-ket/{c2023}/sua/": (MANAGE, "Sửa nội dung cam kết số 1"),
    G23 + "cam-ket/{c2023}/xoa/": (MANAGE, "Xóa nội dung cam kết số 1?"),
    G23 + "cam-ket/{c2023}/di-chuyen/": (MANAGE_GET_NOT_ALLOWED, None),
    G23 + "cam-ket/{c2022}/sua/": (NOWHERE, None),  # a commitment of another pledge
    G23 + "cam-ket/999999/sua/": (NOWHERE, None),
    G23 + "trang-thai/mo-ky-ket/": (MANAGE, "Sau khi mở ký kết"),
    G23 + "trang-thai/khoa/": (MANAGE, "“Dự thảo” sang “Đã khóa”"),
    G23 + "ghi-nhan-ky-giay/": (MANAGE_REDIRECT, None),
    # 2024: open for signing
    G24: (VIEW, "Đang ký kết"),
    G24 + "ky/": (SIGN, "Tôi đã đọc toàn văn giao ước và đồng ý ký thay mặt đơn vị."),
    G24 + "ghi-nhan-ky-giay/": (MANAGE, "Đơn vị chưa ký"),
    G24 + "trang-thai/tra-ve-du-thao/": (MANAGE, "Trả về dự thảo"),
    G24 + "trang-thai/khoa/": (MANAGE, "Chỉ khóa được giao ước khi tất cả các đơn vị"),
    G24 + "sua/": (MANAGE_REDIRECT, None),
    # 2025: no pledge yet
    G25: (VIEW, "Cụm chưa lập giao ước thi đua năm 2025."),
    G25 + "lap/": (MANAGE, "Lập giao ước thi đua năm 2025"),
    G25 + "chu-ky/": (NOWHERE, None),
    G25 + "ky/": (NOWHERE, None),
    G25 + "sua/": (NOWHERE, None),
    P + "99999/giao-uoc/": (UNROUTED, None),
    G00: (UNROUTED, None),
    # the other cluster
    HL + "2022/giao-uoc/": ([302, 404, 404, 404, 200, 200, 200], "Cụm chưa lập giao ước"),
    HL + "2022/giao-uoc/lap/": (
        [302, 404, 404, 404, 404, 200, 200], "Lập giao ước thi đua năm 2022"),
}

@pytest.fixture
def pledges(north_central, users, units):
    """2023 draft with one commitment; 2024 open for signing."""
    secretary = users["canbo.quangtri"]
    SecretariatGrant.objects.create(user=secretary, cluster=north_central, year=None)
    draft = services.pledge_create(cluster=north_central, year=2023,
                                   title="Giao ước thi đua năm 2023", acting_user=secretary)
    c2023 = services.commitment_add(pledge=draft, text="Cam kết năm 2023", acting_user=secretary)
    open_ = services.pledge_create(cluster=north_central, year=2024,
                                   title="Giao ước thi đua năm 2024", acting_user=secretary)
    services.commitment_add(pledge=open_, text="Cam kết năm 2024", acting_user=secretary)
    services.pledge_transition(pledge=open_, to_status=PledgeStatus.OPEN, acting_user=secretary)
    locked = north_central.pledges.get(year=2022)
    return {"c2023": c2023.pk, "c2022": locked.commitments.first().pk}


@pytest.mark.parametrize("url", list(MATRIX))
def test_permission_matrix(client, users, pledges, url):
    """One URL, every role (the data is built once per URL, not once per role)."""
    statuses, text = MATRIX[url]
    url = url.format(**pledges)
    failures = []
    for role, expected in zip(ROLES, statuses, strict=True):
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        response = client.get(url)
        html = response.content.decode()
        if response.status_code != expected:
            failures.append(f"{role}: {response.status_code} instead of {expected}")
        elif role == "anonymous" and expected != 404:
            if not response["Location"].startswith("/tai-khoan/dang-nhap/?next="):
                failures.append(f"{role}: not sent to the login page")
        elif expected == 302:
            # The state does not allow the page: back to the pledge, with the reason.
            pledge_url = "/".join(url.split("/")[:5]) + "/"
            if response["Location"] != pledge_url:
                failures.append(f"{role}: redirected to {response['Location']}")
        elif expected == 404 and "Không tìm thấy trang" not in html:
            failures.append(f"{role}: 404 without the not-found page")
        elif expected == 200 and text not in html:
            failures.append(f"{role}: page without “{text}”")
    assert not failures, f"{url}: " + "; ".join(failures)


def test_the_matrix_covers_every_pledges_url():
    from django.urls import Resolver404, resolve

    from pledges.urls import urlpatterns, year_patterns

    names = {pattern.name for pattern in [*urlpatterns, *year_patterns]}
    covered = set()
    for url in MATRIX:
        try:
            covered.add(resolve(url.format(c2022=1, c2023=1)).url_name)
        except Resolver404:  # a year outside the converter's range: no page at all
            continue
    assert covered == names


def test_redirect_for_a_locked_pledge_says_why(client, users, pledges):
    client.force_login(users["canbo.quangtri"])
    response = client.get(G22 + "sua/", follow=True)
    assert "Giao ước đã khóa, không thể thay đổi." in response.content.decode()
    response = client.get(G22 + "ghi-nhan-ky-giay/", follow=True)
    assert "Giao ước đã khóa, không thể ký thêm." in response.content.decode()
    response = client.get(G24 + "sua/", follow=True)
    assert "Chỉ sửa được nội dung giao ước khi còn là dự thảo" in response.content.decode()


# --- POSTs are checked as strictly as GETs ---------------------------------------------------

POSTS = [
    (G24 + "ky/", {"confirm": "on"}),
    (G23 + "trang-thai/mo-ky-ket/", {}),
    (G23 + "cam-ket/them/", {"text": "Cam kết chen ngang"}),
    (G23 + "sua/", {"title": "Tiêu đề chen ngang"}),
    (G23 + "cam-ket/{c2023}/xoa/", {}),
    (G23 + "cam-ket/{c2023}/di-chuyen/", {"huong": "xuong"}),
    (G25 + "lap/", {"title": "Giao ước chen ngang"}),
    (G24 + "ghi-nhan-ky-giay/", {"signer_name": "A", "signed_on": "2024-06-01"}),
]


@pytest.mark.parametrize(("url", "data"), POSTS)
def test_posts_outside_ones_role_are_404_and_change_nothing(client, users, pledges, url, data):
    from pledges.models import Commitment, Pledge, PledgeEvent, Signature

    def snapshot():
        return (list(Pledge.objects.values_list("pk", "title", "status")),
                list(Commitment.objects.values_list("pk", "text", "position")),
                Signature.objects.count(), PledgeEvent.objects.count())

    before = snapshot()
    for role in ("canbo.nghean", "bonoivu", "canbo.gialai"):
        client.force_login(users[role])
        response = client.post(url.format(**pledges), data)
        assert response.status_code == 404, role
        assert snapshot() == before, role
    client.logout()
    response = client.post(url.format(**pledges), data)
    assert response["Location"].startswith("/tai-khoan/dang-nhap/")
    assert snapshot() == before


def test_leader_cannot_manage_and_secretariat_officer_cannot_sign(client, users, pledges):
    client.force_login(users["lanhdao.nghean"])
    assert client.post(G23 + "trang-thai/mo-ky-ket/").status_code == 404
    client.force_login(users["canbo.quangtri"])
    assert client.post(G24 + "ky/", {"confirm": "on"}).status_code == 404


def test_actions_shown_follow_the_role(client, users, pledges):
    client.force_login(users["canbo.quangtri"])
    html = client.get(G23).content.decode()
    assert "Mở ký kết" in html and "Thêm nội dung cam kết" in html and "Sửa dự thảo" in html
    html = client.get(G24).content.decode()
    assert "Ghi nhận chữ ký trên giấy" in html and "Trả về dự thảo" in html
    assert "Ký giao ước" not in html
    client.force_login(users["lanhdao.nghean"])
    html = client.get(G24).content.decode()
    assert "Ký giao ước" in html
    assert "Sở Nội vụ tỉnh Nghệ An chưa ký giao ước." in html
    assert "Ghi nhận chữ ký trên giấy" not in html and "Trả về dự thảo" not in html
    for role in ("canbo.nghean", "bonoivu"):
        client.force_login(users[role])
        html = client.get(G24).content.decode()
        assert "Ký giao ước" not in html and "Ghi nhận chữ ký trên giấy" not in html
        html = client.get(G23).content.decode()
        assert "Mở ký kết" not in html and "Thêm nội dung cam kết" not in html
