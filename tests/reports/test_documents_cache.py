"""A document is rendered once per distinct data: repeat downloads serve the stored file, a
change of the data renders a new one, and an issued document stays what was issued."""

import io
import json

import docx
import pytest
from django.test import Client
from django.utils import timezone

from campaigns.models import LegalDocument
from campaigns.selectors import series_last_number
from campaigns.services import conference_update
from pledges.models import Pledge
from reports import services
from reports.kinds import SPECS
from reports.kinds.common import canonical_json, fingerprint
from reports.models import DocumentFile, DocumentKind, IssuedDocument

pytestmark = pytest.mark.django_db


def stored_files(media) -> list:
    return sorted(p for p in media.rglob("*") if p.is_file())


@pytest.fixture
def secretary(mid_year):
    client = Client()
    client.force_login(mid_year.secretary)
    return client


def url(mid_year, tail: str) -> str:
    return f"/cum/snv-bac-trung-bo/{mid_year.year}/van-ban/{tail}"


def download(client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def test_second_download_is_served_from_the_stored_file(mid_year, secretary, media):
    path = url(mid_year, "bao-cao/6-thang/pdf/")
    first = download(secretary, path)
    files = stored_files(media)
    rows = (IssuedDocument.objects.count(), DocumentFile.objects.count())
    modified = [f.stat().st_mtime_ns for f in files]

    second = download(secretary, path)

    assert second == first
    assert stored_files(media) == files and len(files) == 1
    assert [f.stat().st_mtime_ns for f in files] == modified
    assert (IssuedDocument.objects.count(), DocumentFile.objects.count()) == rows == (1, 1)


def test_the_service_says_when_it_rendered(mid_year):
    spec = SPECS[DocumentKind.SCORES]
    kwargs = dict(spec=spec, target=mid_year.period, cluster=mid_year.cluster,
                  year=mid_year.year, acting_user=mid_year.secretary,
                  verify_url=lambda code: f"https://x.invalid/xac-minh/{code}/")
    first = services.document_draft_file(file_format="pdf", **kwargs)
    again = services.document_draft_file(file_format="pdf", **kwargs)
    excel = services.document_draft_file(file_format="xlsx", **kwargs)
    assert (first.rendered, again.rendered, excel.rendered) == (True, False, True)
    assert first.file.pk == again.file.pk
    assert excel.document.pk == first.document.pk  # one version, two formats
    assert {f.format for f in first.document.files.all()} == {"pdf", "xlsx"}


def test_a_change_of_the_data_renders_again(mid_year, secretary, media):
    path = url(mid_year, "bao-cao/6-thang/pdf/")
    before = download(secretary, path)
    conference_update(conference=mid_year.conference, acting_user=mid_year.secretary,
                      achievements="Một kết quả mới được hội nghị ghi nhận.")
    after = download(secretary, path)

    assert after != before
    assert IssuedDocument.objects.count() == 2 and len(stored_files(media)) == 2
    old, new = IssuedDocument.objects.order_by("pk")
    assert old.data_hash != new.data_hash
    assert old.verification_code != new.verification_code
    # The earlier version is kept: a copy printed from it can still be checked.
    assert old.files.get().sha256 != new.files.get().sha256


def test_the_snapshot_is_plain_json_and_stable(mid_year):
    pledge = Pledge.objects.get(cluster=mid_year.cluster, year=2022)
    day = timezone.localdate()
    for kind, target in ((DocumentKind.MIDYEAR_REPORT, mid_year.period),
                         (DocumentKind.SCORES, mid_year.period),
                         (DocumentKind.MINUTES, mid_year.conference),
                         (DocumentKind.PLEDGE, pledge)):
        snapshot = SPECS[kind].snapshot(target, day=day)
        assert json.loads(canonical_json(snapshot)) == snapshot  # survives being stored
        assert fingerprint(SPECS[kind].snapshot(target, day=day)) == fingerprint(snapshot)


def test_issue_takes_the_next_number_and_freezes_the_data(mid_year, secretary, media):
    last = series_last_number(cluster=mid_year.cluster, year=mid_year.year)
    response = secretary.post(url(mid_year, "bao-cao/6-thang/ban-hanh/"),
                              {"issued_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    issued = IssuedDocument.objects.get(number__isnull=False)
    register = issued.legal_document
    assert register.number_symbol == f"{last + 1:02d}/BC-CTĐ" == issued.number_symbol
    assert series_last_number(cluster=mid_year.cluster, year=mid_year.year) == last + 1
    assert register.kind == LegalDocument.Kind.REPORT and register.series_year == mid_year.year
    assert issued.issued_by == mid_year.secretary and issued.issued_at is not None
    assert issued.files.get().format == "pdf"  # rendered at once, for the verification page

    path = url(mid_year, f"ban-hanh/{issued.verification_code}/pdf/")
    copy = download(secretary, path)
    conference_update(conference=mid_year.conference, acting_user=mid_year.secretary,
                      achievements="Nội dung sửa sau khi ban hành.")
    assert download(secretary, path) == copy  # what was issued, not today's data

    # The same data is not numbered twice; changed data may be issued again.
    secretary.post(url(mid_year, "bao-cao/6-thang/ban-hanh/"),
                   {"issued_on": timezone.localdate().isoformat()})
    assert IssuedDocument.objects.filter(number__isnull=False).count() == 2
    again = IssuedDocument.objects.filter(number__isnull=False).latest("pk")
    assert again.number == issued.number + 1
    page = secretary.post(url(mid_year, "bao-cao/6-thang/ban-hanh/"),
                          {"issued_on": timezone.localdate().isoformat()}, follow=True)
    assert IssuedDocument.objects.filter(number__isnull=False).count() == 2
    assert f"đã ban hành số {again.number_symbol}" in page.content.decode()


def test_issue_refuses_a_future_date_and_a_year_before_the_period(mid_year, secretary):
    for day in ("2999-01-01", f"{mid_year.year - 1}-12-31", "not a date"):
        page = secretary.post(url(mid_year, "bao-cao/6-thang/ban-hanh/"), {"issued_on": day},
                              follow=True)
        assert page.status_code == 200
        assert IssuedDocument.objects.count() == 0
        assert "alert-danger" in page.content.decode()


def test_issued_docx_is_rendered_from_the_frozen_snapshot(mid_year, secretary):
    issued = services.document_issue(
        spec=SPECS[DocumentKind.MINUTES], target=mid_year.conference, cluster=mid_year.cluster,
        year=mid_year.year, issued_on=timezone.localdate(), acting_user=mid_year.secretary,
        verify_url=lambda code: code).document
    conference_update(conference=mid_year.conference, acting_user=mid_year.secretary,
                      conclusions="Kết luận viết lại sau khi ban hành.")
    data = download(secretary, url(mid_year, f"ban-hanh/{issued.verification_code}/docx/"))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "Kết luận viết lại" not in text
    assert "Hội nghị thống nhất phương hướng 6 tháng cuối năm." in text
    assert sorted(issued.files.values_list("format", flat=True)) == ["docx", "pdf"]
