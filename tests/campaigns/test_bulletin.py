"""The public bulletin (issue #13): proper names keep their capitals inside its sentence, and
a bulletin, written in the past tense, is published and public only once the conference has
taken place."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns import services
from campaigns.models import Conference
from cluster.models import Province
from cluster.text import lower_first

pytestmark = pytest.mark.django_db

TITLE = ("Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022 Cụm thi đua các Sở Nội vụ "
         "vùng Đồng bằng sông Cửu Long")


@pytest.mark.parametrize(("text", "expected"), [
    (TITLE, "hội nghị tổng kết công tác thi đua, khen thưởng năm 2022 Cụm thi đua các Sở Nội "
            "vụ vùng Đồng bằng sông Cửu Long"),
    ("Đại hội thi đua yêu nước", "đại hội thi đua yêu nước"),
    ("UBND tỉnh Nghệ An họp", "UBND tỉnh Nghệ An họp"),
    ("HĐND tỉnh", "HĐND tỉnh"),
    ("", ""),
])
def test_lower_first_keeps_proper_names(text, expected):
    assert lower_first(text) == expected


def create(cluster, *, year, starts_at, title=TITLE):
    return services.conference_create(
        cluster=cluster, year=year, kind=Conference.Kind.YEAREND, title=title,
        starts_at=starts_at, province=Province.objects.get(name="Nghệ An", valid_to=None),
        hosts=[], acting_user=None)


def test_the_bulletin_keeps_the_case_of_names(client, north_central):
    held = create(north_central, year=2022,
                  starts_at=timezone.make_aware(datetime.datetime(2022, 12, 20, 8, 0)))
    services.conference_set_published(conference=held, published=True, acting_user=None)
    html = client.get(f"/cong-khai/ban-tin/{held.slug}/").content.decode()
    assert ("Cụm Thi đua Sở Nội vụ các tỉnh Bắc Trung Bộ tổ chức hội nghị tổng kết công tác thi "
            "đua, khen thưởng năm 2022 Cụm thi đua các Sở Nội vụ vùng Đồng bằng sông Cửu Long "
            "tại") in html
    assert "các sở nội vụ vùng đồng bằng sông cửu long" not in html


@pytest.fixture
def coming(north_central):
    """A conference ten days ahead, in this year's cluster (the 2022 chair acts for it)."""
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    return create(north_central, year=timezone.localdate().year, starts_at=starts_at,
                  title="Hội nghị tổng kết công tác thi đua, khen thưởng")


def test_a_bulletin_is_not_published_before_the_conference(client, users, coming):
    with pytest.raises(ValidationError) as refused:
        services.conference_set_published(conference=coming, published=True, acting_user=None)
    assert "Hội nghị chưa diễn ra" in str(refused.value)
    assert "bản tin chỉ được công bố sau khi hội nghị đã họp" in str(refused.value)
    coming.refresh_from_db()
    assert coming.published_at is None

    client.force_login(users["canbo.quangtri"])
    base = f"/cum/snv-bac-trung-bo/{coming.year}/hoi-nghi/{coming.pk}/"
    html = client.get(base).content.decode()
    assert 'data-testid="publish-later"' in html and 'name="cong-bo" value="1"' not in html
    html = client.post(base + "cong-bo/", {"cong-bo": "1"}, follow=True).content.decode()
    assert "Hội nghị chưa diễn ra" in html
    coming.refresh_from_db()
    assert coming.published_at is None
    assert "Bản xem trước" in client.get(f"/cong-khai/ban-tin/{coming.slug}/").content.decode()
    client.logout()
    assert client.get(f"/cong-khai/ban-tin/{coming.slug}/").status_code == 404


def test_a_published_conference_moved_later_is_not_public_until_held(client, users, coming):
    Conference.objects.filter(pk=coming.pk).update(published_at=timezone.now())  # old data
    assert client.get(f"/cong-khai/ban-tin/{coming.slug}/").status_code == 404
    client.force_login(users["lanhdao.nghean"])
    assert client.get(f"/cong-khai/ban-tin/{coming.slug}/").status_code == 404
    html = client.get(f"/cum/snv-bac-trung-bo/{coming.year}/hoi-nghi/").content.decode()
    assert f"/cong-khai/ban-tin/{coming.slug}/" not in html
    Conference.objects.filter(pk=coming.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1))
    client.logout()
    assert client.get(f"/cong-khai/ban-tin/{coming.slug}/").status_code == 200
