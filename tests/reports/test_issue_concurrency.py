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


def test_parallel_saves_of_one_section_from_the_same_version_keep_one(live_server, demo):
    """Two people save the same section of the draft report at once, both from the page they
    opened (version 0): one save is kept, the other is refused (400, the typed text on its
    form), and nothing is overwritten silently."""
    from reports.models import SummarySection

    cluster, secretary = demo
    path = f"/cum/{SLUG}/2022/van-ban/bao-cao/6-thang/soan/han-che/"
    texts = [f"Hạn chế, bản số {index}." for index in range(4)]
    # one login (one session) per writer, as four people or four browsers would have: a
    # shared session would race on the session row itself, which is not what is tested here
    responses = post_in_parallel(live_server.url, [
        (session_for(secretary), path, {"text": text, "version": "0"}) for text in texts])

    statuses = sorted(r.status for r in responses)
    assert statuses == [302, 400, 400, 400], [r.body[-500:] for r in responses]
    row = SummarySection.objects.get(period__cluster=cluster, period__year=2022,
                                     key="han-che")
    assert row.version == 1 and row.text in texts
    assert row.history.count() == 1
    for response in responses:
        if response.status == 400:
            body = response.body.decode() if isinstance(response.body, bytes) else response.body
            start = body.find("<main")
            assert "vừa được" in body, body[start:start + 3000]
