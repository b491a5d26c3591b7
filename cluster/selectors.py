"""Reads of the cluster registry. Views and other apps read through these functions."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from cluster.models import Cluster, ClusterYear, Membership, SecretariatGrant, Unit, User
from cluster.text import vi_sorted


def membership_active_list(*, cluster: Cluster, year: int) -> list[Membership]:
    """The cluster's members in ``year``, in Vietnamese alphabetical order of the unit."""
    rows = (
        Membership.objects.active_in(year)
        .filter(cluster=cluster)
        .select_related("unit__province", "unit__successor")
    )
    return vi_sorted(rows, key=lambda m: m.unit.short_name)


def cluster_member_units(*, cluster: Cluster, year: int) -> list[Unit]:
    return [m.unit for m in membership_active_list(cluster=cluster, year=year)]


def cluster_member_get(*, cluster: Cluster, year: int, unit_id: int) -> Unit | None:
    """The unit if it is a member of the cluster in ``year``, else None; one query, for the
    pages of one unit (a large cluster's whole member list is not read and sorted for it)."""
    membership = (Membership.objects.active_in(year).filter(cluster=cluster, unit_id=unit_id)
                  .select_related("unit__province", "unit__successor").first())
    return membership.unit if membership else None


@dataclass
class DepartedMember:
    unit: Unit
    successor: Unit | None
    merged: bool  # True: merged into another member; False: renamed or left


def membership_departed_list(*, cluster: Cluster, year: int) -> list[DepartedMember]:
    """Units that were members in ``year - 1`` and no longer are in ``year``, with the unit that
    carries on their history (for "Quảng Bình merged into Quảng Trị")."""
    previous = list(
        Membership.objects.active_in(year - 1).filter(cluster=cluster).select_related(
            "unit__successor"
        )
    )
    previous_ids = {m.unit_id for m in previous}
    current_ids = set(
        Membership.objects.active_in(year).filter(cluster=cluster).values_list("unit_id", flat=True)
    )
    departed = []
    for membership in previous:
        if membership.unit_id in current_ids:
            continue
        successor = membership.unit.successor
        # Merged: its successor was already a member beside it; otherwise renamed or left.
        merged = successor is not None and successor.pk in previous_ids
        departed.append(DepartedMember(unit=membership.unit, successor=successor, merged=merged))
    return vi_sorted(departed, key=lambda d: d.unit.short_name)


def cluster_year_get(*, cluster: Cluster, year: int) -> ClusterYear | None:
    return (
        ClusterYear.objects.select_related("chair", "vice_chair", "confirmed_by")
        .filter(cluster=cluster, year=year)
        .first()
    )


def cluster_working_year(*, cluster: Cluster, today_year: int) -> int:
    """The year the cluster works in: the latest year whose chair is confirmed, not after the
    calendar year; the calendar year when none is."""
    cache = cluster.__dict__.setdefault("_working_year_cache", {})  # the page and its nav bar
    if today_year not in cache:
        latest = (
            ClusterYear.objects.filter(cluster=cluster, year__lte=today_year)
            .order_by("-year")
            .values_list("year", flat=True)
            .first()
        )
        cache[today_year] = latest or today_year
    return cache[today_year]


def cluster_year_span(*, cluster: Cluster) -> tuple[int, int] | None:
    """First and last year with any membership or role, for the year switcher."""
    years = list(cluster.memberships.values_list("from_year", "to_year"))
    role_years = list(cluster.years.values_list("year", flat=True))
    starts = [start for start, _end in years] + role_years
    if not starts:
        return None
    ends = [end for _start, end in years if end] + role_years + starts
    return min(starts), max(ends)


def unit_lineage(*, unit: Unit) -> tuple[list[Unit], list[Unit]]:
    """(predecessors, successors): every unit whose history flows into ``unit`` (transitively,
    e.g. the departments that merged into it), and the chain of units it flows into."""
    predecessors: list[Unit] = []
    frontier = [unit.pk]
    seen = {unit.pk}
    while frontier:
        level = [
            u for u in Unit.objects.filter(successor_id__in=frontier).select_related("province")
            if u.pk not in seen
        ]
        predecessors.extend(level)
        seen.update(u.pk for u in level)
        frontier = [u.pk for u in level]
    successors: list[Unit] = []
    current = unit
    while current.successor_id and current.successor_id not in seen:
        current = Unit.objects.select_related("province").get(pk=current.successor_id)
        successors.append(current)
        seen.add(current.pk)
    return vi_sorted(predecessors, key=lambda u: u.short_name), successors


@dataclass
class UnitHistory:
    unit: Unit
    predecessors: list[Unit]
    successors: list[Unit]
    memberships: list[Membership] = field(default_factory=list)
    roles: list[tuple[ClusterYear, str, Unit]] = field(default_factory=list)


def unit_history(*, unit: Unit, clusters: list[Cluster] | None = None) -> UnitHistory:
    """A unit's memberships and chair/vice-chair years, including those of the units that
    merged into it, so a successor shows its predecessors' history. ``clusters`` limits the
    rows to what the viewer may see."""
    predecessors, successors = unit_lineage(unit=unit)
    unit_ids = [unit.pk, *(u.pk for u in predecessors)]
    memberships = Membership.objects.filter(unit_id__in=unit_ids).select_related(
        "cluster", "unit"
    )
    role_rows = ClusterYear.objects.filter(
        Q(chair_id__in=unit_ids) | Q(vice_chair_id__in=unit_ids)
    ).select_related("cluster", "chair", "vice_chair")
    if clusters is not None:
        memberships = memberships.filter(cluster__in=clusters)
        role_rows = role_rows.filter(cluster__in=clusters)
    roles = []
    for cluster_year in role_rows.order_by("-year", "cluster__name"):
        if cluster_year.chair_id in unit_ids:
            roles.append((cluster_year, "Cụm trưởng", cluster_year.chair))
        if cluster_year.vice_chair_id in unit_ids:
            roles.append((cluster_year, "Cụm phó", cluster_year.vice_chair))
    return UnitHistory(
        unit=unit,
        predecessors=predecessors,
        successors=successors,
        memberships=list(memberships.order_by("-from_year", "cluster__name")),
        roles=roles,
    )


# --- Scope: which clusters a person may see, and where they act as secretariat ---------------


def user_cluster_ids(user: User) -> frozenset[int]:
    """Clusters the user may see: all for observers and superusers; otherwise the clusters
    their unit (or a unit that merged into it) has ever belonged to, plus explicit grants.
    Cached on the user object for the request."""
    cached = getattr(user, "_cluster_ids_cache", None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        ids: frozenset[int] = frozenset()
    elif user.is_superuser or user.role == User.Role.OBSERVER:
        ids = frozenset(Cluster.objects.values_list("pk", flat=True))
    else:
        q = Q(secretariat_grants__user=user)
        if user.unit_id:
            q |= Q(memberships__unit_id=user.unit_id) | Q(
                memberships__unit__successor_id=user.unit_id
            )
        ids = frozenset(Cluster.objects.filter(q).values_list("pk", flat=True).distinct())
    user._cluster_ids_cache = ids
    return ids


def user_cluster_list(*, user: User) -> list[Cluster]:
    """Sorted by name; cached on the user for the request (the page and its nav bar ask)."""
    cached = getattr(user, "_cluster_list_cache", None)
    if cached is None:
        cached = vi_sorted(Cluster.objects.filter(pk__in=user_cluster_ids(user)),
                           key=lambda c: c.name)
        user._cluster_list_cache = cached
    return list(cached)


def _acting_chair_id(chair_years: list[tuple[int, int]], year: int) -> int | None:
    """The chair unit that runs the cluster's work for ``year``: that year's chair, or, until
    that year's roles are confirmed, the chair of the latest earlier year (the outgoing chair
    prepares the next year's plan, criteria and roles). ``chair_years``: the cluster's
    (year, chair id) pairs, latest first."""
    return next((chair for y, chair in chair_years if y <= year), None)


def user_unit_is_member(*, user: User, cluster: Cluster, year: int) -> bool:
    """Whether the user's unit is a member of the cluster in ``year``: one query, cached on the
    user for the request (through ``request.user``'s lazy wrapper too)."""
    if not user.is_authenticated or not user.unit_id:
        return False
    cache = _membership_cache(user)
    key = (cluster.pk, year)
    if key not in cache:
        cache[key] = Membership.objects.active_in(year).filter(
            cluster=cluster, unit_id=user.unit_id).exists()
    return cache[key]


def remember_unit_membership(*, user: User, cluster: Cluster, year: int) -> None:
    """A view that has just read the user's own unit among the members tells the cache."""
    if user.is_authenticated:
        _membership_cache(user)[(cluster.pk, year)] = True


def _membership_cache(user: User) -> dict:
    cache = getattr(user, "_member_cache", None)
    if cache is None:
        cache = {}
        user._member_cache = cache
    return cache


def user_is_secretariat(*, user: User, cluster: Cluster, year: int) -> bool:
    """The secretariat of a cluster-year: the acting chair unit's staff (see
    ``_acting_chair_id``), plus explicit grants."""
    if not user.is_authenticated or not user.is_active:
        return False
    # On the user itself (through ``request.user``'s lazy wrapper too, as the membership
    # cache): the wrapper's own ``__dict__`` would miss the checks made with the real user.
    cache = getattr(user, "_secretariat_cache", None)
    if cache is None:
        cache = {}
        user._secretariat_cache = cache
    key = (cluster.pk, year)
    if key not in cache:
        # One read of the user's grants and one of the chairs per cluster, whatever the years
        # asked (a page asks this year's and, for "confirm next year's roles", the next).
        grants = cache.get((cluster.pk, "grants"))
        if grants is None:
            grants = set(SecretariatGrant.objects.filter(user=user, cluster=cluster)
                         .values_list("year", flat=True))
            cache[(cluster.pk, "grants")] = grants
        granted = None in grants or year in grants
        chairs = False
        if user.unit_id and user.role in (User.Role.OFFICER, User.Role.LEADER):
            chair_years = cache.get((cluster.pk, "chairs"))
            if chair_years is None:
                chair_years = list(ClusterYear.objects.filter(cluster=cluster)
                                   .order_by("-year").values_list("year", "chair_id"))
                cache[(cluster.pk, "chairs")] = chair_years
            chairs = _acting_chair_id(chair_years, year) == user.unit_id
        cache[key] = granted or chairs
    return cache[key]


def forget_roles(user: User | None) -> None:
    """Drop what ``user_is_secretariat`` remembered on ``user``: the chairs have just
    changed (``services.cluster_year_set_roles``)."""
    if user is not None and getattr(user, "_secretariat_cache", None) is not None:
        user._secretariat_cache = None


def unit_visible_to(*, user: User, unit: Unit) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.role == User.Role.OBSERVER or unit.pk == user.unit_id:
        return True
    lineage_ids = [unit.pk, *unit.predecessors.values_list("pk", flat=True)]
    return Membership.objects.filter(
        unit_id__in=lineage_ids, cluster_id__in=user_cluster_ids(user)
    ).exists()


def unit_staff_list(*, unit: Unit) -> list[User]:
    return vi_sorted(
        unit.staff.filter(is_active=True), key=lambda u: u.full_name or u.username
    )
