import pytest

from cluster import services
from cluster.models import Cluster, Province, Unit


@pytest.fixture
def cluster_of_two(db):
    """A cluster of its own with two member units from 2024 (no demo data)."""
    province = Province.objects.get_or_create(name="Nghệ An")[0]  # shipped by the registry
    cluster = Cluster.objects.create(name="Cụm thử", slug="cum-thu")
    units = [Unit.objects.create(name=f"Sở Nội vụ {n}", short_name=n, province=province)
             for n in ("A", "B")]
    for unit in units:
        services.membership_create(cluster=cluster, unit=unit, from_year=2024)
    return cluster, units
