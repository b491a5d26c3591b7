"""``notify`` and the e-mail task: one notice and one e-mail per event and person, however
often told; e-mail off per kind keeps the notice; inactive people are not told; the task's
claim sends once; a rolled-back event tells nobody."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from notifications.kinds import Kind
from notifications.models import EmailOptOut, Notification
from notifications.services import email_preferences_set, notification_mark_read, notify
from notifications.tasks import send_notification_emails
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def tell(users, key="su-kien:1", kind=Kind.REPORT_RETURNED, **extra):
    return notify(kind=kind, recipients=users, key=key, title="Báo cáo bị trả lại",
                  body="Bổ sung số liệu.", url="/thong-bao/", **extra)


def test_same_key_twice_is_one_notice_and_one_email(django_capture_on_commit_callbacks):
    user = UserFactory(email="canbo@snv.gov.vn")
    with django_capture_on_commit_callbacks(execute=True):
        first = tell([user])
        second = tell([user, user])
    assert len(first) == 1 and second == []
    assert Notification.objects.filter(recipient=user).count() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["canbo@snv.gov.vn"]
    assert message.subject == "[Thi đua, khen thưởng] Báo cáo bị trả lại"
    assert "Bổ sung số liệu." in message.body and "/thong-bao/" in message.body
    assert Notification.objects.get().emailed_at is not None


def test_email_turned_off_for_the_kind_keeps_the_notice(django_capture_on_commit_callbacks):
    quiet, other = UserFactory(email="a@snv.gov.vn"), UserFactory(email="b@snv.gov.vn")
    email_preferences_set(user=quiet, receive=[k for k in Kind.values
                                               if k != Kind.REPORT_RETURNED])
    assert set(EmailOptOut.objects.filter(user=quiet).values_list("kind", flat=True)) == {
        Kind.REPORT_RETURNED}
    with django_capture_on_commit_callbacks(execute=True):
        tell([quiet, other])
        tell([quiet, other], key="su-kien:2", kind=Kind.REPORT_REVIEWED)
    assert Notification.objects.filter(recipient=quiet).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@snv.gov.vn", "b@snv.gov.vn",
                                                    "b@snv.gov.vn"]
    assert mail.outbox[0].subject  # the kind still on for the quiet one went out
    assert [m.to for m in mail.outbox if m.to == ["a@snv.gov.vn"]] == [["a@snv.gov.vn"]]


def test_inactive_people_and_none_are_skipped(django_capture_on_commit_callbacks):
    gone = UserFactory(email="gone@snv.gov.vn", is_active=False)
    here = UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True):
        created = tell([gone, None, here])
    assert [n.recipient for n in created] == [here]
    assert not Notification.objects.filter(recipient=gone).exists()
    assert mail.outbox == []  # the one told has no address


def test_the_email_task_run_twice_sends_once():
    user = UserFactory(email="canbo@snv.gov.vn")
    ids = [n.pk for n in tell([user])]  # in the test's transaction: not enqueued yet
    assert send_notification_emails.call(notification_ids=ids) == 1
    assert send_notification_emails.call(notification_ids=ids) == 0
    assert len(mail.outbox) == 1


def test_a_rolled_back_event_leaves_no_notice_and_sends_nothing(
        django_capture_on_commit_callbacks):
    user = UserFactory(email="canbo@snv.gov.vn")
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            tell([user])
            raise RuntimeError("the caller's service failed")
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_no_email_when_the_caller_sends_its_own(django_capture_on_commit_callbacks):
    user = UserFactory(email="canbo@snv.gov.vn")
    with django_capture_on_commit_callbacks(execute=True):
        assert len(tell([user], email=False)) == 1
    assert mail.outbox == []


def test_mark_read_touches_only_ones_own():
    me, other = UserFactory(), UserFactory()
    mine = tell([me])[0]
    theirs = tell([other])[0]
    assert notification_mark_read(user=me, notification_id=theirs.pk) == 0
    assert notification_mark_read(user=me, notification_id=mine.pk) == 1
    assert notification_mark_read(user=me, notification_id=mine.pk) == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_unknown_kinds_are_refused():
    with pytest.raises(ValueError):
        tell([UserFactory()], kind="khong-co")
    with pytest.raises(ValueError):
        email_preferences_set(user=UserFactory(), receive=["khong-co"])
