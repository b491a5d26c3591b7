"""Deadlines of the commendation work told through ``notifications.scheduler`` (issue #16):

- the call for proposals: a member unit with a proposal drafted but not sent (or returned and
  not sent again) is told, its officers and leader, from ``PROPOSAL_DAYS`` days before the
  deadline until it passes; once per unit, call and deadline (a moved deadline tells again);
- the dossiers: while the campaign's milestone "Hạn gửi hồ sơ đề nghị khen thưởng" is at most
  ``DOSSIER_DAYS`` days ahead, the secretariat is told of the year's dossiers still being
  prepared or sent back to it; once per cluster-year and milestone date.

Providers read only; ``run_scheduler`` writes the notices (each once, by key)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from campaigns.models import Milestone
from cluster.selectors import secretariat_accounts
from cluster.text import long_date
from commendations.models import Dossier, DossierStatus, Proposal, ProposalCall, ProposalStatus
from notifications import selectors as notification_selectors
from notifications.kinds import Kind
from notifications.scheduler import Notice

PROPOSAL_DAYS = 3
DOSSIER_DAYS = 3
UNSENT = [ProposalStatus.DRAFT, ProposalStatus.RETURNED]


def proposal_deadline_notices(now: datetime.datetime):
    calls = ProposalCall.objects.filter(
        deadline__gt=now, deadline__lte=now + datetime.timedelta(days=PROPOSAL_DAYS)
    ).select_related("cluster")
    for call in calls:
        unit_ids = set(Proposal.objects.filter(cluster=call.cluster, year=call.year,
                                               status__in=UNSENT)
                       .values_list("unit_id", flat=True))
        people = notification_selectors.unit_people(unit_ids=unit_ids)
        deadline = timezone.localtime(call.deadline)
        url = reverse("commendations:proposal-list",
                      kwargs={"slug": call.cluster.slug, "year": call.year})
        for unit_id in sorted(unit_ids):
            recipients = tuple(p for p in people if p.unit_id == unit_id)
            yield Notice(
                kind=Kind.PROPOSAL_DEADLINE,
                key=f"proposal-call:{call.pk}:{deadline.isoformat()}:unit:{unit_id}",
                recipients=recipients,
                title=f"Hạn gửi đề nghị khen thưởng năm {call.year}: {deadline:%H:%M} "
                      f"{long_date(deadline.date())}",
                body="Đơn vị còn đề nghị khen thưởng chưa gửi Cụm trưởng. Lãnh đạo đơn vị gửi "
                     "đề nghị trước hạn; sau hạn, đề nghị chưa gửi lần nào không được nhận.",
                url=url, cluster=call.cluster)


def dossier_deadline_notices(now: datetime.datetime):
    today = timezone.localdate(now)
    due = {}
    for milestone in (Milestone.objects.filter(
            kind=Milestone.Kind.DOSSIER_DEADLINE, due_on__gte=today,
            due_on__lte=today + datetime.timedelta(days=DOSSIER_DAYS))
            .select_related("campaign__cluster")):
        key = (milestone.campaign.cluster, milestone.campaign.year)
        due[key] = min(due.get(key, milestone.due_on), milestone.due_on)
    for (cluster, year), day in due.items():
        waiting = Dossier.objects.filter(
            nomination__session__cluster=cluster, nomination__session__year=year,
            status__in=[DossierStatus.DRAFT, DossierStatus.RETURNED]).count()
        if not waiting:
            continue
        yield Notice(
            kind=Kind.DOSSIER_DEADLINE, key=f"dossiers:{cluster.pk}:{year}:{day.isoformat()}",
            recipients=tuple(secretariat_accounts(cluster=cluster, year=year)),
            title=f"Hạn gửi hồ sơ đề nghị khen thưởng năm {year}: {long_date(day)}",
            body=f"Còn {waiting} hồ sơ đang lập hoặc bị trả lại chưa gửi cấp trên.",
            url=reverse("commendations:overview", kwargs={"slug": cluster.slug, "year": year}),
            cluster=cluster)


__all__ = ["dossier_deadline_notices", "proposal_deadline_notices"]
