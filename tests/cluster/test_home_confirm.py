"""The home page offers to confirm the chair and vice-chair of the earliest year that waits for
them, never a later one (issue #13: a new cluster's home offered 2027 while 2026 had none)."""

import pytest

from cluster import selectors
from cluster.models import ClusterYear
from tests.factories import ClusterFactory, MembershipFactory, UserFactory, cluster_with_members

pytestmark = pytest.mark.django_db


def _offer(client, cluster, year):
    html = client.get(f"/cum/{cluster.slug}/{year}/").content.decode()
    offers = [y for y in range(year - 3, year + 3)
              if f"Xác nhận Cụm trưởng, Cụm phó năm {y}" in html]
    return offers


def test_a_new_cluster_is_offered_its_own_year_not_the_next(admin_client):
    cluster = ClusterFactory()
    MembershipFactory(cluster=cluster, from_year=2026)
    MembershipFactory(cluster=cluster, from_year=2026)
    assert _offer(admin_client, cluster, 2026) == [2026]
    html = admin_client.get(f"/cum/{cluster.slug}/2026/").content.decode()
    assert f'href="/cum/{cluster.slug}/2026/cum-truong/"' in html


def test_the_outgoing_chair_is_offered_the_year_after_the_last_confirmed(client):
    cluster = cluster_with_members(units=3, years=1, first_year=2025)
    chair = ClusterYear.objects.get(cluster=cluster, year=2025).chair
    client.force_login(UserFactory(unit=chair))
    assert _offer(client, cluster, 2025) == [2026]
    assert _offer(client, cluster, 2026) == [2026]  # was 2027
    assert _offer(client, cluster, 2027) == [2026]  # 2026 still waits


def test_a_confirmed_later_year_does_not_hide_an_unconfirmed_earlier_one(admin_client):
    cluster = cluster_with_members(units=3, years=1, first_year=2025)
    units = [m.unit for m in cluster.memberships.all()]
    ClusterYear.objects.create(cluster=cluster, year=2027, chair=units[2], vice_chair=units[0])
    assert _offer(admin_client, cluster, 2026) == [2026]
    assert selectors.cluster_year_to_confirm(cluster=cluster, year=2026) == 2026


def test_nothing_is_offered_when_the_year_and_the_next_are_confirmed(admin_client):
    cluster = cluster_with_members(units=3, years=2, first_year=2025)
    assert _offer(admin_client, cluster, 2025) == []
    assert _offer(admin_client, cluster, 2026) == [2027]


def test_a_member_who_may_not_confirm_is_offered_nothing(client):
    cluster = cluster_with_members(units=3, years=1, first_year=2025)
    year = ClusterYear.objects.get(cluster=cluster, year=2025)
    other = next(m.unit for m in cluster.memberships.all()
                 if m.unit_id not in (year.chair_id,))
    client.force_login(UserFactory(unit=other))
    assert _offer(client, cluster, 2026) == []
