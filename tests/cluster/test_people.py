"""People's accounts in the app (issue #13, point 4): who may manage whom (404 outside one's
scope, for every demo role), the services' refusals in Vietnamese, the invitation and the
password reset e-mails (sent by a task after the commit; a link works once and expires), the
access log of sign-ins, and the people page's query count at two data sizes."""

import datetime
import re

import pytest
from axes.models import AccessLog
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cluster import services
from cluster.accounts import InvitationTokens, ResetTokens, invitation_tokens, reset_tokens
from cluster.models import Membership, User
from cluster.permissions import NotAllowed
from cluster.tasks import send_account_email
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
YEAR = 2023
Y = f"/cum/snv-bac-trung-bo/{YEAR}/"
PEOPLE = Y + "nguoi-dung/"
LOGIN = "login"
ROLES = ["anonymous", "admin", "bonoivu", "canbo.quangtri", "lanhdao.quangtri", "canbo.nghean",
         "lanhdao.nghean", "lanhdao.hatinh", "canbo.gialai"]
BASE = "http://testserver/"


def answer(response):
    if response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]:
        return LOGIN
    return response.status_code


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def signs_in(username: str, password: str) -> bool:
    response = Client().post("/tai-khoan/dang-nhap/", {"username": username,
                                                        "password": password})
    return response.status_code == 302 and "dang-nhap" not in response["Location"]


def link_in(message) -> str:
    return re.search(r"http://testserver(/tai-khoan/\S+/)", message.body).group(1)


# --- Who may -----------------------------------------------------------------------------------

def test_who_may_open_the_people_page(users):
    expected = {"anonymous": LOGIN, "admin": 200, "bonoivu": 404, "canbo.quangtri": 200,
                "lanhdao.quangtri": 200, "canbo.nghean": 404, "lanhdao.nghean": 200,
                "lanhdao.hatinh": 200, "canbo.gialai": 404}
    got = {role: answer(client_for(users.get(role)).get(PEOPLE)) for role in ROLES}
    assert got == expected
    for path in (PEOPLE + "them/",):
        got = {role: answer(client_for(users.get(role)).get(path)) for role in ROLES}
        assert got == expected


def test_a_person_page_is_404_outside_the_managers_scope(users):
    """canbo.nghean's page: the secretariat, the admin and Nghệ An's leader manage it; every
    other role, another unit's leader included, is told it does not exist."""
    target = users["canbo.nghean"]
    expected = {"anonymous": LOGIN, "admin": 200, "bonoivu": 404, "canbo.quangtri": 200,
                "lanhdao.quangtri": 200, "canbo.nghean": 404, "lanhdao.nghean": 200,
                "lanhdao.hatinh": 404, "canbo.gialai": 404}
    path = f"{PEOPLE}{target.pk}/sua/"
    got = {role: answer(client_for(users.get(role)).get(path)) for role in ROLES}
    assert got == expected
    # The POST actions answer the same, and change nothing.
    for action in ("khoa", "gui-loi-moi"):
        for role in ("bonoivu", "canbo.nghean", "lanhdao.hatinh", "canbo.gialai"):
            assert client_for(users[role]).post(f"{PEOPLE}{target.pk}/{action}/").status_code \
                == 404
    target.refresh_from_db()
    assert target.is_active


def test_admins_observers_and_other_clusters_people_are_nobodys_to_manage(users):
    client = client_for(users["canbo.quangtri"])
    for username in ("admin", "bonoivu", "canbo.gialai"):
        assert client.get(f"{PEOPLE}{users[username].pk}/sua/").status_code == 404
        assert client.post(f"{PEOPLE}{users[username].pk}/khoa/").status_code == 404
    assert User.objects.get(username="admin").is_active
    assert client_for(users["admin"]).get(f"{PEOPLE}{users['admin'].pk}/sua/").status_code == 404


def test_the_secretariat_lists_every_member_units_people_a_leader_their_own(users):
    secretariat = client_for(users["canbo.quangtri"]).get(PEOPLE).content.decode()
    for username in ("canbo.nghean", "lanhdao.hatinh", "canbo.quangtri", "lanhdao.thanhhoa"):
        assert f'data-username="{username}"' in secretariat
    for username in ("admin", "bonoivu", "canbo.gialai"):
        assert f'data-username="{username}"' not in secretariat
    leader = client_for(users["lanhdao.nghean"]).get(PEOPLE).content.decode()
    assert re.findall(r'data-username="([^"]+)"', leader) == sorted(
        ["canbo.nghean", "lanhdao.nghean"], key=lambda u: users[u].full_name or u) or set(
        re.findall(r'data-username="([^"]+)"', leader)) == {"canbo.nghean", "lanhdao.nghean"}
    # The leader cannot deactivate themselves: no button for it.
    assert f"{users['lanhdao.nghean'].pk}/khoa/" not in leader
    assert f"{users['canbo.nghean'].pk}/khoa/" in leader


def test_the_home_page_links_the_people_page_for_those_who_manage(users):
    def home(username):
        return client_for(users[username]).get(Y).content.decode()

    assert 'data-testid="people-link"' in home("canbo.quangtri")
    assert 'data-testid="people-link"' in home("lanhdao.nghean")
    assert 'data-testid="people-link"' not in home("canbo.nghean")


# --- Adding a person, the invitation -----------------------------------------------------------

def test_the_secretariat_adds_a_person_who_gets_an_invitation(
        users, units, django_capture_on_commit_callbacks):
    client = client_for(users["canbo.quangtri"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PEOPLE + "them/", {
            "full_name": "Trần Thị <b>Hoa</b>", "email": "Hoa.TT@Example.gov.vn",
            "unit": units["hatinh"].pk, "role": "officer", "job_title": "Chuyên viên"})
    assert response.status_code == 302
    hoa = User.objects.get(email="hoa.tt@example.gov.vn")
    assert (hoa.username, hoa.unit, hoa.role, hoa.is_active) == (
        "hoa.tt@example.gov.vn", units["hatinh"], "officer", True)
    assert not hoa.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hoa.tt@example.gov.vn"]
    assert message.subject == "Mời tham gia phần mềm thi đua, khen thưởng"
    assert "Kính gửi Trần Thị <b>Hoa</b>" in message.body  # plain text: as typed, no HTML part
    assert not message.alternatives
    assert "Tên đăng nhập: hoa.tt@example.gov.vn" in message.body
    page = client.get(PEOPLE).content.decode()
    assert "Trần Thị &lt;b&gt;Hoa&lt;/b&gt;" in page  # escaped on the page
    assert "Chưa đặt mật khẩu" in page
    # Who did it is in the admin's log of the account.
    from django.contrib.admin.models import LogEntry
    entry = LogEntry.objects.get(object_id=str(hoa.pk))
    assert entry.user == users["canbo.quangtri"]

    # The link opens the invitation page; the password set there signs the person in.
    anonymous = Client()
    response = anonymous.get(link_in(message), follow=True)
    assert "Chào mừng đồng chí" in response.content.decode()
    response = anonymous.post(response.redirect_chain[-1][0], {
        "new_password1": "Mat-khau-moi-2023", "new_password2": "Mat-khau-moi-2023"})
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/loi-moi/xong/"
    assert signs_in("hoa.tt@example.gov.vn", "Mat-khau-moi-2023")
    # The link works once.
    response = Client().get(link_in(message), follow=True)
    assert 'data-testid="invalid-link"' in response.content.decode()


def test_a_leader_adds_to_their_own_unit_only(users, units, django_capture_on_commit_callbacks):
    client = client_for(users["lanhdao.nghean"])
    form = client.get(PEOPLE + "them/").content.decode()
    assert units["nghean"].name in form and units["hatinh"].name not in form
    response = client.post(PEOPLE + "them/", {
        "full_name": "Lê Văn Nam", "email": "nam@example.gov.vn", "unit": units["hatinh"].pk,
        "role": "officer"})
    assert response.status_code == 200
    assert "Đồng chí không quản lý người dùng của đơn vị đã chọn." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PEOPLE + "them/", {
            "full_name": "Lê Văn Nam", "email": "nam@example.gov.vn",
            "unit": units["nghean"].pk, "role": "leader"})
    assert response.status_code == 302
    assert User.objects.get(email="nam@example.gov.vn").role == "leader"
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"email": "canbo.nghean"}, "email", "Địa chỉ thư điện tử không hợp lệ."),
    ({"email": ""}, "email", "Vui lòng nhập thư điện tử."),
    ({"full_name": ""}, "full_name", "Vui lòng nhập họ và tên."),
    ({"role": "observer"}, "role", "Vai trò chỉ có thể là công chức đơn vị hoặc lãnh đạo đơn vị."),
    ({"role": ""}, "role", "Vui lòng chọn vai trò."),
])
def test_bad_input_on_the_form_is_refused_in_vietnamese(users, units, data, field, message):
    client = client_for(users["canbo.quangtri"])
    post = {"full_name": "Lê Văn Nam", "email": "nam@example.gov.vn", "unit": units["nghean"].pk,
            "role": "officer", **data}
    response = client.post(PEOPLE + "them/", post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(full_name="Lê Văn Nam").exists()


def test_extra_fields_cannot_make_a_superuser(users, units):
    client = client_for(users["lanhdao.nghean"])
    client.post(PEOPLE + "them/", {
        "full_name": "Lê Văn Nam", "email": "nam@example.gov.vn", "unit": units["nghean"].pk,
        "role": "leader", "is_superuser": "on", "is_staff": "on"})
    nam = User.objects.get(email="nam@example.gov.vn")
    assert not nam.is_superuser and not nam.is_staff


def test_a_duplicate_email_or_username_is_refused(users, units):
    users["canbo.hatinh"].email = "ht@example.gov.vn"
    users["canbo.hatinh"].save()
    kwargs = dict(cluster=units["nghean"].memberships.first().cluster, year=YEAR,
                  unit=units["nghean"], full_name="Lê Văn Nam", role="officer",
                  acting_user=users["canbo.quangtri"], base_url=BASE)
    for email in ("HT@example.gov.vn", "canbo.quangtri"):
        with pytest.raises(ValidationError) as error:
            services.person_create(email=email, **kwargs)
        assert error.value.message_dict["email"][0] in (
            "Đã có tài khoản dùng thư điện tử ht@example.gov.vn.",
            "“canbo.quangtri” không phải địa chỉ thư điện tử hợp lệ.")
    client = client_for(users["canbo.quangtri"])
    response = client.post(PEOPLE + "them/", {
        "full_name": "Lê Văn Nam", "email": "ht@example.gov.vn", "unit": units["nghean"].pk,
        "role": "officer"})
    assert "Đã có tài khoản dùng thư điện tử ht@example.gov.vn." in response.content.decode()


# --- The services' refusals ----------------------------------------------------------------------

@pytest.fixture
def nc(north_central):
    return north_central


def test_the_services_refuse_escalation_and_other_units(users, units, nc):
    leader = users["lanhdao.nghean"]
    officer = users["canbo.nghean"]
    for role in ("observer", "", "admin"):
        with pytest.raises(ValidationError) as error:
            services.person_update(cluster=nc, year=YEAR, person=officer, full_name="A",
                                   email="a@example.gov.vn", role=role, acting_user=leader)
        assert error.value.message_dict["role"] == [
            "Vai trò chỉ có thể là công chức đơn vị hoặc lãnh đạo đơn vị."]
    with pytest.raises(NotAllowed):
        services.person_set_active(cluster=nc, year=YEAR, person=users["canbo.hatinh"],
                                   active=False, acting_user=leader)
    with pytest.raises(NotAllowed):  # moving one's person to another unit
        services.person_update(cluster=nc, year=YEAR, person=officer, full_name="A",
                               email="a@example.gov.vn", role="officer", unit=units["hatinh"],
                               acting_user=leader)
    with pytest.raises(NotAllowed):  # an officer who is not the secretariat
        services.person_create(cluster=nc, year=YEAR, unit=units["nghean"], full_name="A",
                               email="a@example.gov.vn", role="officer", acting_user=officer,
                               base_url=BASE)
    with pytest.raises(NotAllowed):  # another cluster's officer
        services.person_create(cluster=nc, year=YEAR, unit=units["nghean"], full_name="A",
                               email="a@example.gov.vn", role="officer",
                               acting_user=users["canbo.gialai"], base_url=BASE)
    with pytest.raises(NotAllowed):  # the observer
        services.person_set_active(cluster=nc, year=YEAR, person=officer, active=False,
                                   acting_user=users["bonoivu"])
    with pytest.raises(NotAllowed):  # a unit that is not a member
        services.person_create(cluster=nc, year=YEAR, unit=units["gialai"], full_name="A",
                               email="a@example.gov.vn", role="officer",
                               acting_user=users["canbo.quangtri"], base_url=BASE)
    officer.refresh_from_db()
    assert (officer.role, officer.unit, officer.is_active) == ("officer", units["nghean"], True)


def test_nobody_deactivates_or_demotes_themselves(users, nc):
    leader = users["lanhdao.nghean"]
    with pytest.raises(ValidationError) as error:
        services.person_set_active(cluster=nc, year=YEAR, person=leader, active=False,
                                   acting_user=leader)
    assert error.value.messages == ["Đồng chí không thể tự khóa tài khoản của mình."]
    with pytest.raises(ValidationError) as error:
        services.person_update(cluster=nc, year=YEAR, person=leader, full_name="X",
                               email="x@example.gov.vn", role="officer", acting_user=leader)
    assert error.value.message_dict["role"] == [
        "Đồng chí không thể tự đổi vai trò hoặc đơn vị của mình."]
    response = client_for(leader).post(f"{PEOPLE}{leader.pk}/khoa/", follow=True)
    assert "Đồng chí không thể tự khóa tài khoản của mình." in response.content.decode()
    leader.refresh_from_db()
    assert leader.is_active and leader.role == "leader"


def test_the_secretariat_cannot_touch_an_admin_or_observer(users, nc, units):
    for username in ("admin", "bonoivu"):
        with pytest.raises(NotAllowed):
            services.person_set_active(cluster=nc, year=YEAR, person=users[username],
                                       active=False, acting_user=users["canbo.quangtri"])
    # An admin made a unit's staff by mistake is still not the secretariat's to change.
    admin = users["admin"]
    admin.unit, admin.role = units["nghean"], "officer"
    admin.save()
    with pytest.raises(ValidationError, match="không phải của cán bộ, lãnh đạo"):
        services.person_set_active(cluster=nc, year=YEAR, person=admin, active=False,
                                   acting_user=users["canbo.quangtri"])


def test_the_secretariat_cannot_redirect_another_units_signed_up_account(users, nc):
    """Setting someone's e-mail lets one have their reset link sent there: for an account that
    has a password, only its own unit (its leader, or the person) changes it."""
    leader = users["lanhdao.nghean"]
    assert leader.has_usable_password()
    with pytest.raises(ValidationError) as error:
        services.person_update(cluster=nc, year=YEAR, person=leader, full_name="X",
                               email="ke-gian@example.gov.vn", role="leader",
                               acting_user=users["canbo.quangtri"])
    assert error.value.message_dict["email"] == [
        "Tài khoản đã đặt mật khẩu: chỉ người dùng đó hoặc lãnh đạo đơn vị của họ mới được "
        "đổi thư điện tử."]
    services.person_update(cluster=nc, year=YEAR, person=leader, full_name=leader.full_name,
                           email="ld.nghean@example.gov.vn", role="leader", acting_user=leader)
    services.person_update(cluster=nc, year=YEAR, person=users["canbo.nghean"],
                           full_name="Cán bộ", email="cb.nghean@example.gov.vn",
                           role="officer", acting_user=leader)
    assert User.objects.get(pk=leader.pk).email == "ld.nghean@example.gov.vn"


def test_outside_the_unit_only_a_units_first_leader_is_given_by_the_secretariat(
        users, units, nc, django_capture_on_commit_callbacks):
    """A leader signs the unit's pledge and casts its ballot: the secretariat cannot add one,
    or promote someone, in a unit whose leader already uses the app; the unit's leader can."""
    secretary = users["canbo.quangtri"]
    refusal = ("Sở Nội vụ tỉnh Nghệ An đã có lãnh đạo sử dụng phần mềm: chỉ lãnh đạo của đơn "
               "vị mới giao thêm vai trò lãnh đạo.")
    with pytest.raises(ValidationError) as error:
        services.person_create(cluster=nc, year=YEAR, unit=units["nghean"], full_name="A",
                               email="a@example.gov.vn", role="leader", acting_user=secretary,
                               base_url=BASE)
    assert error.value.message_dict["role"] == [refusal]
    officer = users["canbo.nghean"]
    with pytest.raises(ValidationError) as error:
        services.person_update(cluster=nc, year=YEAR, person=officer,
                               full_name=officer.full_name, email="", role="leader",
                               acting_user=secretary)
    response = client_for(secretary).post(f"{PEOPLE}{officer.pk}/sua/", {
        "full_name": "Cán bộ", "email": "cb@example.gov.vn", "unit": units["nghean"].pk,
        "role": "leader"})
    assert refusal in response.content.decode()
    assert User.objects.get(pk=officer.pk).role == "officer"
    # The unit's own leader may; and a new member unit's first leader comes from the secretariat.
    services.person_update(cluster=nc, year=YEAR, person=officer, full_name=officer.full_name,
                           email="cb@example.gov.vn", role="leader",
                           acting_user=users["lanhdao.nghean"])
    newcomer = UnitFactory()
    Membership.objects.create(cluster=nc, unit=newcomer, from_year=YEAR)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.person_create(
            cluster=nc, year=YEAR, unit=newcomer, full_name="B", email="b@example.gov.vn",
            role="leader", acting_user=secretary, base_url=BASE)
    assert first.role == "leader"
    # The import says so in its preview, on the row and column.
    from cluster.imports import members_preview
    from tests.spreadsheet_files import xlsx

    data = xlsx(["Đơn vị", "Họ và tên", "Thư điện tử", "Vai trò"],
                [[units["hatinh"].name, "Võ Văn C", "c@example.gov.vn", "Lãnh đạo"],
                 [units["hatinh"].name, "Võ Văn D", "d@example.gov.vn", "Cán bộ"]], title="")
    preview = members_preview(cluster=nc, year=YEAR, data=data, acting_user=secretary)
    assert [(e.row, e.column, e.message) for e in preview.errors] == [
        (2, "Vai trò", refusal.replace("Nghệ An", "Hà Tĩnh"))]
    assert members_preview(cluster=nc, year=YEAR, data=data, acting_user=users["admin"]).is_valid


def test_deactivated_people_cannot_sign_in_until_reactivated(users, nc):
    officer = users["canbo.nghean"]
    officer.set_password("Mat-khau-cu-2023")
    officer.save()
    leader = client_for(users["lanhdao.nghean"])
    response = leader.post(f"{PEOPLE}{officer.pk}/khoa/", follow=True)
    assert "Đã khóa tài khoản của" in response.content.decode()
    assert not signs_in("canbo.nghean", "Mat-khau-cu-2023")
    assert "Đã khóa" in leader.get(PEOPLE).content.decode()
    leader.post(f"{PEOPLE}{officer.pk}/mo-lai/")
    assert signs_in("canbo.nghean", "Mat-khau-cu-2023")


def test_changing_the_email_changes_the_username_that_was_it(users, units, nc,
                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        person = services.person_create(
            cluster=nc, year=YEAR, unit=units["nghean"], full_name="Lê Văn Nam",
            email="nam@example.gov.vn", role="officer", acting_user=users["canbo.quangtri"],
            base_url=BASE)
    client = client_for(users["lanhdao.nghean"])
    response = client.post(f"{PEOPLE}{person.pk}/sua/", {
        "full_name": "Lê Văn Nam", "email": "nam.lv@example.gov.vn", "unit": units["nghean"].pk,
        "role": "leader", "job_title": "Phó Giám đốc"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.username, person.email, person.role, person.job_title) == (
        "nam.lv@example.gov.vn", "nam.lv@example.gov.vn", "leader", "Phó Giám đốc")
    # The old invitation named the old e-mail: it no longer works.
    assert 'data-testid="invalid-link"' in Client().get(
        link_in(mail.outbox[0]), follow=True).content.decode()
    # A demo account keeps its username when its e-mail is set.
    services.person_update(cluster=nc, year=YEAR, person=users["canbo.nghean"],
                           full_name="Cán bộ", email="cb@example.gov.vn", role="officer",
                           acting_user=users["lanhdao.nghean"])
    assert User.objects.get(pk=users["canbo.nghean"].pk).username == "canbo.nghean"


def test_resending_an_invitation(users, units, nc, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        person = services.person_create(
            cluster=nc, year=YEAR, unit=units["nghean"], full_name="Lê Văn Nam",
            email="nam@example.gov.vn", role="officer", acting_user=users["lanhdao.nghean"],
            base_url=BASE)
    client = client_for(users["lanhdao.nghean"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{PEOPLE}{person.pk}/gui-loi-moi/", follow=True)
    assert "Đã gửi lại lời mời tới nam@example.gov.vn." in response.content.decode()
    assert [m.to for m in mail.outbox] == [["nam@example.gov.vn"]] * 2
    assert "Đồng chí" in mail.outbox[1].body and users["lanhdao.nghean"].display_name in \
        mail.outbox[1].body
    # Once the password is set, there is nothing to resend.
    person.set_password("Mat-khau-moi-2023")
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{PEOPLE}{person.pk}/gui-loi-moi/", follow=True)
    assert "đã đặt mật khẩu" in response.content.decode()
    assert len(mail.outbox) == 2


def test_nothing_is_sent_when_the_service_rolls_back(users, units, nc,
                                                    django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), \
            pytest.raises(RuntimeError), transaction.atomic():
        services.person_create(
            cluster=nc, year=YEAR, unit=units["nghean"], full_name="Lê Văn Nam",
            email="nam@example.gov.vn", role="officer", acting_user=users["canbo.quangtri"],
            base_url=BASE)
        raise RuntimeError
    assert mail.outbox == []
    assert not User.objects.filter(email="nam@example.gov.vn").exists()


# --- Tokens --------------------------------------------------------------------------------------

class _Ago:
    def __init__(self, cls, days):
        self.tokens = type("Ago", (cls,), {"_now": lambda self: datetime.datetime.now()
                                           - datetime.timedelta(days=days)})()

    def make_token(self, user):
        return self.tokens.make_token(user)


def test_an_invitation_expires_after_its_days_and_a_reset_link_after_its_hours(users):
    person = users["canbo.nghean"]
    assert invitation_tokens.check_token(person, _Ago(InvitationTokens, 6).make_token(person))
    assert not invitation_tokens.check_token(person, _Ago(InvitationTokens, 8).make_token(person))
    assert reset_tokens.check_token(person, reset_tokens.make_token(person))
    assert not reset_tokens.check_token(person, _Ago(ResetTokens, 1.01).make_token(person))
    # The two kinds do not open each other's page.
    assert not reset_tokens.check_token(person, invitation_tokens.make_token(person))
    assert not invitation_tokens.check_token(person, reset_tokens.make_token(person))
    # An expired invitation's page says so.
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = _Ago(InvitationTokens, 8).make_token(person)
    response = Client().get(f"/tai-khoan/loi-moi/{uid}/{token}/", follow=True)
    assert 'data-testid="invalid-link"' in response.content.decode()


def test_deactivating_voids_the_links(users):
    person = users["canbo.nghean"]
    token = invitation_tokens.make_token(person)
    person.is_active = False
    person.save()
    assert not invitation_tokens.check_token(person, token)


# --- The task ------------------------------------------------------------------------------------

def test_the_task_sends_the_mail_and_nothing_to_whom_it_should_not(users, units):
    person = UserFactory(unit=units["nghean"], email="p@example.gov.vn", full_name="Phạm Văn P")
    person.set_unusable_password()
    person.save()
    result = send_account_email.enqueue(user_id=person.pk, kind="invitation", base_url=BASE)
    assert result.return_value is True
    assert mail.outbox[0].to == ["p@example.gov.vn"]
    assert "/tai-khoan/loi-moi/" in mail.outbox[0].body
    assert "Sở Nội vụ tỉnh Nghệ An" in mail.outbox[0].body
    result = send_account_email.enqueue(user_id=person.pk, kind="reset", base_url=BASE)
    assert "/tai-khoan/dat-lai-mat-khau/" in mail.outbox[1].body
    person.set_password("x-Mat-khau-2023")
    person.save()
    assert send_account_email.enqueue(user_id=person.pk, kind="invitation",
                                      base_url=BASE).return_value is False
    person.is_active = False
    person.save()
    assert send_account_email.enqueue(user_id=person.pk, kind="reset",
                                      base_url=BASE).return_value is False
    assert send_account_email.enqueue(user_id=10**9, kind="reset",
                                      base_url=BASE).return_value is False
    assert len(mail.outbox) == 2


# --- Quên mật khẩu? ------------------------------------------------------------------------------

def test_the_login_page_offers_the_password_reset():
    page = Client().get("/tai-khoan/dang-nhap/").content.decode()
    assert "Quên mật khẩu?" in page and "/tai-khoan/quen-mat-khau/" in page


def test_password_reset_answers_the_same_and_mails_only_a_known_address(
        users, django_capture_on_commit_callbacks):
    person = users["canbo.nghean"]
    person.email = "cb.nghean@example.gov.vn"
    person.save()
    answers = []
    for email in ("khongco@example.gov.vn", "CB.Nghean@example.gov.vn"):
        with django_capture_on_commit_callbacks(execute=True):
            response = Client().post("/tai-khoan/quen-mat-khau/", {"email": email}, follow=True)
        answers.append((response.redirect_chain, re.sub(
            r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())))
        if email.startswith("khongco"):
            assert mail.outbox == []
    assert answers[0] == answers[1]
    assert "Nếu có tài khoản dùng địa chỉ thư điện tử đã nhập" in answers[0][1]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["cb.nghean@example.gov.vn"]
    assert mail.outbox[0].subject == "Đặt lại mật khẩu phần mềm thi đua, khen thưởng"
    # The link sets a new password once.
    anonymous = Client()
    response = anonymous.get(link_in(mail.outbox[0]), follow=True)
    response = anonymous.post(response.redirect_chain[-1][0], {
        "new_password1": "Mat-khau-moi-2023", "new_password2": "Mat-khau-moi-2023"}, follow=True)
    assert "Đã đặt mật khẩu" in response.content.decode()
    assert signs_in("canbo.nghean", "Mat-khau-moi-2023")
    response = Client().get(link_in(mail.outbox[0]), follow=True)
    assert 'data-testid="invalid-link"' in response.content.decode()


def test_password_reset_reaches_invited_people_not_inactive_ones(
        users, django_capture_on_commit_callbacks):
    invited = UserFactory(unit=users["canbo.nghean"].unit, email="moi@example.gov.vn")
    invited.set_unusable_password()
    invited.save()
    UserFactory(unit=users["canbo.nghean"].unit, email="khoa@example.gov.vn", is_active=False)
    for email in ("moi@example.gov.vn", "khoa@example.gov.vn"):
        with django_capture_on_commit_callbacks(execute=True):
            Client().post("/tai-khoan/quen-mat-khau/", {"email": email})
    assert [m.to for m in mail.outbox] == [["moi@example.gov.vn"]]


def test_a_bad_reset_address_is_refused_in_vietnamese():
    response = Client().post("/tai-khoan/quen-mat-khau/", {"email": "khong-phai-thu"})
    assert "Địa chỉ thư điện tử không hợp lệ." in response.content.decode()


# --- The access log ------------------------------------------------------------------------------

def test_every_sign_in_is_in_the_admins_access_log(users):
    person = users["canbo.nghean"]
    person.set_password("Mat-khau-2023")
    person.save()
    client = Client()
    response = client.post("/tai-khoan/dang-nhap/", {"username": "canbo.nghean",
                                                      "password": "Mat-khau-2023"},
                           REMOTE_ADDR="10.0.0.7", HTTP_USER_AGENT="Trình duyệt thử")
    assert response.status_code == 302
    log = AccessLog.objects.get(username="canbo.nghean")
    assert (log.ip_address, log.user_agent) == ("10.0.0.7", "Trình duyệt thử")
    client.post("/tai-khoan/dang-xuat/")
    log.refresh_from_db()
    assert log.logout_time is not None
    admin = client_for(users["admin"])
    page = admin.get("/quan-tri/axes/accesslog/").content.decode()
    assert "canbo.nghean" in page and "10.0.0.7" in page
    assert client_for(users["canbo.quangtri"]).get("/quan-tri/axes/accesslog/").status_code == 302


# --- Importing accounts invites the new ones ----------------------------------------------------

def test_a_members_import_invites_its_new_accounts(users, units, nc,
                                                  django_capture_on_commit_callbacks):
    from cluster.imports import members_import
    from tests.spreadsheet_files import xlsx

    header = ["Đơn vị", "Họ và tên", "Thư điện tử", "Vai trò", "Chức vụ"]
    rows = [[units["nghean"].name, "Phạm Thị Lan", "lan.pt@example.gov.vn", "Cán bộ", ""],
            [units["hatinh"].name, "Võ Văn Minh", "minh.vv@example.gov.vn", "Cán bộ", ""]]
    data = xlsx(header, rows, title="")
    with django_capture_on_commit_callbacks(execute=True):
        members_import(cluster=nc, year=YEAR, data=data, acting_user=users["canbo.quangtri"],
                       base_url=BASE)
    assert sorted(m.to[0] for m in mail.outbox) == ["lan.pt@example.gov.vn",
                                                   "minh.vv@example.gov.vn"]
    # The same file again changes nothing and invites nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        members_import(cluster=nc, year=YEAR, data=data, acting_user=users["canbo.quangtri"],
                       base_url=BASE)
    assert len(mail.outbox) == 2


# --- Queries -------------------------------------------------------------------------------------

@pytest.mark.parametrize("username", ["canbo.quangtri", "lanhdao.nghean"])
def test_the_people_page_makes_as_many_queries_with_more_people(users, nc, username):
    client = client_for(users[username])
    client.get(PEOPLE)
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(PEOPLE)
        assert response.status_code == 200
        counts.append(len(queries))
        unit = UnitFactory()
        Membership.objects.create(cluster=nc, unit=unit, from_year=YEAR)
        for member in (users[username].unit, unit):
            for role in ("officer", "leader", "officer", "officer"):
                UserFactory(unit=member, role=role)
    assert counts[0] == counts[1], counts
    assert counts[0] <= 15, counts


def test_with_the_database_backend_the_worker_sends_the_invitation(
        users, units, nc, settings, django_capture_on_commit_callbacks, monkeypatch):
    """Production's set-up: the request only stores the task (no link in it); ``db_worker``
    sends the mail. (django-tasks resets its backends when ``TASKS`` changes; the worker's
    closing of connections would end the test's transaction on PostgreSQL.)"""
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        services.person_create(
            cluster=nc, year=YEAR, unit=units["nghean"], full_name="Lê Văn Nam",
            email="nam@example.gov.vn", role="officer", acting_user=users["canbo.quangtri"],
            base_url=BASE)
    assert mail.outbox == []
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["kwargs"]["kind"] == "invitation"
    assert "/tai-khoan/" not in str(task.args_kwargs)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [m.to for m in mail.outbox] == [["nam@example.gov.vn"]]
