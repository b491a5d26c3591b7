"""Reads of pledges. Views, the dashboard panel and other apps read through these functions;
each runs a fixed number of queries whatever the number of member units."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import BooleanField, Count, Exists, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from cluster.models import Cluster, Unit
from cluster.selectors import cluster_member_unit_ids, cluster_member_units
from pledges.models import TRANSITIONS, Commitment, Pledge, PledgeEvent, Signature, Transition


def pledge_get(*, cluster: Cluster, year: int) -> Pledge | None:
    return (
        Pledge.objects.select_related("cluster", "created_by", "campaign", "conference__province")
        .filter(cluster=cluster, year=year)
        .first()
    )


def pledge_commitment_list(*, pledge: Pledge) -> list[Commitment]:
    return list(pledge.commitments.order_by("position", "pk"))


def pledge_event_list(*, pledge: Pledge) -> list[PledgeEvent]:
    return list(pledge.events.select_related("actor").order_by("created_at", "pk"))


def pledge_manual_transitions(*, pledge: Pledge) -> list[Transition]:
    """The moves a person may ask for from the pledge's current state (not the automatic one)."""
    return [t for (source, _target), t in TRANSITIONS.items()
            if source == pledge.status and not t.automatic]


def signature_for_unit(*, pledge: Pledge, unit_id: int | None) -> Signature | None:
    if unit_id is None:
        return None
    return Signature.objects.filter(pledge=pledge, unit_id=unit_id).first()


@dataclass
class SignatureRow:
    unit: Unit
    signature: Signature | None
    is_member: bool  # False: signed, then left the cluster (kept visible, never dropped)


@dataclass
class SignatureBoard:
    """Every member unit of the pledge's year with its signature, or none yet."""

    rows: list[SignatureRow]

    @property
    def member_count(self) -> int:
        return sum(1 for row in self.rows if row.is_member)

    @property
    def signed_count(self) -> int:
        return sum(1 for row in self.rows if row.is_member and row.signature)

    @property
    def signed(self) -> list[SignatureRow]:
        return [row for row in self.rows if row.signature]

    @property
    def missing(self) -> list[Unit]:
        return [row.unit for row in self.rows if row.is_member and not row.signature]

    @property
    def complete(self) -> bool:
        return self.member_count > 0 and not self.missing


def pledge_signature_board(*, pledge: Pledge) -> SignatureBoard:
    members = cluster_member_units(cluster=pledge.cluster, year=pledge.year)
    signatures = {
        s.unit_id: s
        for s in Signature.objects.filter(pledge=pledge).select_related(
            "unit", "signer", "recorded_by"
        )
    }
    rows = [SignatureRow(unit=u, signature=signatures.pop(u.pk, None), is_member=True)
            for u in members]
    rows += [SignatureRow(unit=s.unit, signature=s, is_member=False) for s in signatures.values()]
    return SignatureBoard(rows=rows)


@dataclass
class SigningSummary:
    signed_count: int
    member_count: int


def pledge_signing_summary(*, pledge: Pledge) -> SigningSummary:
    member_ids = cluster_member_unit_ids(cluster_id=pledge.cluster_id, year=pledge.year)
    signed = Signature.objects.filter(pledge=pledge, unit_id__in=member_ids).count()
    return SigningSummary(signed_count=signed, member_count=len(member_ids))


def pledge_get_with_summary(*, cluster: Cluster, year: int, unit_id: int | None = None
                            ) -> tuple[Pledge | None, SigningSummary | None]:
    """``pledge_get`` and ``pledge_signing_summary`` in one query (the home page's panel, whose
    budget also holds the year's checklist): the members' signatures counted in a subquery.
    With ``unit_id``, the pledge also says whether that unit has signed (``unit_signed``), in
    the same query (the home page's "Ký giao ước")."""
    member_ids = cluster_member_unit_ids(cluster_id=cluster.pk, year=year)
    signed = (Signature.objects.filter(pledge=OuterRef("pk"), unit_id__in=member_ids)
              .order_by().values("pledge").annotate(n=Count("pk")).values("n"))
    pledge = (
        Pledge.objects.select_related("cluster", "created_by", "campaign", "conference__province")
        .filter(cluster=cluster, year=year)
        .annotate(members_signed=Coalesce(Subquery(signed), 0),
                  unit_signed=Exists(Signature.objects.filter(pledge=OuterRef("pk"),
                                                              unit_id=unit_id))
                  if unit_id is not None else Value(False, output_field=BooleanField()))
        .first()
    )
    if pledge is None:
        return None, None
    return pledge, SigningSummary(signed_count=pledge.members_signed,
                                  member_count=len(member_ids))


@dataclass
class PledgeListRow:
    pledge: Pledge
    signed_count: int
    member_count: int


def pledge_list(*, cluster: Cluster) -> list[PledgeListRow]:
    """The cluster's pledges, newest year first, with how many members signed of how many."""
    pledges = list(
        Pledge.objects.filter(cluster=cluster)
        .annotate(signature_count=Count("signatures"))
        .order_by("-year")
    )
    members_per_year: Counter[int] = Counter()
    years = {p.year for p in pledges}
    for from_year, to_year in cluster.memberships.values_list("from_year", "to_year"):
        for year in years:
            if from_year <= year and (to_year is None or year <= to_year):
                members_per_year[year] += 1
    return [PledgeListRow(pledge=p, signed_count=p.signature_count,
                          member_count=members_per_year[p.year]) for p in pledges]


def checklist_conditions(*, cluster: Cluster, year: int) -> dict[str, Exists]:
    """Whether the year has its pledge: an expression the checklist's one query reads."""
    return {"pledge": Exists(Pledge.objects.filter(cluster=cluster, year=year))}


__all__ = [
    "PledgeListRow", "SignatureBoard", "SignatureRow", "SigningSummary", "checklist_conditions",
    "pledge_commitment_list", "pledge_event_list", "pledge_get", "pledge_get_with_summary",
    "pledge_list",
    "pledge_manual_transitions", "pledge_signature_board", "pledge_signing_summary",
    "signature_for_unit",
]
