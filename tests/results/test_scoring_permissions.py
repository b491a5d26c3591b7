"""Every page of issue #17's scoring rules × every role: only the secretariat of the year
(Quảng Trị's officer and leader act for 2023) and admins open or change a period's targets
and not-applicable marks and the year's ranking rule and bands; everyone else, the
vice-chair's officer, the superior body's account and the other cluster's secretariat
included, is told the page does not exist (404). Each request runs in a savepoint that is
rolled back."""

import pytest
from django.db import transaction
from django.test import Client

from results.models import ReportingPeriod
from results.services import scoring
from tests.results.factories_results import ReportingPeriodFactory
from tests.results.results_fixtures import *  # noqa: F401,F403  (fixtures)
from tests.results.results_fixtures import BASE, MID, SLUG

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "canbo.nghean", "lanhdao.nghean", "canbo.quangtri", "lanhdao.quangtri",
         "canbo.hue",  # the vice-chair unit's officer (Thừa Thiên Huế): reviews, sets no rules
         "bonoivu", "admin", "canbo.gialai", "captren"]
LOGIN = "login"
NONE = dict.fromkeys(ROLES, 404) | {"anonymous": LOGIN}
SECRETARIAT = ("canbo.quangtri", "lanhdao.quangtri", "admin")  # the chair unit's staff
MANAGE = NONE | dict.fromkeys(SECRETARIAT, 200)
MANAGE_ACTION = NONE | dict.fromkeys(SECRETARIAT, 302)
OTHER = "/cum/snv-tay-nguyen-minh-hoa/2022/ket-qua/"

# (name, path, expected, text on a 200, method, data)
MATRIX = [
    ("rules", BASE + "xep-loai/", MANAGE, "Cách xếp hạng và các mức xếp loại năm 2023",
     "get", None),
    ("rules-post", BASE + "xep-loai/", MANAGE_ACTION, "", "post",
     {"ranking_basis": "ty_le", "band_basis": "diem", "band_0": "Tốt", "bound_0": "80"}),
    ("targets", MID + "chi-tieu/", MANAGE, "Chỉ tiêu riêng và tiêu chí áp dụng", "get", None),
    ("targets-post", MID + "chi-tieu/", MANAGE_ACTION, "", "post",
     {"target_{nghean}_{c12}": "90", "note_{nghean}_{c12}": "Địa bàn rộng"}),
    ("na-post", MID + "chi-tieu/", MANAGE_ACTION, "", "post",
     {"na-unit": "{nghean}", "na-criterion": "{c23}", "na-reason": "Không giao"}),
    ("na-remove", MID + "khong-ap-dung/{mark}/xoa/", MANAGE_ACTION, "", "post", {}),
    # A mark of another period, a period the year does not have, another cluster's pages.
    ("na-remove-foreign", MID + "khong-ap-dung/{foreign_mark}/xoa/", NONE, "", "post", {}),
    ("no-period-2024", f"/cum/{SLUG}/2024/ket-qua/6-thang/chi-tieu/", NONE, "", "get", None),
    ("other-cluster", OTHER + "xep-loai/", NONE | {"canbo.gialai": 200, "admin": 200},
     "Cách xếp hạng", "get", None),
]


@pytest.fixture
def objects(north_central, tree, period, users, units):
    year_end = ReportingPeriodFactory(cluster=north_central, year=period.year,
                                      kind=ReportingPeriod.Kind.YEAR_END)
    secretary = users["canbo.quangtri"]
    mark = scoring.not_applicable_add(period=period, unit=units["thanhhoa"],
                                      criterion=tree["2.2"], reason="Thí điểm",
                                      acting_user=secretary)
    foreign = scoring.not_applicable_add(period=year_end, unit=units["thanhhoa"],
                                         criterion=tree["2.2"], reason="Thí điểm",
                                         acting_user=secretary)
    return {"nghean": units["nghean"].pk, "c12": tree["1.2"].pk, "c23": tree["2.3"].pk,
            "mark": mark.pk, "foreign_mark": foreign.pk}


def answer(response) -> object:
    if response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("case", MATRIX, ids=[c[0] for c in MATRIX])
def test_permission_matrix(case, objects, users):
    _name, path, expected, text, method, data = case
    path = path.format(**objects)
    data = {k.format(**objects): str(v).format(**objects) for k, v in (data or {}).items()}
    got, missing_text = {}, []
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(users[role])
        with transaction.atomic():
            response = getattr(client, method)(path, data)
            transaction.set_rollback(True)
        got[role] = answer(response)
        if response.status_code == 200 and text and text not in response.content.decode():
            missing_text.append(role)
        if response.status_code == 404:
            assert "Không tìm thấy trang" in response.content.decode()
        if response.status_code == 302 and got[role] != LOGIN:
            assert response["Location"].startswith(f"/cum/{SLUG}/"), response["Location"]
    assert got == expected
    assert missing_text == [], f"{text!r} missing for {missing_text}"
