"""factory_boy factories for the commendations models, and ready-made cluster-years to vote in.

Factories write rows directly (to set up a state); tests of behaviour go through
``commendations.services``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from campaigns.models import Conference
from cluster.models import Cluster, Unit, User
from cluster.selectors import cluster_member_units
from commendations import services
from commendations.models import AwardForm, Nomination, SessionStatus, VotingSession
from results.models import CriterionScore, ReportingPeriod, UnitReport
from tests.campaigns.factories import ConferenceFactory, CriterionFactory
from tests.factories import UserFactory, cluster_with_members


class AwardFormFactory(DjangoModelFactory):
    class Meta:
        model = AwardForm
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"danh_hieu_{n}")
    name = factory.Sequence(lambda n: f"Danh hiệu số {n}")
    category = AwardForm.Category.TITLE
    level = AwardForm.Level.MINISTRY
    recipient = AwardForm.Recipient.COLLECTIVE
    conferred_by = "Bộ trưởng Bộ Nội vụ"
    default_rule = "co_bo_nganh_tinh"


def catalogue() -> dict[str, AwardForm]:
    """Three awards with the software's default rules: the Government flag (80%, quota 20% of
    the leaders, women first), the ministry flag (80%) and Chiến sĩ thi đua (90%, individual)."""
    return {
        "co_cp": AwardFormFactory(code="t_co_cp", name="Cờ thi đua của Chính phủ (thử)",
                                  level=AwardForm.Level.GOVERNMENT, default_rule="co_chinh_phu",
                                  conferred_by="Thủ tướng Chính phủ", order=1),
        "co_bo": AwardFormFactory(code="t_co_bo", name="Cờ thi đua của Bộ Nội vụ (thử)",
                                  default_rule="co_bo_nganh_tinh", order=2),
        "cstd": AwardFormFactory(code="t_cstd", name="Chiến sĩ thi đua (thử)",
                                 recipient=AwardForm.Recipient.INDIVIDUAL,
                                 default_rule="chien_si_thi_dua", order=3),
    }


@dataclass
class VoteSetup:
    cluster: Cluster
    year: int
    members: list[Unit]  # Vietnamese alphabetical order (cluster_member_units)
    leaders: dict[int, User]
    officers: dict[int, User]
    secretary: User
    awards: dict[str, AwardForm]
    conference: Conference
    session: VotingSession
    nominations: list[Nomination] = field(default_factory=list)

    def leader_of(self, index: int) -> User:
        return self.leaders[self.members[index].pk]

    def reload(self) -> VotingSession:
        self.session.refresh_from_db()
        return self.session


def vote_setup(*, units: int = 6, year: int = 2022, nominate: list[tuple] | None = None,
               open_with_present: int | None = None) -> VoteSetup:
    """A cluster of ``units`` members with a leader and an officer each, the catalogue, the
    year's default rules, a year-end conference and a session in preparation. ``nominate`` is
    a list of ``(award key, member index, extra fields)``; by default every member is nominated
    for the ministry flag. With ``open_with_present`` the session is opened."""
    cluster = cluster_with_members(units=units, first_year=year)
    members = cluster_member_units(cluster=cluster, year=year)
    leaders, officers = {}, {}
    for unit in members:
        leaders[unit.pk] = UserFactory(unit=unit, role=User.Role.LEADER,
                                       full_name=f"Lãnh đạo {unit.short_name}")
        officers[unit.pk] = UserFactory(unit=unit, role=User.Role.OFFICER)
    secretary = officers[cluster.years.get(year=year).chair_id]
    awards = catalogue()
    services.award_rules_create_for_year(cluster=cluster, year=year, acting_user=secretary)
    conference = ConferenceFactory(
        cluster=cluster, year=year, kind=Conference.Kind.YEAREND,
        title=f"Hội nghị tổng kết năm {year}",
        starts_at=timezone.make_aware(datetime.datetime(year, 12, 20, 8, 0)))
    session = services.session_create(cluster=cluster, year=year, conference=conference,
                                      title=f"Bình xét năm {year}", acting_user=secretary)
    setup = VoteSetup(cluster, year, members, leaders, officers, secretary, awards, conference,
                      session)
    if nominate is None:
        nominate = [("co_bo", i, {}) for i in range(units)]
    for key, index, extra in nominate:
        setup.nominations.append(nominate_one(setup, key, index, **extra))
    if open_with_present is not None:
        services.session_transition(session=session, to_status=SessionStatus.OPEN,
                                    present_count=open_with_present, acting_user=secretary)
        setup.reload()
    return setup


def nominate_one(setup: VoteSetup, key: str, index: int, **extra) -> Nomination:
    award = setup.awards[key]
    if not award.is_collective:
        extra = {"person_name": f"Cá nhân {index}", "person_gender": "nam", **extra}
    return services.nomination_add(session=setup.session, award=award,
                                   unit=setup.members[index],
                                   summary=f"Thành tích của đơn vị {index}.",
                                   acting_user=setup.secretary, **extra)


def cast(setup: VoteSetup, index: int, agree: bool | list[bool] = True, *, kind: str = "online"):
    """The member ``index`` votes: the same answer on every nomination, or one per nomination
    (in the order of ``setup.nominations``). ``kind`` online (its leader), ``ban_giay`` or
    ``van_ban`` (recorded by the secretariat)."""
    answers = agree if isinstance(agree, list) else [agree] * len(setup.nominations)
    choices = {n.pk: a for n, a in zip(setup.nominations, answers, strict=True)}
    unit = setup.members[index]
    if kind == "online":
        return services.ballot_cast(session=setup.session, unit=unit, choices=choices,
                                    acting_user=setup.leaders[unit.pk])
    return services.ballot_record(session=setup.session, unit=unit, kind=kind, choices=choices,
                                  acting_user=setup.secretary)


def close(setup: VoteSetup, *, present: int | None = None, leaders: int | None = None):
    members = len(setup.members)
    services.session_transition(session=setup.session, to_status=SessionStatus.CLOSED,
                                present_count=members if present is None else present,
                                leaders_count=leaders, acting_user=setup.secretary)
    return setup.reload()


def year_end_ranking(setup: VoteSetup, achieved: dict[int, bool],
                     kind: str = ReportingPeriod.Kind.YEAR_END,
                     phase: str = ReportingPeriod.Phase.FINAL) -> ReportingPeriod:
    """A reporting period whose ranking gives 5 points to the members ``achieved`` maps to
    True and 0 to the others (only the members it names report), final by default (only a
    final period's ranking counts in a bình xét), its points stored as finalising stores
    them."""
    period = ReportingPeriod.objects.create(
        cluster=setup.cluster, year=setup.year, kind=kind, phase=phase,
        deadline=timezone.make_aware(datetime.datetime(setup.year, 11, 30)))
    criterion = CriterionFactory(cluster=setup.cluster, year=setup.year,
                                 code=f"{1 + ReportingPeriod.objects.count()}",
                                 max_points=Decimal(5))
    for index, value in achieved.items():
        report = UnitReport.objects.create(period=period, unit=setup.members[index],
                                           state=UnitReport.State.SUBMITTED,
                                           submitted_at=timezone.now())
        CriterionScore.objects.create(report=report, criterion=criterion, achieved=value,
                                      self_points=Decimal(5 if value else 0))
    return period


def sealed_ballots(session: VotingSession) -> list[dict[int, bool]]:
    """The sealed ballots of a session not yet closed, opened as closing opens them (a test's
    eye; nothing in the app reads a single ballot)."""
    from commendations import sealing
    from commendations.models import SealedBallot, SessionSeal

    salt = bytes(SessionSeal.objects.get(session=session).salt)
    return [sealing.unseal(blob, salt=salt, session_id=session.pk) for blob in
            SealedBallot.objects.filter(session=session).values_list("blob", flat=True)]
