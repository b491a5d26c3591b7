"""The pages of reviewer independence and the review by criterion (issue #17) × every role:
the status each must get and what a 200 shows; 404 outside a user's scope. The demo's 2022
mid-year: Quảng Trị chairs (its officer is the secretariat), Thừa Thiên Huế is the vice-chair
and reviews Quảng Trị's own report, put back to "submitted" here so it awaits review. Then
the query counts of the review-by-criterion page at 6 and 60 units."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from campaigns.models import Criterion
from results.models import ReportingPeriod, UnitReport
from tests.results.factories_results import World, bulk_report

pytestmark = pytest.mark.django_db
State = UnitReport.State

ROLES = [
    "anonymous",
    "canbo.nghean",  # officer of a member unit
    "lanhdao.nghean",  # leader of a member unit
    "canbo.quangtri",  # secretariat (the chair unit, Quảng Trị)
    "bonoivu",  # observer (ministry)
    "admin",
    "canbo.gialai",  # the other cluster's secretariat
    "captren",  # the superior body's account
    "canbo.hue",  # the vice-chair unit's officer (Thừa Thiên Huế)
]
LOGIN = "login"
NONE = dict.fromkeys(ROLES, 404) | {"anonymous": LOGIN}
# The chair's own report: the secretariat is sent back with the reason, the vice-chair works.
CHAIR_REVIEW = NONE | {"canbo.quangtri": 302, "admin": 200, "canbo.hue": 200}
CHAIR_RECUSE = NONE | {"canbo.hue": 200}
OTHER_RECUSE = NONE | {"canbo.quangtri": 200}
BY_CRITERION = NONE | {"canbo.quangtri": 200, "admin": 200, "canbo.hue": 200}
MANAGE = NONE | {"canbo.quangtri": 200, "admin": 200}
CHAIR_REPORT = NONE | {"canbo.quangtri": 200, "bonoivu": 200, "admin": 200, "captren": 200,
                       "canbo.hue": 200}
RANKING = NONE | {"canbo.quangtri": 200, "bonoivu": 200, "admin": 200, "captren": 200}

Y = "/cum/snv-bac-trung-bo/2022/ket-qua/"
M = Y + "6-thang/"
MATRIX = {
    M + "don-vi/{quangtri}/": (CHAIR_REPORT, "Đơn vị thẩm định"),
    M + "don-vi/{quangtri}/tham-dinh/": (CHAIR_REVIEW, "Thẩm định báo cáo"),
    M + "don-vi/{quangtri}/tra-lai/": (CHAIR_REVIEW, "Trả lại báo cáo để bổ sung"),
    M + "don-vi/{quangtri}/xung-dot-loi-ich/": (CHAIR_RECUSE, "Khai báo xung đột lợi ích"),
    M + "don-vi/{hatinh}/xung-dot-loi-ich/": (OTHER_RECUSE, "Khai báo xung đột lợi ích"),
    M + "tham-dinh-theo-tieu-chi/": (BY_CRITERION, "Thẩm định theo tiêu chí"),
    M + "tham-dinh-theo-tieu-chi/{c132}/": (BY_CRITERION, "Số lớp bồi dưỡng"),
    M + "tham-dinh-theo-tieu-chi/999999/": (NONE, ""),
    Y + "don-vi-tham-dinh-thay-the/": (MANAGE, "Đơn vị thẩm định thay thế năm 2022"),
    M + "xep-hang/": (RANKING, "Sở Nội vụ tỉnh Thừa Thiên Huế ("),
}


@pytest.fixture
def ids(north_central, units):
    period = ReportingPeriod.objects.get(cluster=north_central, year=2022,
                                         kind=ReportingPeriod.Kind.MID_YEAR)
    # Quảng Trị's report awaits review again (the demo has Huế review it).
    UnitReport.objects.filter(period=period, unit=units["quangtri"]).update(
        state=State.SUBMITTED)
    c132 = Criterion.objects.get(cluster=north_central, year=2022, code="1.3.2")
    return {"quangtri": units["quangtri"].pk, "hatinh": units["hatinh"].pk, "c132": c132.pk}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, users, ids, role):
    failures = []
    for pattern, (statuses, text) in MATRIX.items():
        url, expected = pattern.format(**ids), statuses[role]
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        response = client.get(url)
        html = response.content.decode()
        if expected == LOGIN:
            if response.status_code != 302 or "/tai-khoan/dang-nhap/" not in response["Location"]:
                failures.append(f"{url}: {response.status_code}, not sent to the login page")
        elif response.status_code != expected:
            failures.append(f"{url}: {response.status_code} instead of {expected}")
        elif expected == 302 and not response["Location"].startswith("/cum/snv-"):
            failures.append(f"{url}: redirected to {response['Location']}")
        elif expected == 404 and "Không tìm thấy trang" not in html:
            failures.append(f"{url}: 404 without the not-found page")
        elif expected == 200 and text not in html:
            failures.append(f"{url}: page without “{text}”")
    assert not failures, "\n".join(failures)


def test_the_secretariat_is_told_who_reviews_its_own_unit(client, users, ids):
    client.force_login(users["canbo.quangtri"])
    response = client.get(M + "don-vi/{quangtri}/tham-dinh/".format(**ids), follow=True)
    html = response.content.decode()
    assert "chính đơn vị mình" in html and "Sở Nội vụ tỉnh Thừa Thiên Huế" in html
    page = client.get(M + "tham-dinh-theo-tieu-chi/{c132}/".format(**ids)).content.decode()
    assert page.count('data-testid="criterion-unit"') == 5  # every submitted report
    assert page.count('data-testid="read-only-reason"') >= 1
    # The vice-chair's officer sees only the report it reviews.
    client.force_login(users["canbo.hue"])
    page = client.get(M + "tham-dinh-theo-tieu-chi/{c132}/".format(**ids)).content.decode()
    assert page.count('data-testid="criterion-unit"') == 1
    assert 'data-unit="Quảng Trị"' in page and "adjust_" in page


# --- query counts -----------------------------------------------------------------------------


def build(units: int, extra: int) -> World:
    world = World(units=units, extra=extra)
    criteria = list(world.criteria.values())
    for unit in world.units:
        bulk_report(world.period, unit, criteria=criteria)
    return world


PAGES = {
    "criterion-leaf-secretariat": ("secretary", "2.2"),
    "criterion-group-secretariat": ("secretary", "II"),
    "criterion-leaf-vice-chair": ("vice", "2.2"),
}


def count(world: World, page: str) -> int:
    person, code = PAGES[page]
    client = Client()
    client.force_login(world.secretary if person == "secretary" else world.officers[1])
    path = (f"/cum/{world.cluster.slug}/2023/ket-qua/6-thang/tham-dinh-theo-tieu-chi/"
            f"{world.c(code).pk}/")
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200, page
    return len(context.captured_queries)


@pytest.mark.parametrize("page", PAGES)
def test_query_count_does_not_grow_with_units(page):
    small, large = build(units=6, extra=0), build(units=60, extra=60)
    few, many = count(small, page), count(large, page)
    assert many == few, f"{page}: {few} queries with 6 units, {many} with 60"


def test_the_alternate_is_named_and_a_conflict_declared_through_the_pages(client, users, ids,
                                                                         units, north_central):
    from results.models import ReviewRecusal, ReviewSetting

    client.force_login(users["canbo.quangtri"])
    response = client.post(Y + "don-vi-tham-dinh-thay-the/",
                           {"alternate_unit": units["hatinh"].pk, "note": "Luân phiên"})
    assert response.status_code == 302
    setting = ReviewSetting.objects.get(cluster=north_central, year=2022)
    assert setting.alternate_unit == units["hatinh"]
    # The chair unit cannot be its own alternate: the form refuses it (not offered).
    response = client.post(Y + "don-vi-tham-dinh-thay-the/",
                           {"alternate_unit": units["quangtri"].pk})
    assert response.status_code == 200
    client.force_login(users["canbo.hue"])
    response = client.post(M + "don-vi/{quangtri}/xung-dot-loi-ich/".format(**ids),
                           {"reason": "Lãnh đạo Sở là người nhà."}, follow=True)
    assert "chuyển cho Sở Nội vụ tỉnh Hà Tĩnh" in response.content.decode()
    recusal = ReviewRecusal.objects.get(report__unit=units["quangtri"])
    assert (recusal.party, recusal.declared_by) == ("cum_pho", users["canbo.hue"])
    # Huế no longer reviews it; Hà Tĩnh's officer does.
    assert client.get(M + "don-vi/{quangtri}/tham-dinh/".format(**ids)).status_code == 404
    client.force_login(users["canbo.hatinh"])
    assert client.get(M + "don-vi/{quangtri}/tham-dinh/".format(**ids)).status_code == 200
