"""Issuing a document with a number (issue #10, §2): one data version gets one number, held
by the database, and a number never exists without its frozen snapshot and its PDF."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from campaigns.models import LegalDocument
from campaigns.selectors import series_last_number
from campaigns.services import conference_update
from reports import services
from reports.kinds import SPECS
from reports.models import DocumentFile, DocumentKind, IssuedDocument

pytestmark = pytest.mark.django_db

SPEC = SPECS[DocumentKind.MINUTES]


def verify_url(code: str) -> str:
    return f"http://testserver/xac-minh/{code}/"


def issue(mid_year):
    return services.document_issue(
        spec=SPEC, target=mid_year.conference, cluster=mid_year.cluster, year=mid_year.year,
        issued_on=timezone.localdate(), acting_user=mid_year.secretary, verify_url=verify_url)


def issue_path(mid_year) -> str:
    return (f"/cum/snv-bac-trung-bo/{mid_year.year}/van-ban/hoi-nghi/{mid_year.conference.pk}/"
            "bien-ban/ban-hanh/")


def stored_files(media) -> list:
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


@pytest.fixture
def secretary(mid_year):
    client = Client()
    client.force_login(mid_year.secretary)
    return client


def test_issuing_the_same_data_again_answers_with_the_first_number(mid_year):
    """Reproduces 619/620: the same snapshot issued twice got two numbers."""
    last = series_last_number(cluster=mid_year.cluster, year=mid_year.year)
    first = issue(mid_year)
    again = issue(mid_year)
    assert first.created and not again.created
    assert again.document.pk == first.document.pk
    assert again.document.number == last + 1
    assert series_last_number(cluster=mid_year.cluster, year=mid_year.year) == last + 1
    assert IssuedDocument.objects.filter(number__isnull=False).count() == 1
    assert LegalDocument.objects.filter(cluster=mid_year.cluster,
                                        series_year=mid_year.year).count() == 1 + (last > 0)


def test_changed_data_gets_a_new_number(mid_year):
    first = issue(mid_year).document
    conference_update(conference=mid_year.conference, acting_user=mid_year.secretary,
                      conclusions="Kết luận đã sửa.")
    mid_year.conference.refresh_from_db()
    second = issue(mid_year)
    assert second.created and second.document.number == first.number + 1


def test_the_database_refuses_a_second_number_for_the_same_data(mid_year):
    """Whatever the application checks, two numbered rows of one data cannot both exist."""
    first = issue(mid_year).document
    copy = IssuedDocument(
        cluster=first.cluster, year=first.year, kind=first.kind, object_ref=first.object_ref,
        title=first.title, data_hash=first.data_hash, snapshot=first.snapshot,
        verification_code=services.new_code(), number=first.number + 1,
        number_symbol="99/BB-CTĐ", issued_on=first.issued_on, issued_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


def test_a_second_click_is_told_the_number_not_shown_an_error(mid_year, secretary):
    day = {"issued_on": timezone.localdate().isoformat()}
    assert secretary.post(issue_path(mid_year), day).status_code == 302
    page = secretary.post(issue_path(mid_year), day, follow=True)
    document = IssuedDocument.objects.get(number__isnull=False)
    text = page.content.decode()
    assert page.status_code == 200
    assert f"đã ban hành số {document.number_symbol}" in text
    assert "alert-danger" not in text


def test_a_failed_rendering_gives_back_the_number(mid_year, secretary, media, monkeypatch):
    """Reproduces 616: a worker died while rendering, the number stayed issued and publicly
    verifiable with no file and no fingerprint."""
    last = series_last_number(cluster=mid_year.cluster, year=mid_year.year)
    registered = LegalDocument.objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("rendering failed")

    monkeypatch.setattr(services, "render", broken)
    with pytest.raises(RuntimeError):
        issue(mid_year)
    client = Client(raise_request_exception=False)
    client.force_login(mid_year.secretary)
    response = client.post(issue_path(mid_year),
                           {"issued_on": timezone.localdate().isoformat()})
    assert response.status_code == 500

    assert not IssuedDocument.objects.filter(number__isnull=False).exists()
    assert DocumentFile.objects.count() == 0 and stored_files(media) == []
    assert series_last_number(cluster=mid_year.cluster, year=mid_year.year) == last
    assert LegalDocument.objects.count() == registered

    monkeypatch.undo()
    document = issue(mid_year).document
    assert document.number == last + 1  # no gap in the series
    pdf = document.files.get(format="pdf")
    assert pdf.size > 0 and len(pdf.sha256) == 64
    page = Client().get(f"/xac-minh/{document.verification_code}/").content.decode()
    assert pdf.sha256 in page


def test_a_number_issued_without_its_file_gets_it_on_the_verification_page(mid_year):
    """A number issued before issuing was atomic, whose rendering failed: the public page
    renders the PDF from the frozen snapshot, so the number vouches for a file."""
    snapshot = SPEC.snapshot(mid_year.conference, day=timezone.localdate())
    legacy = IssuedDocument.objects.create(
        cluster=mid_year.cluster, year=mid_year.year, kind=SPEC.kind,
        object_ref=services.object_ref(mid_year.conference), title=SPEC.title(snapshot),
        data_hash="6" * 64, snapshot=snapshot, verification_code=services.new_code(),
        number=616, number_symbol="616/BB-CTĐ", issued_on=timezone.localdate(),
        issued_at=timezone.now())
    page = Client().get(f"/xac-minh/{legacy.verification_code}/")
    pdf = legacy.files.get(format="pdf")
    assert pdf.sha256 in page.content.decode()
    with pdf.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
