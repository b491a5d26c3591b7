"""Reads of the cluster registry. Views and other apps read through these functions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from cluster import request_cache
from cluster.models import (
    Cluster,
    ClusterYear,
    Membership,
    SecretariatGrant,
    SuperiorBody,
    Unit,
    User,
)
from cluster.text import vi_sort_key, vi_sorted

# --- The cluster's registry, read once per request (cluster/request_cache.py) ----------------


def _memberships_all(cluster: Cluster | None, cluster_id: int | None = None
                     ) -> list[Membership] | None:
    """Every membership of the cluster, all years, with their units: one query per request;
    None outside a request (the callers then ask the database what they need)."""
    if not request_cache.active():
        return None
    cluster_id = cluster.pk if cluster is not None else cluster_id
    return request_cache.memo(("memberships", cluster_id), lambda: list(
        Membership.objects.filter(cluster_id=cluster_id)
        .select_related("unit__province", "unit__successor")))


def _years_all(cluster: Cluster) -> list[ClusterYear] | None:
    """Every chair/vice-chair year of the cluster, latest first: one query per request."""
    if not request_cache.active():
        return None
    return request_cache.memo(("years", cluster.pk), lambda: list(
        ClusterYear.objects.filter(cluster_id=cluster.pk)
        .select_related("chair", "vice_chair", "confirmed_by").order_by("-year")))


def _active(membership: Membership, year: int) -> bool:
    """``Membership.objects.active_in(year)`` for a row already read."""
    return membership.from_year <= year and (membership.to_year is None
                                             or membership.to_year >= year)


def membership_active_list(*, cluster: Cluster, year: int) -> list[Membership]:
    """The cluster's members in ``year``, in Vietnamese alphabetical order of the unit."""
    every = _memberships_all(cluster)
    if every is not None:
        rows = [m for m in every if _active(m, year)]
    else:
        rows = (
            Membership.objects.active_in(year)
            .filter(cluster=cluster)
            .select_related("unit__province", "unit__successor")
        )
    return vi_sorted(rows, key=lambda m: m.unit.short_name)


def cluster_member_units(*, cluster: Cluster, year: int) -> list[Unit]:
    return [m.unit for m in membership_active_list(cluster=cluster, year=year)]


def cluster_member_unit_ids(*, cluster_id: int, year: int) -> set[int]:
    """The ids of the cluster's member units in ``year`` (the cluster need not be read)."""
    every = request_cache.peek(("memberships", cluster_id))
    if every is not None:
        return {m.unit_id for m in every if _active(m, year)}
    return request_cache.memo(("member_ids", cluster_id, year), lambda: set(
        Membership.objects.active_in(year).filter(cluster_id=cluster_id)
        .values_list("unit_id", flat=True)))


def cluster_member_get(*, cluster: Cluster, year: int, unit_id: int) -> Unit | None:
    """The unit if it is a member of the cluster in ``year``, else None; one query, for the
    pages of one unit (a large cluster's whole member list is not read for it, unless the
    request has read it already)."""
    every = request_cache.peek(("memberships", cluster.pk))
    if every is not None:
        return next((m.unit for m in every if m.unit_id == unit_id and _active(m, year)), None)

    def read() -> Unit | None:
        membership = (Membership.objects.active_in(year).filter(cluster=cluster, unit_id=unit_id)
                      .select_related("unit__province", "unit__successor").first())
        return membership.unit if membership else None

    return request_cache.memo(("member", cluster.pk, year, unit_id), read)


@dataclass
class DepartedMember:
    unit: Unit
    successor: Unit | None
    merged: bool  # True: merged into another member; False: renamed or left


def membership_departed_list(*, cluster: Cluster, year: int) -> list[DepartedMember]:
    """Units that were members in ``year - 1`` and no longer are in ``year``, with the unit that
    carries on their history (for "Quảng Bình merged into Quảng Trị")."""
    every = _memberships_all(cluster)
    if every is not None:
        previous = [m for m in every if _active(m, year - 1)]
        current_ids = {m.unit_id for m in every if _active(m, year)}
    else:
        previous = list(
            Membership.objects.active_in(year - 1).filter(cluster=cluster).select_related(
                "unit__successor"
            )
        )
        current_ids = set(
            Membership.objects.active_in(year).filter(cluster=cluster)
            .values_list("unit_id", flat=True)
        )
    previous_ids = {m.unit_id for m in previous}
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
    years = _years_all(cluster)
    if years is not None:
        return next((cy for cy in years if cy.year == year), None)
    return (
        ClusterYear.objects.select_related("chair", "vice_chair", "confirmed_by")
        .filter(cluster=cluster, year=year)
        .first()
    )


def cluster_working_year(*, cluster: Cluster, today_year: int) -> int:
    """The year the cluster works in: the latest year whose chair is confirmed, not after the
    calendar year; the calendar year when none is. Read with the cluster's years once per
    request (the page and its nav bar ask), never kept on the cluster instance."""
    years = _years_all(cluster)
    if years is not None:
        latest = next((cy.year for cy in years if cy.year <= today_year), None)
    else:
        latest = (
            ClusterYear.objects.filter(cluster=cluster, year__lte=today_year)
            .order_by("-year")
            .values_list("year", flat=True)
            .first()
        )
    return latest or today_year


def cluster_year_to_confirm(*, cluster: Cluster, year: int) -> int | None:
    """The year whose chair and vice-chair the page of ``year`` offers to confirm: the
    earliest year without them, from the year after the latest confirmed year before
    ``year`` (``year`` itself when none is) up to ``year + 1``; None when all are confirmed.
    A new cluster is offered its own year, not the next one, and 2027 is never offered while
    2026 waits (issue #13)."""
    years = _years_all(cluster)
    if years is not None:
        confirmed = {cy.year for cy in years if cy.year <= year + 1}
    else:
        confirmed = set(ClusterYear.objects.filter(cluster=cluster, year__lte=year + 1)
                        .values_list("year", flat=True))
    before = [y for y in confirmed if y < year]
    start = max(before) + 1 if before else year
    return next((y for y in range(start, year + 2) if y not in confirmed), None)


def cluster_year_span(*, cluster: Cluster) -> tuple[int, int] | None:
    """First and last year with any membership or role, for the year switcher."""
    every, cluster_years = _memberships_all(cluster), _years_all(cluster)
    if every is not None and cluster_years is not None:
        years = [(m.from_year, m.to_year) for m in every]
        role_years = [cy.year for cy in cluster_years]
    else:
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
            roles.append((cluster_year, _("Cụm trưởng"), cluster_year.chair))
        if cluster_year.vice_chair_id in unit_ids:
            roles.append((cluster_year, _("Cụm phó"), cluster_year.vice_chair))
    return UnitHistory(
        unit=unit,
        predecessors=predecessors,
        successors=successors,
        memberships=list(memberships.order_by("-from_year", "cluster__name")),
        roles=roles,
    )


# --- Scope: which clusters a person may see, and where they act as secretariat ---------------


def _user_cluster_q(user: User) -> Q | None:
    """Which clusters the user may see, as a filter; None for all of them."""
    if user.is_superuser or user.role == User.Role.OBSERVER:
        return None
    if user.role == User.Role.SUPERIOR:  # the clusters its body oversees, nothing else
        return Q(superior_bodies__pk=user.superior_body_id) if user.superior_body_id \
            else Q(pk__in=[])
    q = Q(secretariat_grants__user=user)
    if user.unit_id:
        q |= Q(memberships__unit_id=user.unit_id) | Q(
            memberships__unit__successor_id=user.unit_id
        )
    return q


def _user_clusters(user: User) -> list[Cluster]:
    """The clusters the user may see, sorted by name: one query per request."""
    def read() -> list[Cluster]:
        if not user.is_authenticated or not user.is_active:
            return []
        q = _user_cluster_q(user)
        rows = Cluster.objects.all() if q is None else Cluster.objects.filter(
            pk__in=Cluster.objects.filter(q).values("pk"))
        # Whether the user holds a secretariat grant there: most hold none, and then
        # ``user_is_secretariat`` need not read them.
        rows = rows.annotate(viewer_has_grant=Exists(SecretariatGrant.objects.filter(
            user_id=user.pk, cluster_id=OuterRef("pk"))))
        return vi_sorted(rows, key=lambda c: c.name)

    return request_cache.memo(("user_clusters", user.pk), read)


def user_cluster_ids(user: User) -> frozenset[int]:
    """Clusters the user may see: all for observers and superusers; otherwise the clusters
    their unit (or a unit that merged into it) has ever belonged to, plus explicit grants.
    Read with the cluster list once per request (cluster/request_cache.py)."""
    if not request_cache.active():
        if not user.is_authenticated or not user.is_active:
            return frozenset()
        q = _user_cluster_q(user)
        rows = Cluster.objects.all() if q is None else Cluster.objects.filter(q).distinct()
        return frozenset(rows.values_list("pk", flat=True))
    return request_cache.memo(("user_cluster_ids", user.pk),
                              lambda: frozenset(c.pk for c in _user_clusters(user)))


def user_cluster_list(*, user: User) -> list[Cluster]:
    """Sorted by name; read once per request (the page and its nav bar ask)."""
    return list(_user_clusters(user))


def _acting_chair_id(chair_years: list[tuple[int, int]], year: int) -> int | None:
    """The chair unit that runs the cluster's work for ``year``: that year's chair, or, until
    that year's roles are confirmed, the chair of the latest earlier year (the outgoing chair
    prepares the next year's plan, criteria and roles). ``chair_years``: the cluster's
    (year, chair id) pairs, latest first."""
    return next((chair for y, chair in chair_years if y <= year), None)


def user_unit_is_member(*, user: User, cluster: Cluster, year: int) -> bool:
    """Whether the user's unit is a member of the cluster in ``year``: one query (none when
    the request has read the cluster's memberships already)."""
    if not user.is_authenticated or not user.unit_id:
        return False
    if request_cache.active():
        return cluster_member_get(cluster=cluster, year=year, unit_id=user.unit_id) is not None
    return Membership.objects.active_in(year).filter(
        cluster=cluster, unit_id=user.unit_id).exists()


def remember_unit_membership(*, user: User, cluster: Cluster, year: int) -> None:
    """Kept for the views that call it: within a request the membership is already known from
    the cluster's memberships read once (``user_unit_is_member``)."""


def user_is_secretariat(*, user: User, cluster: Cluster, year: int) -> bool:
    """The secretariat of a cluster-year: the acting chair unit's staff (see
    ``_acting_chair_id``), plus explicit grants. Within a request the user's grants in the
    cluster are read once and the chairs come with the cluster's years."""
    if not user.is_authenticated or not user.is_active:
        return False
    # One read of the user's grants per cluster, whatever the years asked (a page asks this
    # year's and, for "confirm next year's roles", the next).
    def read_grants() -> set:
        if request_cache.active():
            listed = next((c for c in _user_clusters(user) if c.pk == cluster.pk), None)
            if listed is not None and not listed.viewer_has_grant:
                return set()
        return set(SecretariatGrant.objects.filter(user=user, cluster=cluster)
                   .values_list("year", flat=True))

    grants = request_cache.memo(("grants", user.pk, cluster.pk), read_grants)
    if None in grants or year in grants:
        return True
    if not (user.unit_id and user.role in (User.Role.OFFICER, User.Role.LEADER)):
        return False
    years = _years_all(cluster)
    if years is not None:
        chair_years = [(cy.year, cy.chair_id) for cy in years]
    else:
        chair_years = list(ClusterYear.objects.filter(cluster=cluster)
                           .order_by("-year").values_list("year", "chair_id"))
    return _acting_chair_id(chair_years, year) == user.unit_id


def forget_roles(user: User | None) -> None:
    """Drop what ``user_is_secretariat`` remembered on ``user``: the chairs have just
    changed (``services.cluster_year_set_roles``)."""
    if user is not None and getattr(user, "_secretariat_cache", None) is not None:
        user._secretariat_cache = None


def secretariat_accounts(*, cluster: Cluster, year: int) -> list[User]:
    """The active people who act as the cluster-year's secretariat (``user_is_secretariat``):
    the acting chair unit's officers and leaders, and the grants. Two queries."""
    chair_years = list(ClusterYear.objects.filter(cluster=cluster).order_by("-year")
                       .values_list("year", "chair_id"))
    chair_id = _acting_chair_id(chair_years, year)
    q = Q(secretariat_grants__cluster=cluster) & (
        Q(secretariat_grants__year__isnull=True) | Q(secretariat_grants__year=year))
    if chair_id is not None:
        q |= Q(unit_id=chair_id, role__in=[User.Role.OFFICER, User.Role.LEADER])
    return list(User.objects.filter(q, is_active=True).distinct().order_by("username"))


def superior_accounts(*, cluster: Cluster) -> list[User]:
    """The active accounts of the superior bodies that oversee ``cluster`` and act in the app
    (not ``records_on_paper``): who receives its dossiers. One query."""
    return list(User.objects.filter(
        is_active=True, role=User.Role.SUPERIOR, superior_body__records_on_paper=False,
        superior_body__clusters=cluster).distinct().order_by("username"))


def cluster_records_on_paper(*, cluster: Cluster) -> bool:
    """Whether the cluster's superior answers on paper: no body that oversees it acts in the
    app with an active account. The secretariat then records returns and decisions."""
    return request_cache.memo(("records_on_paper", cluster.pk), lambda: not User.objects.filter(
        is_active=True, role=User.Role.SUPERIOR, superior_body__records_on_paper=False,
        superior_body__clusters=cluster).exists())


def user_oversees(*, user: User, cluster: Cluster) -> bool:
    """Whether ``user`` is an active account of a superior body that oversees ``cluster``
    and acts in the app (its body does not record on paper)."""
    if not (user.is_authenticated and user.is_active and user.role == User.Role.SUPERIOR
            and user.superior_body_id):
        return False
    return cluster.pk in user_cluster_ids(user) and not request_cache.memo(
        ("superior_on_paper", user.superior_body_id),
        lambda: SuperiorBody.objects.filter(pk=user.superior_body_id,
                                            records_on_paper=True).exists())


def unit_visible_to(*, user: User, unit: Unit) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.role == User.Role.OBSERVER or unit.pk == user.unit_id:
        return True
    lineage_ids = [unit.pk, *unit.predecessors.values_list("pk", flat=True)]
    return Membership.objects.filter(
        unit_id__in=lineage_ids, cluster_id__in=user_cluster_ids(user)
    ).exists()


def units_visible_to(*, user: User, units) -> set[int]:
    """Which of ``units`` the user may open (``unit_visible_to`` for many, in one query): a
    unit page links only to these, never to a 404."""
    ids = {u.pk for u in units}
    if not ids or not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser or user.role == User.Role.OBSERVER:
        return ids
    seen = {user.unit_id} & ids
    rows = Membership.objects.filter(cluster_id__in=user_cluster_ids(user)).filter(
        Q(unit_id__in=ids) | Q(unit__successor_id__in=ids)
    ).values_list("unit_id", "unit__successor_id")
    for unit_id, successor_id in rows:
        seen.update({unit_id, successor_id} & ids)
    return seen


def unit_staff_list(*, unit: Unit) -> list[User]:
    return vi_sorted(
        unit.staff.filter(is_active=True), key=lambda u: u.full_name or u.username
    )


def people_list(*, unit_ids) -> list[User]:
    """The officers and leaders of ``unit_ids``, active or not, with their unit, by unit and
    name (Vietnamese order): one query."""
    people = (User.objects.filter(unit_id__in=list(unit_ids),
                                  role__in=[User.Role.OFFICER, User.Role.LEADER],
                                  is_superuser=False, is_staff=False)
              .select_related("unit"))
    return sorted(people, key=lambda u: (vi_sort_key(u.unit.short_name),
                                         vi_sort_key(u.full_name or u.username)))


def units_in_force(*, year: int):
    """The registry's units in force on at least one day of ``year`` (what the set-up of a new
    cluster offers as members), with their provinces; a queryset."""
    return (Unit.objects.valid_between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
            .select_related("province"))


def checklist_conditions_hold(*, cluster: Cluster, conditions: dict) -> dict[str, bool]:
    """Whether each condition holds, in one query: ``conditions`` maps a name to a boolean
    expression on the cluster's row (the apps' ``Exists(...)`` of the year's checklist,
    ``cluster.dashboard.checklist_for``)."""
    if not conditions:
        return {}
    row = Cluster.objects.filter(pk=cluster.pk).annotate(**conditions).values(*conditions).first()
    return {name: bool(row and row[name]) for name in conditions}


def staff_by_unit(*, unit_ids: list[int]) -> dict[int, list[User]]:
    """The active people of each unit, by unit id, in one query (the set-up's accounts step)."""
    result: dict[int, list[User]] = {pk: [] for pk in unit_ids}
    for user in User.objects.filter(unit_id__in=unit_ids, is_active=True).order_by("username"):
        result[user.unit_id].append(user)
    return result


__all__ = [
    "DepartedMember", "UnitHistory", "checklist_conditions_hold", "cluster_member_get",
    "cluster_member_unit_ids", "cluster_member_units", "cluster_working_year", "cluster_year_get",
    "cluster_records_on_paper", "cluster_year_span", "cluster_year_to_confirm", "forget_roles",
    "membership_active_list",
    "membership_departed_list", "people_list", "remember_unit_membership", "staff_by_unit",
    "secretariat_accounts", "superior_accounts", "user_oversees",
    "unit_history", "unit_lineage", "unit_staff_list", "unit_visible_to", "units_in_force",
    "units_visible_to", "user_cluster_ids", "user_cluster_list", "user_is_secretariat",
    "user_unit_is_member",
]
