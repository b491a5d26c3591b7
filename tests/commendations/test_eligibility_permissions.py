"""Standards and eligibility pages for every role (same roles and data as
``test_permissions``): the standards of the year are read by whoever sees the year and kept by
the secretariat; a nomination's checklist is read like its session; a standard is declared by
the nomination's unit's staff or the secretariat. Outside one's scope: 404."""

import pytest

from commendations.models import (
    AwardCondition,
    AwardForm,
    AwardStandard,
    Dossier,
    Nomination,
    StandardDeclaration,
)
from tests.commendations.test_permissions import (
    BACK,
    HL,
    K22,
    K23,
    MANAGE,
    NOWHERE,
    OTHER_VIEW,
    ROLES,
    VIEW,
    matrix_failures,
)

pytestmark = pytest.mark.django_db

DECLARE = [302, 200, 200, 200, 404, 200, 404, 404]  # Nghệ An's nomination: its staff, secretariat
ADMIN = [302, 404, 404, 404, 404, 200, 404, 404]  # national data: administrators only
T22 = K22 + "tieu-chuan/"
N22 = K22 + "phien/{s22}/de-nghi/"
MATRIX = {
    T22: (VIEW, "Tiêu chuẩn khen thưởng năm 2022"),
    HL + "tieu-chuan/": (OTHER_VIEW, "Tiêu chuẩn khen thưởng năm 2022"),
    T22 + "co_chinh_phu/": (VIEW, "Là tập thể tiêu biểu xuất sắc dẫn đầu"),
    T22 + "khong-co/": (NOWHERE, None),
    T22 + "co_chinh_phu/them-tieu-chuan/": (ADMIN, "Thêm tiêu chuẩn: Cờ thi đua của Chính phủ"),
    T22 + "co_chinh_phu/tieu-chuan/{std}/sua/": (ADMIN, "Sửa tiêu chuẩn"),
    T22 + "co_bo_noi_vu/tieu-chuan/{std}/sua/": (NOWHERE, None),  # another award's standard
    T22 + "co_chinh_phu/them-dieu-kien/": (ADMIN, "Thêm điều kiện"),
    T22 + "chien_si_thi_dua/dieu-kien/{cond}/sua/": (ADMIN, "Sửa điều kiện"),
    T22 + "co_chinh_phu/dieu-kien/{cond}/sua/": (NOWHERE, None),
    N22 + "{n22}/tieu-chuan/": (VIEW, "Tiêu chuẩn, điều kiện khen thưởng"),
    N22 + "{n22}/tieu-chuan/{std}/khai-bao/": (BACK, None),  # its dossier has been decided
    N22 + "{n22open}/tieu-chuan/{std_bo}/khai-bao/": (MANAGE, "Khai báo tiêu chuẩn"),
    N22 + "{n22open}/tieu-chuan/{std}/khai-bao/": (NOWHERE, None),  # another award's standard
    N22 + "{n22}/tieu-chuan/999999/khai-bao/": (NOWHERE, None),
    K23 + "phien/{s23}/de-nghi/{n23}/tieu-chuan/{std_bo}/khai-bao/": (DECLARE,
                                                                     "Khai báo tiêu chuẩn"),
    K23 + "phien/{s23}/de-nghi/{n22}/tieu-chuan/": (NOWHERE, None),  # another session's
}


@pytest.fixture
def ids(years):
    n22open = Dossier.objects.get(pk=years["d22open"]).nomination_id
    return {
        **years, "n22open": n22open,
        "std": AwardStandard.objects.filter(award__code="co_chinh_phu").for_year(2022)
        .first().pk,
        "std_bo": AwardStandard.objects.filter(award__code="co_bo_noi_vu").for_year(2022)
        .first().pk,
        "cond": AwardCondition.objects.filter(award__code="chien_si_thi_dua").for_year(2022)
        .first().pk,
    }


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, users, ids, role):
    failures = matrix_failures(client, users, role, MATRIX, ids, redirect_prefix=None)
    assert not failures, f"{role}: " + "; ".join(failures)


def test_a_unit_declares_for_its_own_nomination_and_the_checklist_shows_it(client, users, ids):
    url = (K23 + "phien/{s23}/de-nghi/{n23}/tieu-chuan/").format(**ids)
    client.force_login(users["lanhdao.nghean"])
    html = client.get(url).content.decode()
    assert 'data-status="undeclared"' in html and 'data-testid="declare-link"' in html
    response = client.post(url + "{std_bo}/khai-bao/".format(**ids),
                           {"declared": "dat", "note": "<b>QĐ 5</b>"})
    assert response.status_code == 302 and response["Location"] == url
    html = client.get(url).content.decode()
    assert 'data-status="declared"' in html
    assert "&lt;b&gt;QĐ 5&lt;/b&gt;" in html and "<b>QĐ 5</b>" not in html
    declaration = StandardDeclaration.objects.get(nomination_id=ids["n23"])
    assert declaration.declared_by == users["lanhdao.nghean"]
    # An observer reads it, without a way to declare.
    client.force_login(users["bonoivu"])
    html = client.get(url).content.decode()
    assert 'data-status="declared"' in html and 'data-testid="declare-link"' not in html


def test_the_dossier_shows_the_checklist(client, users, ids):
    client.force_login(users["bonoivu"])
    html = client.get((K22 + "ho-so/{d22}/").format(**ids)).content.decode()
    assert 'data-testid="eligibility"' in html
    assert 'data-status="declared"' in html  # the demo's declarations for Quảng Trị


POSTS = [
    (N22 + "{n22open}/tieu-chuan/{std_bo}/khai-bao/", {"declared": "dat"},
     ("canbo.nghean", "lanhdao.nghean", "bonoivu", "canbo.gialai")),
    (T22 + "co_chinh_phu/them-tieu-chuan/", {"text": "Chen ngang", "source": "x"},
     ("canbo.nghean", "lanhdao.nghean", "canbo.quangtri", "bonoivu", "canbo.gialai")),
    (T22 + "chien_si_thi_dua/dieu-kien/{cond}/sua/",
     {"kind": "none_within", "years": "1", "source": "x"},
     ("canbo.nghean", "lanhdao.nghean", "canbo.quangtri", "bonoivu", "canbo.gialai")),
]


@pytest.mark.parametrize(("url", "data", "roles"), POSTS)
def test_posts_outside_ones_role_are_404_and_change_nothing(client, users, ids, url, data,
                                                             roles):
    def snapshot():
        return (list(StandardDeclaration.objects.values_list("pk", "declared", "note")),
                list(AwardStandard.objects.values_list("pk", "text")),
                list(AwardCondition.objects.values_list("pk", "kind", "years")),
                Nomination.objects.count())

    url = url.format(**ids)
    before = snapshot()
    for role in roles:
        client.force_login(users[role])
        assert client.post(url, data).status_code == 404, role
    assert snapshot() == before


def test_an_administrator_adds_a_condition_and_a_standard_for_a_year(client, users, ids):
    client.force_login(users["admin"])
    bk = AwardStandard.objects.filter(award__code="bang_khen_bo_truong")
    page = T22 + "bang_khen_bo_truong/"
    ttldxs = AwardForm.objects.get(code="tap_the_lao_dong_xuat_sac")
    response = client.post(page + "them-dieu-kien/", {
        "kind": "title_each_year", "years": "2", "required_awards": [str(ttldxs.pk)],
        "mandatory": "on", "text": "Hai năm liền <i>TTLĐXS</i>", "source": "Điều thử",
        "valid_from_year": "2026", "order": "1"})
    assert response.status_code == 302 and response["Location"] == page
    response = client.post(page + "them-tieu-chuan/", {
        "text": "Hoàn thành xuất sắc", "mandatory": "on", "source": "Điều 74",
        "valid_from_year": "2026", "valid_to_year": "2025", "order": "1"})
    assert "Năm kết thúc phải từ năm bắt đầu trở đi." in response.content.decode()
    assert not bk.exists()
    html = client.get(page).content.decode()
    assert "Hai năm liền &lt;i&gt;TTLĐXS&lt;/i&gt;" in html
    assert 'data-applies="0"' in html  # from 2026: not this year's
    condition = AwardCondition.objects.get(award__code="bang_khen_bo_truong")
    assert condition.updated_by == users["admin"]
    assert list(condition.required_awards.all()) == [ttldxs]
