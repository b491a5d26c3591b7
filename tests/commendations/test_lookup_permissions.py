"""The look-up's and the person registry's URLs for every role (issue #16), with the roles of
test_permissions.py: whoever sees the cluster reads them, anyone else gets 404; the merge is
the secretariat's (POST only); a person's date of birth shows only to the secretariat,
administrators and the staff of the unit the person works in now."""

import datetime

import pytest

from cluster.models import SecretariatGrant
from commendations.models import Person
from tests.commendations.test_permissions import (
    NOWHERE,
    OTHER_VIEW,
    POST_ONLY,
    ROLES,
    VIEW,
    matrix_failures,
)

pytestmark = pytest.mark.django_db

P = "/cum/snv-bac-trung-bo/"
HL = "/cum/snv-tay-nguyen-minh-hoa/"
MATRIX = {
    P + "tra-cuu/": (VIEW, "Tra cứu khen thưởng"),
    P + "tra-cuu/?q=tran+van+minh+hoa&year_from=2020": (VIEW, "Tìm thấy 3 khen thưởng."),
    P + "tra-cuu/in/": (VIEW, "KẾT QUẢ TRA CỨU KHEN THƯỞNG"),
    P + "ca-nhan/{mover}/": (VIEW, "Quá trình công tác"),
    P + "ca-nhan/{mover}/gop/": (POST_ONLY, None),
    P + "ca-nhan/999999/": (NOWHERE, None),
    P + "ca-nhan/999999/gop/": (NOWHERE, None),
    HL + "tra-cuu/": (OTHER_VIEW, "Không tìm thấy khen thưởng nào phù hợp."),
    HL + "tra-cuu/in/": (OTHER_VIEW, "KẾT QUẢ TRA CỨU KHEN THƯỞNG"),
    HL + "ca-nhan/{mover}/": (NOWHERE, None),  # not known in the other cluster
    HL + "ca-nhan/{mover}/gop/": (NOWHERE, None),
    "/cum/khong-co/tra-cuu/": (NOWHERE, None),
}


@pytest.fixture
def people(users, north_central):
    SecretariatGrant.objects.create(user=users["canbo.quangtri"], cluster=north_central,
                                    year=None)
    return {"mover": Person.objects.get(full_name="Trần Văn Minh Họa").pk}


@pytest.mark.parametrize("role", ROLES)
def test_lookup_permission_matrix(client, users, people, role):
    failures = matrix_failures(client, users, role, MATRIX, people, redirect_prefix=None)
    assert not failures, f"{role}: " + "; ".join(failures)


@pytest.mark.parametrize("role", ["lanhdao.nghean", "bonoivu", "canbo.gialai"])
def test_a_merge_outside_ones_role_is_404_and_changes_nothing(client, users, people, role):
    other = Person.objects.get(full_name="Nguyễn Thị Minh Họa")
    client.force_login(users[role])
    response = client.post(P + f"ca-nhan/{people['mover']}/gop/", {"duplicate": other.pk})
    assert response.status_code == 404
    assert Person.objects.filter(pk=other.pk).exists()
    client.logout()
    response = client.post(P + f"ca-nhan/{people['mover']}/gop/", {"duplicate": other.pk})
    assert response["Location"].startswith("/tai-khoan/dang-nhap/")
    assert Person.objects.filter(pk=other.pk).exists()


# Who reads the date of birth of Nguyễn Thị Minh Họa, who works at Hà Tĩnh's department.
BIRTH = {
    "canbo.hatinh": True,  # her unit's staff
    "lanhdao.hatinh": True,
    "canbo.quangtri": True,  # the secretariat
    "admin": True,
    "canbo.nghean": False,  # another member's staff
    "lanhdao.nghean": False,
    "bonoivu": False,  # the ministry's observer: her honours, not her birth date
}


@pytest.mark.parametrize(("role", "sees"), BIRTH.items())
def test_a_date_of_birth_shows_to_the_secretariat_and_the_persons_unit_only(
        client, users, people, role, sees):
    person = Person.objects.get(full_name="Nguyễn Thị Minh Họa")
    person.date_of_birth = datetime.date(1990, 3, 9)
    person.save()
    client.force_login(users[role])
    html = client.get(P + f"ca-nhan/{person.pk}/").content.decode()
    assert "Nguyễn Thị Minh Họa" in html
    assert ("09/03/1990" in html) is sees
    assert ('data-testid="person-dob"' in html) is sees


def test_staff_of_a_unit_the_person_left_do_not_read_the_birth_date(client, users, people):
    client.force_login(users["canbo.quangbinh"])
    html = client.get(P + f"ca-nhan/{people['mover']}/").content.decode()
    assert "Trần Văn Minh Họa" in html and "12/04/1985" not in html
