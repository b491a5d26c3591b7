import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cluster import selectors, services
from cluster.models import ClusterYear, Membership, Unit
from tests.factories import (
    ClusterFactory,
    ClusterYearFactory,
    MembershipFactory,
    UnitFactory,
    cluster_with_members,
)

pytestmark = pytest.mark.django_db


# --- membership by year ------------------------------------------------------------------------

def test_members_by_year_follow_the_2025_merger(north_central, units):
    names_2022 = [u.short_name for u in selectors.cluster_member_units(cluster=north_central,
                                                                        year=2022)]
    # Vietnamese alphabetical order: Hà Tĩnh, Nghệ An, Quảng Bình, Quảng Trị, Thanh Hóa, Thừa ...
    assert names_2022 == ["Hà Tĩnh", "Nghệ An", "Quảng Bình", "Quảng Trị", "Thanh Hóa",
                          "Thừa Thiên Huế"]
    members_2025 = selectors.cluster_member_units(cluster=north_central, year=2025)
    assert len(members_2025) == 5
    assert units["quangbinh"] not in members_2025
    assert units["huecity"] in members_2025


def test_departed_members_show_merger_and_rename(north_central, units):
    departed = {d.unit: d for d in selectors.membership_departed_list(cluster=north_central,
                                                                     year=2025)}
    assert departed[units["quangbinh"]].merged is True
    assert departed[units["quangbinh"]].successor == units["quangtri"]
    assert departed[units["hue"]].merged is False  # renamed: Thừa Thiên Huế -> thành phố Huế
    assert departed[units["hue"]].successor == units["huecity"]
    assert selectors.membership_departed_list(cluster=north_central, year=2023) == []


def test_membership_is_computed_not_copied(north_central):
    before = Membership.objects.count()
    for year in range(2022, 2031):
        selectors.cluster_member_units(cluster=north_central, year=year)
    assert Membership.objects.count() == before


def test_overlapping_membership_is_refused_and_nothing_saved():
    membership = MembershipFactory(from_year=2022, to_year=2024)
    with pytest.raises(ValidationError, match="đã là thành viên"):
        services.membership_create(
            cluster=membership.cluster, unit=membership.unit, from_year=2024, to_year=2026
        )
    assert Membership.objects.count() == 1
    # Adjacent periods are fine.
    services.membership_create(cluster=membership.cluster, unit=membership.unit, from_year=2025)
    assert Membership.objects.count() == 2


def test_open_ended_membership_overlaps_any_later_period():
    membership = MembershipFactory(from_year=2022, to_year=None)
    with pytest.raises(ValidationError):
        services.membership_create(
            cluster=membership.cluster, unit=membership.unit, from_year=2030, to_year=2031
        )


def test_membership_end_before_start_is_refused():
    cluster, unit = ClusterFactory(), UnitFactory()
    with pytest.raises(ValidationError, match="Năm kết thúc"):
        services.membership_create(cluster=cluster, unit=unit, from_year=2025, to_year=2023)
    assert not Membership.objects.exists()


# --- roles ----------------------------------------------------------------------------------------

def test_demo_2022_roles_match_the_seed(north_central, units):
    cluster_year = selectors.cluster_year_get(cluster=north_central, year=2022)
    assert cluster_year.chair == units["quangtri"]
    assert cluster_year.vice_chair == units["hue"]
    assert cluster_year.is_illustrative is False


def test_chair_must_be_member_that_year(north_central, units):
    with pytest.raises(ValidationError) as error:
        services.cluster_year_set_roles(
            cluster=north_central, year=2025, chair=units["quangbinh"],
            vice_chair=units["nghean"], acting_user=None,
        )
    assert "không phải là thành viên" in str(error.value)
    assert not ClusterYear.objects.filter(cluster=north_central, year=2025).exists()


def test_non_member_of_other_cluster_cannot_be_vice_chair(north_central, units):
    with pytest.raises(ValidationError, match="không phải là thành viên"):
        services.cluster_year_set_roles(
            cluster=north_central, year=2023, chair=units["nghean"],
            vice_chair=units["gialai"], acting_user=None,
        )


def test_chair_equal_to_vice_chair_is_refused(north_central, units):
    with pytest.raises(ValidationError, match="hai đơn vị khác nhau"):
        services.cluster_year_set_roles(
            cluster=north_central, year=2023, chair=units["nghean"], vice_chair=units["nghean"],
            acting_user=None,
        )
    assert not ClusterYear.objects.filter(cluster=north_central, year=2023).exists()


def test_database_refuses_chair_equal_to_vice_chair():
    unit = UnitFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClusterYear.objects.create(cluster=ClusterFactory(), year=2022, chair=unit,
                                   vice_chair=unit)


def test_database_refuses_two_role_rows_for_one_year():
    cluster_year = ClusterYearFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClusterYear.objects.create(
            cluster=cluster_year.cluster, year=cluster_year.year, chair=UnitFactory(),
            vice_chair=UnitFactory(),
        )


def test_setting_roles_again_replaces_them_and_records_history(north_central, units, users):
    secretary = users["canbo.quangtri"]
    services.cluster_year_set_roles(
        cluster=north_central, year=2023, chair=units["hue"], vice_chair=units["thanhhoa"],
        acting_user=secretary,
    )
    cluster_year = services.cluster_year_set_roles(
        cluster=north_central, year=2023, chair=units["hue"], vice_chair=units["nghean"],
        acting_user=secretary, note="Điều chỉnh theo biên bản",
    )
    assert ClusterYear.objects.filter(cluster=north_central, year=2023).count() == 1
    assert cluster_year.vice_chair == units["nghean"]
    assert cluster_year.confirmed_by == secretary
    history = list(cluster_year.history.order_by("history_date"))
    assert [h.vice_chair_id for h in history] == [units["thanhhoa"].pk, units["nghean"].pk]
    assert all(h.history_user == secretary for h in history)


# --- rotation -----------------------------------------------------------------------------------

def test_rotation_vice_chair_becomes_chair(north_central, units):
    proposal = services.rotation_propose(cluster=north_central, year=2023)
    assert proposal.chair == units["hue"]
    # Rotation order: Quảng Trị, Thừa Thiên Huế, Thanh Hóa, ...: the next after the new chair.
    assert proposal.vice_chair == units["thanhhoa"]
    assert "Cụm phó năm 2022" in proposal.reason


def test_rotation_follows_the_successor_of_a_renamed_vice_chair(north_central, units):
    services.cluster_year_set_roles(
        cluster=north_central, year=2024, chair=units["quangtri"], vice_chair=units["hue"],
        acting_user=None,
    )
    proposal = services.rotation_propose(cluster=north_central, year=2025)
    assert proposal.chair == units["huecity"]
    assert "nay là Huế" in proposal.reason
    assert proposal.vice_chair not in (units["quangtri"], units["huecity"])


def test_rotation_without_previous_year_takes_first_two_in_order():
    cluster = cluster_with_members(units=4, years=0)
    first, second = [m.unit for m in cluster.memberships.order_by("rotation_order")[:2]]
    proposal = services.rotation_propose(cluster=cluster, year=2022)
    assert (proposal.chair, proposal.vice_chair) == (first, second)


def test_rotation_wraps_around_and_skips_last_chair():
    cluster = cluster_with_members(units=3, years=0)
    a, b, c = [m.unit for m in cluster.memberships.order_by("rotation_order")]
    ClusterYearFactory(cluster=cluster, year=2022, chair=b, vice_chair=c)
    proposal = services.rotation_propose(cluster=cluster, year=2023)
    assert proposal.chair == c
    assert proposal.vice_chair == a  # wraps around; b (last chair) is skipped anyway


def test_rotation_when_vice_chair_left_takes_the_next_member():
    cluster = cluster_with_members(units=4, years=0)
    a, b, c, d = [m.unit for m in cluster.memberships.order_by("rotation_order")]
    Membership.objects.filter(cluster=cluster, unit=b).update(to_year=2022)
    ClusterYearFactory(cluster=cluster, year=2022, chair=a, vice_chair=b)
    proposal = services.rotation_propose(cluster=cluster, year=2023)
    assert proposal.chair == c
    assert proposal.vice_chair == d


def test_rotation_needs_two_members():
    cluster = cluster_with_members(units=1, years=0)
    proposal = services.rotation_propose(cluster=cluster, year=2022)
    assert proposal.chair is None and "ít nhất hai" in proposal.reason


# --- successor chains -----------------------------------------------------------------------------

def test_merger_successor_chain_and_lineage(units):
    predecessors, successors = selectors.unit_lineage(unit=units["quangtri"])
    assert predecessors == [units["quangbinh"]]
    assert successors == []
    _, chain = selectors.unit_lineage(unit=units["hue"])
    assert chain == [units["huecity"]]


def test_successor_history_includes_merged_units(north_central, units):
    history = selectors.unit_history(unit=units["quangtri"])
    assert {m.unit for m in history.memberships} == {units["quangtri"], units["quangbinh"]}
    history = selectors.unit_history(unit=units["huecity"])
    assert [(cy.year, role, u) for cy, role, u in history.roles] == [
        (2022, "Cụm phó", units["hue"])
    ]


def test_successor_loop_is_refused_and_nothing_saved():
    a, b, c = UnitFactory(), UnitFactory(), UnitFactory()
    services.unit_set_successor(unit=a, successor=b, acting_user=None)
    services.unit_set_successor(unit=b, successor=c, acting_user=None)
    with pytest.raises(ValidationError, match="vòng lặp"):
        services.unit_set_successor(unit=c, successor=a, acting_user=None)
    c.refresh_from_db()
    assert c.successor is None


def test_unit_cannot_succeed_itself():
    a = UnitFactory()
    with pytest.raises(ValidationError):
        services.unit_set_successor(unit=a, successor=a, acting_user=None)
    assert Unit.objects.get(pk=a.pk).successor is None


def test_province_successor_loop_is_refused(units):
    quang_tri = units["quangtri"].province
    quang_binh = units["quangbinh"].province
    with pytest.raises(ValidationError, match="vòng lặp"):
        services.province_set_successor(province=quang_tri, successor=quang_binh,
                                        acting_user=None)
