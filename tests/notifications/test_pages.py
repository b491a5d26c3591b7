"""The notification centre's pages: who sees what (only one's own notices, anonymous visitors
to the login page), following a notice, mark all read, the e-mail preferences, the top bar's
badge, and the queries: none for the badge of an anonymous visitor, one for a user, and the
list as many with 50 notices as with 5."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import now

from notifications.context_processors import unread
from notifications.kinds import Kind
from notifications.models import EmailOptOut, Notification
from notifications.services import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def tell(user, n=1, url="/tai-khoan/doi-mat-khau/", kind=Kind.REPORT_RETURNED):
    return [notify(kind=kind, recipients=[user], key=f"k:{user.pk}:{i}:{url}",
                   title=f"Thông báo số {i} <b>đậm</b>", body="Nội dung", url=url)[0]
            for i in range(n)]


@pytest.fixture
def me(client):
    user = UserFactory(email="canbo@snv.gov.vn")
    client.force_login(user)
    return user


@pytest.mark.parametrize("path", ["/thong-bao/", "/thong-bao/1/", "/thong-bao/nhan-thu/"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/?next=")


def test_anonymous_mark_all_read_goes_to_login(client):
    response = client.post("/thong-bao/da-doc-tat-ca/")
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_someone_elses_notice_is_not_found_and_stays_unread(client, me):
    theirs = tell(UserFactory())[0]
    assert client.get(f"/thong-bao/{theirs.pk}/").status_code == 404
    assert client.get("/thong-bao/999999/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    page = client.get("/thong-bao/").content.decode()
    assert "Thông báo số 0" not in page


def test_the_list_shows_ones_own_unread_first_and_escapes_titles(client, me):
    old = tell(me, 2)
    Notification.objects.filter(pk=old[0].pk).update(read_at=old[0].created_at)
    newer_read = tell(me, 1, url="/")[0]
    Notification.objects.filter(pk=newer_read.pk).update(read_at=newer_read.created_at)
    page = client.get("/thong-bao/").content.decode()
    assert "&lt;b&gt;đậm&lt;/b&gt;" in page and "<b>đậm</b>" not in page
    listed = [int(part.split("/")[0]) for part in page.split('href="/thong-bao/')[1:]
              if part[:1].isdigit()]
    assert listed[0] == old[1].pk  # the unread one first
    assert "3 thông báo" in page and "1 chưa đọc" in page


def test_following_a_notice_marks_it_read_and_goes_to_its_local_page(client, me):
    notice = tell(me)[0]
    response = client.get(f"/thong-bao/{notice.pk}/")
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/doi-mat-khau/"
    notice.refresh_from_db()
    assert notice.read_at is not None


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example/x", "/\\evil.example",
                                 "javascript:alert(1)", ""])
def test_a_notice_never_sends_its_reader_elsewhere(client, me, url):
    notice = tell(me, url=url)[0]
    response = client.get(f"/thong-bao/{notice.pk}/")
    assert response.status_code == 302 and response["Location"] == "/thong-bao/"


def test_mark_all_read_is_a_post_and_marks_only_mine(client, me):
    tell(me, 3)
    theirs = tell(UserFactory())[0]
    assert client.get("/thong-bao/da-doc-tat-ca/").status_code == 405
    response = client.post("/thong-bao/da-doc-tat-ca/", follow=True)
    assert "Đã đánh dấu 3 thông báo là đã đọc." in response.content.decode()
    assert not Notification.objects.filter(recipient=me, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_email_preferences_save_one_row_per_kind_turned_off(client, me):
    page = client.get("/thong-bao/nhan-thu/").content.decode()
    assert page.count('type="checkbox"') == len(Kind.values)
    assert page.count(" checked") == len(Kind.values)
    keep = [k for k in Kind.values if k not in (Kind.PERIOD_PHASE, Kind.REPORT_REVIEWED)]
    response = client.post("/thong-bao/nhan-thu/", {"receive": keep}, follow=True)
    assert "Đã lưu lựa chọn nhận thư điện tử." in response.content.decode()
    assert set(EmailOptOut.objects.filter(user=me).values_list("kind", flat=True)) == {
        Kind.PERIOD_PHASE, Kind.REPORT_REVIEWED}
    assert response.content.decode().count(" checked") == len(Kind.values) - 2
    client.post("/thong-bao/nhan-thu/", {"receive": Kind.values})
    assert not EmailOptOut.objects.filter(user=me).exists()
    assert client.post("/thong-bao/nhan-thu/", {"receive": ["khong-co"]}).status_code == 200
    assert not EmailOptOut.objects.filter(user=me).exists()


def test_the_top_bar_badge_names_the_count(client, me):
    page = client.get("/thong-bao/nhan-thu/").content.decode()
    assert 'data-testid="notification-badge"' not in page
    tell(me, 3)
    page = client.get("/thong-bao/nhan-thu/").content.decode()
    assert 'data-testid="notification-badge">3</span>' in page
    assert "3 thông báo chưa đọc" in page


def test_the_badge_costs_no_query_for_a_visitor_and_one_for_a_user():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as queries:
        assert not unread(request)["notifications_unread"]
    assert len(queries) == 0
    request.user = UserFactory()
    tell(request.user, 2)
    with CaptureQueriesContext(connection) as queries:
        count = unread(request)["notifications_unread"]
        assert bool(count) and str(count) == "2" and count == 2
    assert len(queries) == 1


def test_a_user_signed_in_brings_the_count_with_their_own_row():
    """The backend reads the user with the count (one query it makes anyway): the badge then
    costs nothing more."""
    from cluster.backends import UserBackend

    user = UserFactory()
    tell(user, 3)
    Notification.objects.filter(pk=tell(user, 1, url="/")[0].pk).update(read_at=now())
    tell(UserFactory(), 2)
    with CaptureQueriesContext(connection) as queries:
        request = RequestFactory().get("/")
        request.user = UserBackend().get_user(user.pk)
        assert unread(request)["notifications_unread"] == 3
    assert len(queries) == 1  # the user's own row
    request.user = UserBackend().get_user(UserFactory().pk)
    assert unread(request)["notifications_unread"] == 0


def _list_queries(client, user, n: int) -> int:
    Notification.objects.filter(recipient=user).delete()
    tell(user, n)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/thong-bao/")
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="notification"') == min(n, 20)
    return len(queries)


def test_the_list_makes_as_many_queries_with_50_notices_as_with_5(client, me):
    assert _list_queries(client, me, 5) == _list_queries(client, me, 50)
