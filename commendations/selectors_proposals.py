"""Reads of the member units' proposals (issue #16), re-exported by ``commendations.selectors``.
Each runs a fixed number of queries whatever the number of proposals."""

from __future__ import annotations

from django.db.models import Q

from cluster.models import Cluster, Unit, User
from commendations.models import (
    Proposal,
    ProposalCall,
    ProposalEvent,
    ProposalEvidence,
    SessionStatus,
    VotingSession,
)
from notifications.models import Notification


def _proposals():
    return Proposal.objects.select_related("unit", "award", "cluster", "person",
                                           "nomination__session")


def proposal_list(*, cluster: Cluster, year: int, user: User,
                  sees_sent: bool) -> list[Proposal]:
    """The proposals of the cluster-year ``user`` may read: their own unit's, and every one
    sent at least once when ``sees_sent`` (the secretariat, observers, admins). One query."""
    visible = Q(pk__in=[])
    if user.is_authenticated and user.unit_id:
        visible |= Q(unit_id=user.unit_id)
    if sees_sent:
        visible |= Q(sent_at__isnull=False)
    return list(_proposals().filter(visible, cluster=cluster, year=year)
                .order_by("unit__name", "award__order", "pk"))


def proposal_get(*, cluster: Cluster, year: int, pk: int) -> Proposal | None:
    return _proposals().filter(cluster=cluster, year=year, pk=pk).first()


def proposal_event_list(*, proposal: Proposal) -> list[ProposalEvent]:
    return list(proposal.events.select_related("actor").order_by("created_at", "pk"))


def proposal_evidence_list(*, proposal: Proposal) -> list[ProposalEvidence]:
    return list(proposal.evidence.select_related("added_by").order_by("added_at", "pk"))


def proposal_call_get(*, cluster: Cluster, year: int) -> ProposalCall | None:
    return ProposalCall.objects.filter(cluster=cluster, year=year).first()


def proposal_sessions(*, cluster: Cluster, year: int) -> list[VotingSession]:
    """The year's sessions still in preparation: where an accepted proposal can go."""
    return list(VotingSession.objects.filter(cluster=cluster, year=year,
                                             status=SessionStatus.DRAFT).order_by("created_at"))


def unit_proposal_people(*, unit: Unit) -> list[User]:
    """The unit's officers and leaders, told when its proposal is returned or accepted."""
    return list(User.objects.filter(unit=unit, is_active=True,
                                    role__in=[User.Role.OFFICER, User.Role.LEADER])
                .order_by("pk"))


def proposal_notices(*, user: User, proposal: Proposal) -> list[Notification]:
    """The notices ``user`` received about this proposal, newest first."""
    return list(Notification.objects.filter(recipient=user,
                                            key__startswith=f"proposal:{proposal.pk}:")
                .order_by("-created_at", "-pk"))


__all__ = [
    "proposal_call_get", "proposal_event_list", "proposal_evidence_list",
    "proposal_get", "proposal_list", "proposal_notices", "proposal_sessions",
    "unit_proposal_people",
]
