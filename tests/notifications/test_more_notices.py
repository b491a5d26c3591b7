"""Notices for the roles that act seldom (issue #16): the secretariat of a cluster whose
newest year has no plan, the administrators of consultation rules not checked against the
decree, the ministry's observers of a finalised period. Each once, however often
``run_scheduler`` runs."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from campaigns.models import Campaign
from campaigns.plan_notices import plan_due_notices
from cluster.models import User
from commendations.models import ConsultationRule
from commendations.source_notices import unchecked_source_notices
from notifications import scheduler
from notifications.kinds import Kind
from notifications.models import Notification
from tests.campaigns.factories import CampaignFactory
from tests.factories import ClusterFactory, ClusterYearFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2024, 1, 10, 8))


def _told(kind):
    return sorted(Notification.objects.filter(kind=kind)
                  .values_list("recipient__username", flat=True))


def test_the_newest_year_without_a_plan_tells_its_secretariat_once():
    old = ClusterYearFactory(year=2022)
    cluster = old.cluster
    new = ClusterYearFactory(cluster=cluster, year=2023)
    officer = UserFactory(username="thuky", unit=new.chair)
    UserFactory(username="khac", unit=new.vice_chair)
    notices = list(plan_due_notices(NOW))
    assert [(n.key, [u.username for u in n.recipients]) for n in notices] == [
        (f"plan-due:{cluster.pk}:2023", [officer.username])]
    assert "Kế hoạch thi đua năm 2023" in notices[0].title
    assert notices[0].url.endswith("/2023/phong-trao/moi/")
    scheduler.notices_send(now=NOW)
    scheduler.notices_send(now=NOW)
    assert _told(Kind.PLAN_DUE) == ["thuky"]
    CampaignFactory(cluster=cluster, year=2023)  # a thematic campaign is not the year's plan
    assert len(list(plan_due_notices(NOW))) == 1
    CampaignFactory(cluster=cluster, year=2023, kind=Campaign.Kind.REGULAR)
    assert list(plan_due_notices(NOW)) == []  # 2022, also without a plan, is history


def test_a_cluster_with_its_plan_is_not_told():
    year = ClusterYearFactory(year=2023, cluster=ClusterFactory())
    CampaignFactory(cluster=year.cluster, year=2023, kind=Campaign.Kind.REGULAR)
    assert list(plan_due_notices(NOW)) == []


def _rule(code, checked):
    return ConsultationRule.objects.create(
        award_code=f"danh_hieu_{code}", award_name=f"Danh hiệu {code}", days=10,
        valid_from=datetime.date(2024, 1, 1), source="Nghị định minh họa",
        article_checked=checked)


def test_unchecked_consultation_rules_tell_the_administrators_once_per_list():
    ConsultationRule.objects.all().delete()
    UserFactory(username="quantri", is_superuser=True, unit=None, role="")
    UserFactory(username="canbo", unit=None, role=User.Role.OBSERVER)
    assert list(unchecked_source_notices(NOW)) == []
    first = _rule("a", checked=False)
    _rule("b", checked=True)
    scheduler.notices_send(now=NOW)
    scheduler.notices_send(now=NOW)
    assert _told(Kind.SOURCES_TO_CHECK) == ["quantri"]
    notice = Notification.objects.get(kind=Kind.SOURCES_TO_CHECK)
    assert notice.title.startswith("1 quy định") and "Danh hiệu a" in notice.body
    assert "Danh hiệu b" not in notice.body
    assert "article_checked__exact=0" in notice.url
    _rule("c", checked=False)  # a new unchecked rule: told again, with the new list
    scheduler.notices_send(now=NOW)
    assert Notification.objects.filter(kind=Kind.SOURCES_TO_CHECK).count() == 2
    ConsultationRule.objects.filter(pk=first.pk).update(article_checked=True)
    ConsultationRule.objects.filter(award_code="danh_hieu_c").update(article_checked=True)
    assert list(unchecked_source_notices(NOW)) == []
