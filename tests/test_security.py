"""Transport and authentication guards (issue #10): brute-force lockout, Content-Security-Policy,
private caching of signed-in pages, and the request size cap.

Each test reproduces a finding of the hostile tester and fails on the code before the fix."""

import io

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.admin.sites import site as admin_site
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "mat-khau-thu"
LOGIN = "/tai-khoan/dang-nhap/"
ADMIN_LOGIN = "/quan-tri/login/"
LOCKOUT_TEXT = "bị tạm khóa"


def _post_login(client, path, username, password, *, address="10.0.0.1"):
    return client.post(path, {"username": username, "password": password},
                       REMOTE_ADDR=address)


def _fail(client, path, username, times, *, address="10.0.0.1"):
    for _ in range(times):
        response = _post_login(client, path, username, "sai-mat-khau", address=address)
    return response


# --- Lockout (django-axes) ---------------------------------------------------------------


@pytest.mark.django_db
def test_login_page_locks_after_the_failure_limit_even_for_the_right_password(client):
    """Reproduces: 50 wrong passwords then the right one logged in."""
    user = UserFactory()
    limit = settings.AXES_FAILURE_LIMIT
    response = _fail(client, LOGIN, user.username, limit - 1)
    assert response.status_code == 200  # still the login form with its error
    assert LOCKOUT_TEXT not in response.content.decode()

    response = _fail(client, LOGIN, user.username, 1)
    assert response.status_code == 429
    assert LOCKOUT_TEXT in response.content.decode()

    response = _post_login(client, LOGIN, user.username, PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Đã nhập sai mật khẩu 5 lần liên tiếp" in body
    assert "Vui lòng thử lại sau 30 phút" in body
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_login_locks_too(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    _fail(client, ADMIN_LOGIN, user.username, settings.AXES_FAILURE_LIMIT)
    response = _post_login(client, ADMIN_LOGIN, user.username, PASSWORD)
    assert response.status_code == 429
    assert LOCKOUT_TEXT in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_is_per_username_and_address(client):
    """An attacker at one address cannot lock the real user out at another address, nor lock
    another account by failing on his own."""
    victim, other = UserFactory(), UserFactory()
    _fail(client, LOGIN, victim.username, settings.AXES_FAILURE_LIMIT, address="10.6.6.6")

    response = _post_login(client, LOGIN, victim.username, PASSWORD, address="10.0.0.2")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(victim.pk)
    client.logout()
    response = _post_login(client, LOGIN, other.username, PASSWORD, address="10.6.6.6")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


@pytest.mark.django_db
def test_a_success_before_the_limit_resets_the_count(client):
    user = UserFactory()
    _fail(client, LOGIN, user.username, settings.AXES_FAILURE_LIMIT - 1)
    assert _post_login(client, LOGIN, user.username, PASSWORD).status_code == 302
    client.logout()
    response = _fail(client, LOGIN, user.username, settings.AXES_FAILURE_LIMIT - 1)
    assert response.status_code == 200  # the form again, not the lockout page
    # Only the failures since the success count: the right password still gets in.
    assert _post_login(client, LOGIN, user.username, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_reset_command_unlocks(client):
    user = UserFactory()
    _fail(client, LOGIN, user.username, settings.AXES_FAILURE_LIMIT)
    assert _post_login(client, LOGIN, user.username, PASSWORD).status_code == 429

    call_command("axes_reset_username", user.username, stdout=io.StringIO())
    assert _post_login(client, LOGIN, user.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_admin_lists_and_unlocks_attempts(client):
    """The system administrator sees the locked attempts in Django admin and deletes one to
    unlock the account."""
    user = UserFactory()
    _fail(client, LOGIN, user.username, settings.AXES_FAILURE_LIMIT)
    assert AccessAttempt in admin_site._registry
    attempt = AccessAttempt.objects.get(username=user.username)

    admin = UserFactory(is_staff=True, is_superuser=True)
    admin_client = Client()
    admin_client.force_login(admin)
    listing = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert user.username in listing.content.decode()
    response = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=user.username).exists()

    assert _post_login(client, LOGIN, user.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_lockout_counts_the_forwarded_address(client, settings):
    """With one proxy in front every request comes from the proxy's address: the lockout must
    key on the address the proxy saw, and a client cannot choose it by sending its own
    X-Forwarded-For (only the proxy's last entry counts)."""
    settings.TRUSTED_PROXY_COUNT = 1
    user = UserFactory()
    for forged in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": user.username, "password": "sai"},
                    REMOTE_ADDR="127.0.0.1",
                    HTTP_X_FORWARDED_FOR=f"1.2.3.{forged}, 203.0.113.9")
    locked = client.post(LOGIN, {"username": user.username, "password": PASSWORD},
                         REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert locked.status_code == 429
    elsewhere = client.post(LOGIN, {"username": user.username, "password": PASSWORD},
                            REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_force_login_still_works_with_axes(client):
    """The test suite's force_login (and the sessions it makes) is untouched by axes."""
    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse("cluster:home"))
    assert response.status_code == 200 and response.context["user"] == user


# --- Content-Security-Policy and caching ------------------------------------------------


@pytest.mark.django_db
def test_every_page_carries_a_strict_csp(client):
    """Reproduces: no Content-Security-Policy header at all."""
    response = client.get(LOGIN)
    policy = response["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.django_db
def test_signed_in_pages_are_not_stored_by_browsers_or_proxies(client):
    """Reproduces: authenticated pages carried no Cache-Control, so a shared office PC's
    browser cache or a proxy could keep a unit's pages."""
    client.force_login(UserFactory())
    response = client.get(reverse("cluster:home"))
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "public" not in cache_control


@pytest.mark.django_db
def test_login_pages_are_not_stored(client):
    for path in (LOGIN, ADMIN_LOGIN):
        cache_control = client.get(path)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control


@pytest.mark.django_db
def test_anonymous_public_pages_keep_their_caching(client):
    """The public verification lookup is the same for everybody: no private marker."""
    response = client.get(reverse("verify:lookup"))
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_static_files_are_not_marked_private(client):
    response = client.get(settings.STATIC_URL + "css/app.css")
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")
    response.close()


# --- Request size ---------------------------------------------------------------------------


class _ExplodingInput(io.BytesIO):
    """A request body that must never be read."""

    def read(self, *args, **kwargs):  # pragma: no cover - reaching it is the failure
        raise AssertionError("the body of an oversized request was read")

    readline = read


@pytest.mark.django_db
def test_an_oversized_upload_is_refused_before_its_body_is_read(client, rf):
    """Reproduces: a 60 MB post to /xac-minh/<code>/ was spooled to a temporary file before
    the form refused it at 20 MB."""
    from config.wsgi import application

    declared = 60 * 1024 * 1024
    environ = rf.post("/xac-minh/ABCDEFGHJK/").environ
    environ.update({
        "CONTENT_LENGTH": str(declared),
        "CONTENT_TYPE": "multipart/form-data; boundary=x",
        "wsgi.input": _ExplodingInput(),
    })
    statuses = []
    body = b"".join(application(environ, lambda status, headers: statuses.append(status)))
    assert statuses[0].startswith("413")
    assert "Tệp quá lớn" in body.decode()
    assert str(settings.REQUEST_MAX_BYTES // (1024 * 1024)) + " MB" in body.decode()


def test_the_cap_leaves_room_for_the_largest_allowed_upload():
    from reports.services import VERIFY_MAX_BYTES

    assert settings.REQUEST_MAX_BYTES > VERIFY_MAX_BYTES + 1024 * 1024


@pytest.mark.django_db
def test_a_request_under_the_cap_goes_through(client):
    response = client.post(reverse("verify:page", args=["ABCDEFGHJK"]),
                           {"file": io.BytesIO(b"%PDF-1.4 small")})
    assert response.status_code == 404  # the verification view itself: no such code
