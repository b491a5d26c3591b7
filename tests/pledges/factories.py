"""factory_boy factories for the pledges models, and a ready-made cluster with a pledge.

Factories write rows directly (for setting up a state); the tests of behaviour go through
``pledges.services``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import factory
from factory.django import DjangoModelFactory

from cluster.models import Cluster, Unit, User
from cluster.selectors import cluster_member_units
from pledges.models import (
    Commitment,
    Pledge,
    PledgeEvent,
    PledgeStatus,
    Signature,
    SignatureMethod,
)
from tests.factories import ClusterFactory, UnitFactory, UserFactory, cluster_with_members


class PledgeFactory(DjangoModelFactory):
    class Meta:
        model = Pledge

    cluster = factory.SubFactory(ClusterFactory)
    year = 2022
    title = factory.LazyAttribute(lambda o: f"Giao ước thi đua năm {o.year}")
    preamble = "Các đơn vị thành viên thống nhất ký kết giao ước thi đua với các nội dung sau:"
    status = PledgeStatus.DRAFT


class CommitmentFactory(DjangoModelFactory):
    class Meta:
        model = Commitment

    pledge = factory.SubFactory(PledgeFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Nội dung cam kết số {n + 1}.")


class SignatureFactory(DjangoModelFactory):
    class Meta:
        model = Signature

    pledge = factory.SubFactory(PledgeFactory)
    unit = factory.SubFactory(UnitFactory)
    method = SignatureMethod.PAPER
    signer_name = factory.Sequence(lambda n: f"Người ký {n}")
    signer_title = "Giám đốc"
    signed_on = datetime.date(2022, 6, 24)


class PledgeEventFactory(DjangoModelFactory):
    class Meta:
        model = PledgeEvent

    pledge = factory.SubFactory(PledgeFactory)
    from_status = PledgeStatus.DRAFT
    to_status = PledgeStatus.OPEN


@dataclass
class PledgeSetup:
    cluster: Cluster
    year: int
    members: list[Unit]  # in the order of cluster_member_units (Vietnamese alphabetical)
    leaders: dict[int, User]  # unit pk -> its leader
    officers: dict[int, User]  # unit pk -> an officer
    secretary: User  # an officer of the chair unit
    pledge: Pledge | None

    def leader_of(self, index: int) -> User:
        return self.leaders[self.members[index].pk]


def pledge_setup(
    *,
    units: int = 6,
    year: int = 2022,
    status: str | None = PledgeStatus.DRAFT,
    commitments: int = 3,
    signed: int = 0,
) -> PledgeSetup:
    """A cluster of ``units`` members, one leader and one officer per unit, and (unless
    ``status`` is None) a pledge in ``status`` with ``commitments`` commitments and the first
    ``signed`` members' paper signatures. The chair is the first member by rotation order."""
    cluster = cluster_with_members(units=units, first_year=year)
    members = cluster_member_units(cluster=cluster, year=year)
    leaders, officers = {}, {}
    for unit in members:
        leaders[unit.pk] = UserFactory(
            unit=unit, role=User.Role.LEADER, full_name=f"Lãnh đạo {unit.short_name}",
            job_title="Giám đốc Sở Nội vụ",
        )
        officers[unit.pk] = UserFactory(unit=unit, role=User.Role.OFFICER)
    chair = cluster.years.get(year=year).chair
    pledge = None
    if status is not None:
        pledge = PledgeFactory(cluster=cluster, year=year, status=status)
        for position in range(1, commitments + 1):
            CommitmentFactory(pledge=pledge, position=position)
        for unit in members[:signed]:
            SignatureFactory(pledge=pledge, unit=unit, signer_name=leaders[unit.pk].full_name)
    return PledgeSetup(
        cluster=cluster, year=year, members=members, leaders=leaders, officers=officers,
        secretary=officers[chair.pk], pledge=pledge,
    )
