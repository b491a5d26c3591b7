"""The guided set-up of a new cluster (issue #13, point 3): its services, its four pages for
an administrator, 404 for every other role, and its refusals in Vietnamese. The database
starts as ``migrate`` leaves it (the registry's provinces and Sở Nội vụ), without the demo."""

import datetime
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError

from cluster import services
from cluster.models import Cluster, ClusterYear, Membership, Unit, User
from cluster.permissions import NotAllowed
from cluster.services import OfficerAccount
from tests.factories import UnitFactory, UserFactory, cluster_with_members

pytestmark = pytest.mark.django_db
DBSCL = "Cụm thi đua các Sở Nội vụ vùng Đồng bằng sông Cửu Long"
MEKONG = ["Cần Thơ", "Vĩnh Long", "Đồng Tháp", "An Giang", "Cà Mau"]


@pytest.fixture
def registry():
    import_module("cluster.migrations.0003_registry").load(django_apps, None)


@pytest.fixture
def admin_user():
    return User.objects.create_superuser("quantri", "quantri@example.gov.vn", "mat-khau-thu")


def _unit(province: str) -> Unit:
    return Unit.objects.get(province__name=province, valid_to__isnull=True)


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- services ---------------------------------------------------------------------------------


def test_a_cluster_s_slug_is_made_from_its_name_when_left_empty(admin_user):
    cluster = services.cluster_create(name=DBSCL, kind=Cluster.Kind.CLUSTER,
                                      superior_body="Bộ Nội vụ", series_code="CTĐ",
                                      acting_user=admin_user)
    assert cluster.slug == "cum-thi-dua-cac-so-noi-vu-vung-dong-bang-song-cuu-long"
    assert cluster.history.get().history_user == admin_user
    typed = services.cluster_create(name="Khối thi đua Đồng Tháp", kind=Cluster.Kind.BLOCK,
                                    slug="Khối Đồng Tháp", acting_user=admin_user)
    assert (typed.slug, typed.kind) == ("khoi-dong-thap", Cluster.Kind.BLOCK)


def test_a_slug_or_name_another_cluster_has_is_refused_in_vietnamese(admin_user):
    services.cluster_create(name=DBSCL, slug="snv-dbscl", acting_user=admin_user)
    with pytest.raises(ValidationError) as refused:
        services.cluster_create(name="Cụm khác", slug="snv-dbscl", acting_user=admin_user)
    assert "Mã đường dẫn “snv-dbscl” đã được cụm khác dùng" in refused.value.message_dict["slug"][0]
    with pytest.raises(ValidationError) as refused:
        services.cluster_create(name=DBSCL, acting_user=admin_user)
    assert refused.value.message_dict["name"] == [f"Đã có cụm, khối thi đua tên “{DBSCL}”."]
    assert Cluster.objects.count() == 1


def test_only_an_administrator_may_create_a_cluster():
    officer = UserFactory()
    with pytest.raises(NotAllowed) as refused:
        services.cluster_create(name=DBSCL, acting_user=officer)
    assert "Chỉ quản trị viên" in _messages(refused.value)
    assert not Cluster.objects.exists()


def test_members_are_chosen_in_rotation_order_and_can_be_changed(registry, admin_user):
    cluster = services.cluster_create(name=DBSCL, acting_user=admin_user)
    units = [_unit(name) for name in MEKONG]
    services.cluster_members_choose(cluster=cluster, year=2026, units=units,
                                    acting_user=admin_user)
    rows = Membership.objects.filter(cluster=cluster).order_by("rotation_order")
    assert [(m.unit, m.from_year, m.rotation_order) for m in rows] == [
        (u, 2026, i) for i, u in enumerate(units, start=1)]
    proposal = services.rotation_propose(cluster=cluster, year=2026)
    assert (proposal.chair, proposal.vice_chair) == (units[0], units[1])
    # Again, with Cà Mau first and An Giang left out: its membership (of this year) goes.
    services.cluster_members_choose(cluster=cluster, year=2026,
                                    units=[units[4], units[0], units[1], units[2]],
                                    acting_user=admin_user)
    rows = Membership.objects.filter(cluster=cluster).order_by("rotation_order")
    assert [m.unit.short_name for m in rows] == ["Cà Mau", "Cần Thơ", "Vĩnh Long", "Đồng Tháp"]


def test_a_member_of_earlier_years_left_out_ends_the_year_before(admin_user):
    cluster = cluster_with_members(units=3, years=0, first_year=2024)
    old = list(Membership.objects.filter(cluster=cluster).order_by("rotation_order"))
    services.cluster_members_choose(cluster=cluster, year=2026,
                                    units=[old[0].unit, old[1].unit], acting_user=admin_user)
    old[2].refresh_from_db()
    assert (old[2].from_year, old[2].to_year) == (2024, 2025)


@pytest.mark.parametrize(("chosen", "message"), [
    (0, "Chưa chọn đơn vị thành viên nào."),
    (1, "Cụm cần ít nhất hai đơn vị thành viên để có Cụm trưởng và Cụm phó."),
])
def test_too_few_members_are_refused(registry, admin_user, chosen, message):
    cluster = services.cluster_create(name=DBSCL, acting_user=admin_user)
    with pytest.raises(ValidationError) as refused:
        services.cluster_members_choose(cluster=cluster, year=2026,
                                        units=[_unit(n) for n in MEKONG[:chosen]],
                                        acting_user=admin_user)
    assert message in refused.value.message_dict["units"][0]
    assert not Membership.objects.filter(cluster=cluster).exists()


def test_a_unit_not_in_force_that_year_is_refused(registry, admin_user):
    cluster = services.cluster_create(name=DBSCL, acting_user=admin_user)
    bac_lieu = Unit.objects.get(name="Sở Nội vụ tỉnh Bạc Liêu")  # merged into Cà Mau, 7/2025
    with pytest.raises(ValidationError) as refused:
        services.cluster_members_choose(cluster=cluster, year=2026,
                                        units=[_unit("Cà Mau"), bac_lieu], acting_user=admin_user)
    assert "Không còn hiệu lực trong năm 2026: Sở Nội vụ tỉnh Bạc Liêu." in _messages(
        refused.value)
    # ... but in 2025 it was still in force.
    services.cluster_members_choose(cluster=cluster, year=2025,
                                    units=[_unit("Cà Mau"), bac_lieu], acting_user=admin_user)
    assert Membership.objects.filter(cluster=cluster, unit=bac_lieu).exists()


def test_the_confirmed_chair_cannot_be_left_out(admin_user):
    cluster = cluster_with_members(units=3, first_year=2026)
    chair = ClusterYear.objects.get(cluster=cluster).chair
    others = [m.unit for m in Membership.objects.filter(cluster=cluster) if m.unit != chair]
    with pytest.raises(ValidationError) as refused:
        services.cluster_members_choose(cluster=cluster, year=2026, units=others,
                                        acting_user=admin_user)
    assert "Không thể bỏ Cụm trưởng hoặc Cụm phó năm 2026" in _messages(refused.value)


def test_only_an_administrator_may_choose_the_members(registry):
    cluster = cluster_with_members(units=2, first_year=2026)
    secretariat = UserFactory(unit=ClusterYear.objects.get(cluster=cluster).chair)
    with pytest.raises(NotAllowed):
        services.cluster_members_choose(cluster=cluster, year=2026,
                                        units=[_unit("Cà Mau"), _unit("Cần Thơ")],
                                        acting_user=secretariat)


def test_one_officer_account_per_member_unit(admin_user):
    cluster = cluster_with_members(units=3, first_year=2026)
    units = [m.unit for m in Membership.objects.filter(cluster=cluster).order_by("rotation_order")]
    created = services.member_officers_create(cluster=cluster, year=2026, accounts=[
        OfficerAccount(unit=units[0], email="CanBo.A@Example.gov.vn", full_name="Nguyễn Văn A"),
        OfficerAccount(unit=units[1], email="canbo.b@example.gov.vn", job_title="Chuyên viên"),
    ], acting_user=admin_user)
    assert [(u.username, u.email, u.unit, u.role, u.has_usable_password()) for u in created] == [
        ("canbo.a@example.gov.vn", "canbo.a@example.gov.vn", units[0], User.Role.OFFICER, False),
        ("canbo.b@example.gov.vn", "canbo.b@example.gov.vn", units[1], User.Role.OFFICER, False),
    ]


def test_accounts_are_all_or_nothing_with_each_row_s_refusal(admin_user):
    cluster = cluster_with_members(units=3, first_year=2026)
    units = [m.unit for m in Membership.objects.filter(cluster=cluster).order_by("rotation_order")]
    outsider = UnitFactory()
    UserFactory(username="da-co@example.gov.vn", email="da-co@example.gov.vn")
    with pytest.raises(ValidationError) as refused:
        services.member_officers_create(cluster=cluster, year=2026, accounts=[
            OfficerAccount(unit=units[0], email="moi@example.gov.vn"),
            OfficerAccount(unit=units[1], email="da-co@example.gov.vn"),
            OfficerAccount(unit=outsider, email="ngoai@example.gov.vn"),
        ], acting_user=admin_user)
    errors = refused.value.message_dict
    assert errors[str(units[1].pk)] == ["Đã có tài khoản dùng thư điện tử da-co@example.gov.vn."]
    assert "không phải thành viên của cụm năm 2026" in errors[str(outsider.pk)][0]
    assert not User.objects.filter(email="moi@example.gov.vn").exists()
    with pytest.raises(ValidationError) as refused:
        services.member_officers_create(cluster=cluster, year=2026, accounts=[],
                                        acting_user=admin_user)
    assert "Chưa nhập tài khoản nào" in _messages(refused.value)


# --- pages ----------------------------------------------------------------------------------


def test_the_administrator_s_home_without_any_cluster_leads_to_the_set_up(client, admin_user):
    client.force_login(admin_user)
    html = client.get("/").content.decode()
    assert 'data-testid="setup-start"' in html and 'href="/thiet-lap/"' in html
    assert "chưa thuộc cụm thi đua nào" not in html


def test_anyone_else_without_a_cluster_is_told_to_ask_the_administrator(client):
    client.force_login(UserFactory())
    html = client.get("/").content.decode()
    assert "chưa thuộc cụm thi đua nào" in html and "/thiet-lap/" not in html


def test_the_administrator_goes_through_the_four_steps(client, registry, admin_user):
    client.force_login(admin_user)
    page = client.get("/thiet-lap/")
    assert page.status_code == 200 and page.context["form"]["first_year"].value() == \
        datetime.date.today().year
    response = client.post("/thiet-lap/", {
        "kind": "cum", "name": DBSCL, "superior_body": "Bộ Nội vụ", "series_code": "CTĐ",
        "slug": "", "first_year": 2026})
    slug = "cum-thi-dua-cac-so-noi-vu-vung-dong-bang-song-cuu-long"
    base = f"/cum/{slug}/2026/thiet-lap/"
    assert response.status_code == 302 and response["Location"] == base + "thanh-vien/"

    page = client.get(base + "thanh-vien/").content.decode()
    assert page.count("data-unit-row") == 34  # the provinces in force in 2026
    assert "Sở Nội vụ tỉnh Bạc Liêu" not in page
    units = [_unit(name) for name in MEKONG]
    data = {"units": [u.pk for u in units]}
    data.update({f"order_{u.pk}": str(5 - i) for i, u in enumerate(units)})  # reversed
    response = client.post(base + "thanh-vien/", data)
    assert response["Location"] == base + "cum-truong/"
    rows = Membership.objects.filter(cluster__slug=slug).order_by("rotation_order")
    assert [m.unit.short_name for m in rows] == list(reversed(MEKONG))

    page = client.get(base + "cum-truong/")
    assert page.context["form"].initial["chair"] == units[4]  # Cà Mau, first in rotation
    response = client.post(base + "cum-truong/", {"chair": units[4].pk,
                                                  "vice_chair": units[3].pk, "note": ""})
    assert response["Location"] == base + "tai-khoan/"
    cluster_year = ClusterYear.objects.get(cluster__slug=slug, year=2026)
    assert (cluster_year.chair, cluster_year.vice_chair, cluster_year.confirmed_by) == (
        units[4], units[3], admin_user)

    page = client.get(base + "tai-khoan/").content.decode()
    assert page.count('data-testid="account-row"') == 5
    assert f'href="/cum/{slug}/2026/thanh-vien/nhap/"' in page
    assert f'href="/cum/{slug}/2026/nguoi-dung/"' in page
    response = client.post(base + "tai-khoan/", {
        f"email_{units[4].pk}": "canbo@snv.camau.gov.vn", f"name_{units[4].pk}": "Lê Thị Thư"})
    assert response["Location"] == f"/cum/{slug}/2026/"
    officer = User.objects.get(username="canbo@snv.camau.gov.vn")
    assert (officer.unit, officer.role, officer.full_name) == (
        units[4], User.Role.OFFICER, "Lê Thị Thư")
    home = client.get(f"/cum/{slug}/2026/").content.decode()
    assert "Đã tạo 1 tài khoản công chức" in home
    assert 'data-testid="year-checklist"' in home


def test_a_duplicate_slug_is_shown_on_the_form(client, admin_user):
    Cluster.objects.create(name="Cụm cũ", slug="snv-dbscl")
    client.force_login(admin_user)
    response = client.post("/thiet-lap/", {
        "kind": "cum", "name": DBSCL, "superior_body": "Bộ Nội vụ", "series_code": "CTĐ",
        "slug": "snv-dbscl", "first_year": 2026})
    assert response.status_code == 200
    assert "Mã đường dẫn “snv-dbscl” đã được cụm khác dùng" in response.content.decode()
    assert Cluster.objects.count() == 1


def test_no_member_chosen_is_shown_on_the_form(client, registry, admin_user):
    cluster = services.cluster_create(name=DBSCL, acting_user=admin_user)
    client.force_login(admin_user)
    response = client.post(f"/cum/{cluster.slug}/2026/thiet-lap/thanh-vien/", {})
    assert response.status_code == 200
    assert "Chưa chọn đơn vị thành viên nào." in response.content.decode()


def test_chair_and_vice_chair_the_same_unit_is_refused(client, admin_user):
    cluster = cluster_with_members(units=3, years=0, first_year=2026)
    unit = Membership.objects.filter(cluster=cluster).first().unit
    client.force_login(admin_user)
    response = client.post(f"/cum/{cluster.slug}/2026/thiet-lap/cum-truong/",
                           {"chair": unit.pk, "vice_chair": unit.pk, "note": ""})
    assert response.status_code == 200
    assert "Cụm trưởng và Cụm phó phải là hai đơn vị khác nhau." in response.content.decode()
    assert not ClusterYear.objects.filter(cluster=cluster).exists()


def test_a_bad_e_mail_and_a_taken_one_are_shown_beside_their_unit(client, admin_user):
    cluster = cluster_with_members(units=2, first_year=2026)
    units = [m.unit for m in Membership.objects.filter(cluster=cluster).order_by("rotation_order")]
    UserFactory(username="da-co@example.gov.vn", email="da-co@example.gov.vn")
    client.force_login(admin_user)
    url = f"/cum/{cluster.slug}/2026/thiet-lap/tai-khoan/"
    html = client.post(url, {f"email_{units[0].pk}": "khong-phai-email",
                             f"name_{units[1].pk}": "Chỉ có tên"}).content.decode()
    assert "Địa chỉ thư điện tử không hợp lệ." in html
    assert "Nhập thư điện tử cho tài khoản này" in html
    html = client.post(url, {f"email_{units[0].pk}": "moi@example.gov.vn",
                             f"email_{units[1].pk}": "da-co@example.gov.vn"}).content.decode()
    assert "Đã có tài khoản dùng thư điện tử da-co@example.gov.vn." in html
    assert not User.objects.filter(username="moi@example.gov.vn").exists()


SETUP_PAGES = ["/thiet-lap/", "/cum/snv-bac-trung-bo/2022/thiet-lap/thanh-vien/",
               "/cum/snv-bac-trung-bo/2022/thiet-lap/cum-truong/",
               "/cum/snv-bac-trung-bo/2022/thiet-lap/tai-khoan/"]


@pytest.mark.parametrize("username", ["canbo.quangtri", "lanhdao.quangtri", "canbo.nghean",
                                      "lanhdao.nghean", "bonoivu", "canbo.gialai"])
def test_set_up_pages_do_not_exist_for_anyone_but_an_administrator(client, users, username):
    client.force_login(users[username])
    for url in SETUP_PAGES:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "Cụm lạ", "units": []}).status_code == 404, url
    assert not Cluster.objects.filter(name="Cụm lạ").exists()


def test_set_up_pages_send_an_anonymous_visitor_to_the_login(client, demo_data):
    for url in SETUP_PAGES:
        response = client.get(url)
        assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


def test_the_demo_administrator_reaches_every_set_up_page(client, users):
    client.force_login(users["admin"])
    for url in SETUP_PAGES:
        assert client.get(url).status_code == 200, url
    home = client.get("/").content.decode()
    assert 'data-testid="setup-new"' in home


def test_the_set_up_and_the_checklist_speak_english_after_the_switch(client, admin_user):
    from django.conf import settings
    from django.utils import translation

    client.force_login(admin_user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    try:
        home = client.get("/").content.decode()
        assert "Getting started: set up an emulation cluster" in home
        start = client.get("/thiet-lap/").content.decode()
        assert "Name of the cluster or block" in start and "First year in the software" in start
        cluster = cluster_with_members(units=2, first_year=2026)
        page = client.get(f"/cum/{cluster.slug}/2026/").content.decode()
        assert "To prepare for 2026" in page and "0/6 done" in page
        assert "Scoring criteria table" in page
    finally:
        translation.activate(settings.LANGUAGE_CODE)


def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_set_up_pages_read_as_much_with_more_units_and_members(client, admin_user):
    small = cluster_with_members(units=2, first_year=2026)
    large = cluster_with_members(units=9, first_year=2026)
    for cluster in (small, large):
        for unit in [m.unit for m in Membership.objects.filter(cluster=cluster)]:
            UserFactory(unit=unit)
    client.force_login(admin_user)
    client.get("/")
    counts = {}
    for step in ("thanh-vien", "cum-truong", "tai-khoan"):
        counts[step] = [_count(client, f"/cum/{c.slug}/2026/thiet-lap/{step}/")
                        for c in (small, large)]
    counts["start"] = [_count(client, "/thiet-lap/")]
    for _ in range(10):
        UnitFactory()  # more of the registry to choose from
    counts["thanh-vien"].append(_count(client, f"/cum/{large.slug}/2026/thiet-lap/thanh-vien/"))
    assert all(len(set(found)) == 1 for found in counts.values()), counts
    assert max(max(found) for found in counts.values()) <= 15, counts


def test_each_new_officer_is_invited_and_a_refused_step_sends_nothing(
        client, admin_user, django_capture_on_commit_callbacks):
    from django.core import mail

    cluster = cluster_with_members(units=2, first_year=2026)
    units = [m.unit for m in Membership.objects.filter(cluster=cluster).order_by("rotation_order")]
    client.force_login(admin_user)
    url = f"/cum/{cluster.slug}/2026/thiet-lap/tai-khoan/"
    UserFactory(username="da-co@example.gov.vn", email="da-co@example.gov.vn")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {f"email_{units[0].pk}": "a@example.gov.vn",
                          f"email_{units[1].pk}": "da-co@example.gov.vn"})
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {f"email_{units[0].pk}": "a@example.gov.vn",
                                     f"name_{units[0].pk}": "Nguyễn Văn A",
                                     f"email_{units[1].pk}": "b@example.gov.vn"})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.gov.vn", "b@example.gov.vn"]
    assert all(m.subject == "Mời tham gia phần mềm thi đua, khen thưởng" for m in mail.outbox)
