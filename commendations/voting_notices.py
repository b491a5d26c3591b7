"""What the vote tells people (issue #16): a session opened for voting (called inside
``session_transition``'s transaction) and, through ``notifications.scheduler``, a vote
closing soon. Both go to the leaders of the member units, who vote. A session has no closing
time of its own; "soon" is the day of the campaign's milestone "Bình xét, bỏ phiếu" and the
day before it, and only the units that have not voted are told (that a unit voted is on the
session's page; what it chose is in no notice, no e-mail, no key)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from campaigns.models import Milestone
from cluster.models import User
from cluster.selectors import cluster_member_units
from cluster.text import long_date
from commendations.models import Ballot, SessionEvent, SessionStatus, VotingSession
from notifications import selectors as notification_selectors
from notifications.kinds import Kind
from notifications.scheduler import Notice
from notifications.services import notify

CLOSING_DAYS = 1


def _leaders(session: VotingSession, *, only_not_voted: bool) -> list[User]:
    units = {u.pk for u in cluster_member_units(cluster=session.cluster, year=session.year)}
    if only_not_voted:
        units -= set(Ballot.objects.filter(session=session).values_list("unit_id", flat=True))
    return notification_selectors.unit_people(unit_ids=units, roles=[User.Role.LEADER])


def _url(session: VotingSession) -> str:
    return reverse("commendations:vote", kwargs={"slug": session.cluster.slug,
                                                 "year": session.year, "pk": session.pk})


def session_opened_notify(*, session: VotingSession, event: SessionEvent) -> None:
    notify(kind=Kind.VOTE_OPEN, key=f"session:{session.pk}:open:{event.pk}",
           recipients=_leaders(session, only_not_voted=True),
           title=f"Mở bỏ phiếu: {session.title}",
           body=f"{session.title} của {session.cluster.name} đang nhận phiếu. Lãnh đạo đơn vị "
                "bỏ phiếu kín trên phần mềm.",
           url=_url(session), cluster=session.cluster)


def vote_closing_notices(now: datetime.datetime):
    """Provider of ``notifications.scheduler``: a session taking ballots whose year's voting
    milestone is today or tomorrow tells each member's leader whose unit has not voted, once
    per session and milestone date."""
    today = timezone.localdate(now)
    milestones = {}
    for milestone in (Milestone.objects.filter(
            kind=Milestone.Kind.VOTING, due_on__gte=today,
            due_on__lte=today + datetime.timedelta(days=CLOSING_DAYS))
            .select_related("campaign")):
        key = (milestone.campaign.cluster_id, milestone.campaign.year)
        milestones[key] = min(milestones.get(key, milestone.due_on), milestone.due_on)
    if not milestones:
        return
    sessions = VotingSession.objects.filter(status=SessionStatus.OPEN).select_related("cluster")
    for session in sessions:
        due = milestones.get((session.cluster_id, session.year))
        if due is None:
            continue
        yield Notice(
            kind=Kind.VOTE_CLOSING, key=f"session:{session.pk}:closing:{due.isoformat()}",
            recipients=tuple(_leaders(session, only_not_voted=True)),
            title=f"Sắp hết hạn bỏ phiếu: {session.title}",
            body=f"Hạn bình xét, bỏ phiếu là {long_date(due)}; đơn vị chưa bỏ phiếu.",
            url=_url(session), cluster=session.cluster)


__all__ = ["session_opened_notify", "vote_closing_notices"]
