"""What the pledge tells people (issue #16): its opening for signature (called inside
``pledge_transition``'s transaction) and, through ``notifications.scheduler``, the signing
deadline: the campaign's milestone "Ký kết giao ước thi đua" (the pledge has no date of its
own). Both go to the leaders of the member units that have not signed, who sign."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from campaigns.models import Milestone
from cluster.models import User
from cluster.selectors import cluster_member_units
from cluster.text import long_date
from notifications import selectors as notification_selectors
from notifications.kinds import Kind
from notifications.scheduler import Notice
from notifications.services import notify
from pledges.models import Pledge, PledgeEvent, PledgeStatus, Signature

LEADER = [User.Role.LEADER]
DEADLINE_DAYS = 3  # told this many days before the milestone's date, and on it


def _unsigned_leaders(pledge: Pledge) -> list:
    signed = set(Signature.objects.filter(pledge=pledge).values_list("unit_id", flat=True))
    units = [u.pk for u in cluster_member_units(cluster=pledge.cluster, year=pledge.year)
             if u.pk not in signed]
    return notification_selectors.unit_people(unit_ids=units, roles=LEADER)


def _url(pledge: Pledge) -> str:
    return reverse("pledges:detail", kwargs={"slug": pledge.cluster.slug, "year": pledge.year})


def pledge_opened_notify(*, pledge: Pledge, event: PledgeEvent) -> None:
    notify(kind=Kind.PLEDGE_OPEN, key=f"pledge:{pledge.pk}:open:{event.pk}",
           recipients=_unsigned_leaders(pledge),
           title=f"Mời ký {pledge.title[:1].lower()}{pledge.title[1:]}",
           body=f"{pledge.title} của {pledge.cluster.name} đã mở để các đơn vị thành viên ký "
                "kết. Lãnh đạo đơn vị ký trên phần mềm.",
           url=_url(pledge), cluster=pledge.cluster)


def pledge_deadline_notices(now: datetime.datetime):
    """Provider of ``notifications.scheduler``: a pledge open for signing whose signing
    milestone falls within ``DEADLINE_DAYS`` days (or today) tells each unsigned member's
    leader once per milestone date."""
    today = timezone.localdate(now)
    milestones = (Milestone.objects.filter(
        kind=Milestone.Kind.PLEDGE_SIGNING, done_on__isnull=True,
        due_on__gte=today, due_on__lte=today + datetime.timedelta(days=DEADLINE_DAYS))
        .select_related("campaign"))
    for milestone in milestones:
        campaign = milestone.campaign
        for pledge in Pledge.objects.filter(cluster_id=campaign.cluster_id, year=campaign.year,
                                            status=PledgeStatus.OPEN).select_related("cluster"):
            if pledge.campaign_id not in (None, campaign.pk):
                continue
            days = (milestone.due_on - today).days
            when = "hôm nay" if days == 0 else f"còn {days} ngày"
            yield Notice(
                kind=Kind.PLEDGE_DEADLINE,
                key=f"pledge:{pledge.pk}:deadline:{milestone.due_on.isoformat()}",
                recipients=tuple(_unsigned_leaders(pledge)),
                title=f"Hạn ký {pledge.title[:1].lower()}{pledge.title[1:]}: {when}",
                body=f"Hạn ký kết là {long_date(milestone.due_on)}; đơn vị chưa ký.",
                url=_url(pledge), cluster=pledge.cluster)


__all__ = ["pledge_deadline_notices", "pledge_opened_notify"]
