"""A reporting period's deadline is one date, shown as its milestone (issue #13): the
campaign's "Hạn gửi báo cáo tổng kết năm" was a second, unrelated date, so every member's home
showed a red "Quá hạn" while the period's deadline was still ahead."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns import selectors as campaign_selectors
from campaigns import services as campaign_services
from campaigns.models import Campaign, Milestone
from cluster.models import ClusterYear
from results import services
from results.models import ReportingPeriod
from tests.factories import UserFactory, cluster_with_members

pytestmark = pytest.mark.django_db

D = datetime.date
K = Milestone.Kind
YEAR = 2026


def at_five(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 17, 0))


def regular(cluster, year=YEAR, milestones=None):
    return campaign_services.campaign_create(
        cluster=cluster, year=year, name=f"Phong trào thi đua năm {year}",
        starts_on=D(year, 1, 1), ends_on=D(year, 12, 31), milestones=milestones or {},
        acting_user=None)


def test_the_period_deadline_moves_the_milestone_and_nothing_is_falsely_late():
    cluster = cluster_with_members(units=3, first_year=YEAR)
    campaign = regular(cluster, milestones={K.YEAREND_DEADLINE: D(YEAR, 11, 30)})
    period = services.period_create(cluster=cluster, year=YEAR,
                                    kind=ReportingPeriod.Kind.YEAR_END,
                                    deadline=at_five(D(YEAR, 12, 15)), acting_user=None)
    milestone = campaign.milestones.get(kind=K.YEAREND_DEADLINE)
    assert milestone.due_on == D(YEAR, 12, 15)
    status = campaign_selectors.milestone_status(cluster=cluster, year=YEAR, today=D(YEAR, 12, 1))
    assert status.late == []
    assert [m.label for m in status.upcoming] == ["Hạn gửi báo cáo tổng kết năm"]

    services.period_update(period=period, deadline=at_five(D(YEAR, 12, 20)),
                           tie_break=period.tie_break, acting_user=None)
    milestone.refresh_from_db()
    assert milestone.due_on == D(YEAR, 12, 20)
    assert milestone.history.first().history_change_reason == "Theo hạn nộp của kỳ báo cáo"


def test_a_deadline_late_in_the_evening_is_its_local_day():
    cluster = cluster_with_members(units=3, first_year=YEAR)
    campaign = regular(cluster)
    deadline = timezone.make_aware(datetime.datetime(YEAR, 6, 15, 23, 30))  # 16:30 UTC
    services.period_create(cluster=cluster, year=YEAR, kind=ReportingPeriod.Kind.MID_YEAR,
                           deadline=deadline, acting_user=None)
    assert campaign.milestones.get(kind=K.MIDYEAR_DEADLINE).due_on == D(YEAR, 6, 15)


def test_a_campaign_made_after_the_period_shows_its_deadline_and_refuses_another():
    cluster = cluster_with_members(units=3, first_year=YEAR)
    services.period_create(cluster=cluster, year=YEAR, kind=ReportingPeriod.Kind.YEAR_END,
                           deadline=at_five(D(YEAR, 12, 15)), acting_user=None)
    with pytest.raises(ValidationError) as refused:
        regular(cluster, milestones={K.YEAREND_DEADLINE: D(YEAR, 11, 30)})
    assert "là hạn nộp của kỳ báo cáo (15/12/2026); đổi hạn ở trang Kỳ báo cáo" in str(
        refused.value)
    assert not Campaign.objects.filter(cluster=cluster).exists()
    campaign = regular(cluster)  # the deadline comes with the regular campaign
    assert campaign.milestones.get(kind=K.YEAREND_DEADLINE).due_on == D(YEAR, 12, 15)
    campaign = campaign_services.campaign_update(
        campaign=campaign, milestones={K.YEAREND_DEADLINE: None}, acting_user=None)
    assert campaign.milestones.get(kind=K.YEAREND_DEADLINE).due_on == D(YEAR, 12, 15)


def test_a_period_without_a_campaign_waits_for_it():
    cluster = cluster_with_members(units=3, first_year=YEAR)
    services.period_create(cluster=cluster, year=YEAR, kind=ReportingPeriod.Kind.MID_YEAR,
                           deadline=at_five(D(YEAR, 6, 15)), acting_user=None)
    assert not Milestone.objects.filter(campaign__cluster=cluster).exists()


def test_the_campaign_form_shows_the_period_deadline_read_only(client):
    cluster = cluster_with_members(units=3, first_year=YEAR)
    chair = ClusterYear.objects.get(cluster=cluster, year=YEAR).chair
    client.force_login(UserFactory(unit=chair))
    campaign = regular(cluster, milestones={K.YEAREND_DEADLINE: D(YEAR, 11, 30)})
    services.period_create(cluster=cluster, year=YEAR, kind=ReportingPeriod.Kind.YEAR_END,
                           deadline=at_five(D(YEAR, 12, 15)), acting_user=None)
    url = f"/cum/{cluster.slug}/{YEAR}/phong-trao/{campaign.pk}/sua/"
    html = client.get(url).content.decode()
    field = html[html.index('name="moc_han_tong_ket"') - 200:][:500]
    assert "disabled" in field and f"{YEAR}-12-15" in field
    assert "Hạn nộp của kỳ báo cáo; đổi hạn ở trang Kỳ báo cáo." in html
    response = client.post(url, {
        "kind": "thuong_xuyen", "name": campaign.name, "starts_on": f"{YEAR}-01-01",
        "ends_on": f"{YEAR}-12-31", "moc_han_tong_ket": f"{YEAR}-11-30"})  # ignored: disabled
    assert response.status_code == 302
    assert campaign.milestones.get(kind=K.YEAREND_DEADLINE).due_on == D(YEAR, 12, 15)


def test_a_members_home_shows_no_false_late_deadline(client):
    today = timezone.localdate()
    cluster = cluster_with_members(units=3, first_year=today.year)
    chair = ClusterYear.objects.get(cluster=cluster, year=today.year).chair
    member = next(m.unit for m in cluster.memberships.all() if m.unit_id != chair.pk)
    regular(cluster, year=today.year,
            milestones={K.YEAREND_DEADLINE: today - datetime.timedelta(days=1)})
    services.period_create(cluster=cluster, year=today.year,
                           kind=ReportingPeriod.Kind.YEAR_END,
                           deadline=timezone.now() + datetime.timedelta(days=7),
                           acting_user=None)
    client.force_login(UserFactory(unit=member))
    html = client.get(f"/cum/{cluster.slug}/{today.year}/").content.decode()
    late = html[html.index('data-testid="panel-late"'):]
    late = late[:late.index("</ul>")]
    assert "Không có mốc quá hạn." in late
    assert "Hạn gửi báo cáo tổng kết năm" not in late


def test_the_migration_aligns_milestones_made_before_the_fix():
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "results.migrations.0002_deadline_milestones_follow_periods")
    cluster = cluster_with_members(units=3, first_year=YEAR)
    campaign = regular(cluster, milestones={K.YEAREND_DEADLINE: D(YEAR, 11, 30)})
    ReportingPeriod.objects.create(cluster=cluster, year=YEAR, kind=ReportingPeriod.Kind.YEAR_END,
                                   deadline=at_five(D(YEAR, 12, 15)))
    assert campaign.milestones.get(kind=K.YEAREND_DEADLINE).due_on == D(YEAR, 11, 30)
    migration.follow(apps, None)
    assert campaign.milestones.get(kind=K.YEAREND_DEADLINE).due_on == D(YEAR, 12, 15)
