"""factory_boy factories for the campaigns models (the cluster ones are in tests.factories)."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from campaigns.models import (
    Campaign,
    Conference,
    Criterion,
    Delegate,
    LegalDocument,
    Milestone,
)
from tests.factories import ClusterFactory, ProvinceFactory


class LegalDocumentFactory(DjangoModelFactory):
    class Meta:
        model = LegalDocument

    cluster = factory.SubFactory(ClusterFactory)
    kind = LegalDocument.Kind.OFFICIAL_LETTER
    number = factory.Sequence(lambda n: n + 100)
    number_symbol = factory.LazyAttribute(lambda o: f"{o.number}/BNV-VP")
    issuer_code = "BNV"
    issuer_subunit = "VP"
    issued_on = datetime.date(2022, 3, 31)
    issuing_body = "Bộ Nội vụ"
    subject = factory.Sequence(lambda n: f"về việc số {n}")


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign

    cluster = factory.SubFactory(ClusterFactory)
    year = 2022
    kind = Campaign.Kind.THEMATIC
    name = factory.Sequence(lambda n: f"Phong trào thi đua chuyên đề số {n}")
    starts_on = datetime.date(2022, 1, 1)
    ends_on = datetime.date(2022, 12, 31)


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    campaign = factory.SubFactory(CampaignFactory)
    kind = Milestone.Kind.OTHER
    title = factory.Sequence(lambda n: f"Mốc số {n}")
    due_on = datetime.date(2022, 6, 30)


class CriterionFactory(DjangoModelFactory):
    class Meta:
        model = Criterion

    cluster = factory.SubFactory(ClusterFactory)
    year = 2022
    code = factory.Sequence(lambda n: f"9.{n + 1}")
    name = factory.Sequence(lambda n: f"Tiêu chí số {n}")
    max_points = Decimal("5")
    kind = Criterion.Kind.QUALITATIVE


class ConferenceFactory(DjangoModelFactory):
    class Meta:
        model = Conference

    cluster = factory.SubFactory(ClusterFactory)
    year = 2022
    kind = Conference.Kind.THEMATIC
    title = factory.Sequence(lambda n: f"Hội nghị chuyên đề số {n}")
    starts_at = factory.LazyFunction(
        lambda: timezone.make_aware(datetime.datetime(2022, 9, 15, 8, 0))
    )
    province = factory.SubFactory(ProvinceFactory)
    slug = factory.Sequence(lambda n: f"hoi-nghi-chuyen-de-{n}")


class DelegateFactory(DjangoModelFactory):
    class Meta:
        model = Delegate

    conference = factory.SubFactory(ConferenceFactory)
    full_name = factory.Sequence(lambda n: f"Đại biểu {n}")
    job_title = "Chánh Văn phòng"
    unit_name = "Bộ Nội vụ"
