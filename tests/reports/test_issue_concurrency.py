"""A double click on "Ban hành" (issue #10: 619/620, 621/622, 623/624 for identical
snapshots): parallel POSTs of the same data against the live server on PostgreSQL give one
number, and every request is answered with it."""

import pytest

from campaigns.models import Conference, LegalDocument, SeriesCounter
from campaigns.services import conference_update
from reports.models import DocumentFile, IssuedDocument
from tests.concurrency import demo_with_standing_secretariat, post_in_parallel, session_for

pytestmark = pytest.mark.concurrency

SLUG = "snv-bac-trung-bo"


@pytest.fixture
def demo(live_server, transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return demo_with_standing_secretariat(SLUG)


def test_parallel_issues_of_the_same_data_give_one_number(live_server, demo):
    cluster, secretary = demo
    conference = Conference.objects.get(cluster=cluster, year=2022)
    # One data change, then the same data issued by four clicks at once.
    conference_update(conference=conference, acting_user=secretary,
                      conclusions="Hội nghị thống nhất nội dung đã sửa.")
    before = SeriesCounter.objects.get(cluster=cluster, year=2022).last_number
    path = f"/cum/{SLUG}/2022/van-ban/hoi-nghi/{conference.pk}/bien-ban/ban-hanh/"
    session = session_for(secretary)
    responses = post_in_parallel(live_server.url,
                                 [(session, path, {"issued_on": "2022-07-20"})] * 4)

    assert [r.status for r in responses] == [302] * 4, [r.body[-500:] for r in responses]
    issued = IssuedDocument.objects.get(number__isnull=False)
    assert issued.number == before + 1
    assert SeriesCounter.objects.get(cluster=cluster, year=2022).last_number == before + 1
    assert LegalDocument.objects.filter(cluster=cluster, series_year=2022,
                                        series_number__gt=before).count() == 1
    assert DocumentFile.objects.get(document=issued).format == "pdf"
