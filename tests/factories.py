"""factory_boy factories for every model."""

import factory
from factory.django import DjangoModelFactory

from cluster.models import Cluster, ClusterYear, Membership, Province, SecretariatGrant, Unit, User


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("name", "kind")  # the registry ships the real provinces

    name = factory.Sequence(lambda n: f"Tỉnh số {n}")
    kind = Province.Kind.PROVINCE


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("name",)  # and their Sở Nội vụ

    province = factory.SubFactory(ProvinceFactory)
    name = factory.LazyAttribute(lambda o: f"Sở Nội vụ {o.province.official_name}")
    short_name = factory.LazyAttribute(lambda o: o.province.name)


class ClusterFactory(DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Cụm thi đua số {n}")
    slug = factory.Sequence(lambda n: f"cum-{n}")
    series_code = "CTĐ"


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    cluster = factory.SubFactory(ClusterFactory)
    unit = factory.SubFactory(UnitFactory)
    from_year = 2022
    to_year = None
    rotation_order = factory.Sequence(lambda n: n)


class ClusterYearFactory(DjangoModelFactory):
    class Meta:
        model = ClusterYear

    cluster = factory.SubFactory(ClusterFactory)
    year = 2022
    chair = factory.SubFactory(UnitFactory)
    vice_chair = factory.SubFactory(UnitFactory)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    role = User.Role.OFFICER
    unit = factory.SubFactory(UnitFactory)
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SecretariatGrantFactory(DjangoModelFactory):
    class Meta:
        model = SecretariatGrant

    user = factory.SubFactory(UserFactory)
    cluster = factory.SubFactory(ClusterFactory)
    year = None


def cluster_with_members(*, units: int, years: int = 1, first_year: int = 2022) -> Cluster:
    """A cluster with ``units`` members from ``first_year`` and roles for ``years`` years."""
    cluster = ClusterFactory()
    members = [
        MembershipFactory(cluster=cluster, from_year=first_year, rotation_order=i).unit
        for i in range(units)
    ]
    for offset in range(years):
        ClusterYearFactory(
            cluster=cluster,
            year=first_year + offset,
            chair=members[offset % units],
            vice_chair=members[(offset + 1) % units],
        )
    return cluster
