"""The request's cache of the cluster registry (cluster/request_cache.py): read once within a
request, never kept beyond it, emptied by a write made during the request."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from cluster import selectors
from cluster.models import ClusterYear
from cluster.request_cache import RequestCacheMiddleware
from tests.factories import (
    MembershipFactory,
    SecretariatGrantFactory,
    UserFactory,
    cluster_with_members,
)


def _in_request(view):
    """Run ``view()`` as a request through the middleware and return what it returned."""
    out = {}

    def get_response(request):
        out["value"] = view()
        return None

    RequestCacheMiddleware(get_response)(RequestFactory().get("/"))
    return out["value"]


@pytest.mark.django_db
def test_within_a_request_the_members_and_years_are_read_once():
    cluster = cluster_with_members(units=4, years=2)

    def view():
        with CaptureQueriesContext(connection) as queries:
            members = selectors.cluster_member_units(cluster=cluster, year=2022)
            again = selectors.membership_active_list(cluster=cluster, year=2023)
            chair = selectors.cluster_year_get(cluster=cluster, year=2023).chair
            working = selectors.cluster_working_year(cluster=cluster, today_year=2030)
            span = selectors.cluster_year_span(cluster=cluster)
        return len(queries), members, again, chair, working, span

    count, members, again, chair, working, span = _in_request(view)
    assert count == 2  # the memberships, the years
    assert len(members) == 4 and len(again) == 4
    assert chair == ClusterYear.objects.get(cluster=cluster, year=2023).chair
    assert working == 2023
    assert span == (2022, 2023)


@pytest.mark.django_db
def test_a_write_during_the_request_is_seen_by_the_next_read():
    cluster = cluster_with_members(units=2)

    def view():
        before = len(selectors.cluster_member_units(cluster=cluster, year=2022))
        MembershipFactory(cluster=cluster, from_year=2022)
        return before, len(selectors.cluster_member_units(cluster=cluster, year=2022))

    assert _in_request(view) == (2, 3)


@pytest.mark.django_db
def test_nothing_is_kept_between_requests_or_on_the_objects():
    cluster = cluster_with_members(units=2)
    user = UserFactory()
    assert _in_request(lambda: selectors.user_cluster_ids(user)) == frozenset()
    assert not _in_request(lambda: selectors.user_is_secretariat(user=user, cluster=cluster,
                                                                 year=2022))
    SecretariatGrantFactory(user=user, cluster=cluster)
    # The same User and Cluster instances, in a later request: the grant is seen.
    assert _in_request(lambda: selectors.user_cluster_ids(user)) == frozenset({cluster.pk})
    assert _in_request(lambda: selectors.user_is_secretariat(user=user, cluster=cluster,
                                                             year=2022))
    # Outside a request, every call reads the database.
    MembershipFactory(cluster=cluster, unit=user.unit, from_year=2022)
    assert selectors.user_unit_is_member(user=user, cluster=cluster, year=2022)
