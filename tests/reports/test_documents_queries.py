"""The documents page makes as many queries with many conferences and issued documents as
with few (no N+1), for the secretariat and for a member unit's reader."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reports import services
from reports.models import DocumentFile, DocumentKind, IssuedDocument
from tests.campaigns.factories import ConferenceFactory

pytestmark = pytest.mark.django_db


def grow(mid_year, n: int) -> None:
    """``n`` more conferences, each with its minutes issued in PDF and Word."""
    for index in range(n):
        conference = ConferenceFactory(cluster=mid_year.cluster, year=mid_year.year)
        conference.hosts.add(*mid_year.members[:2])
        document = IssuedDocument.objects.create(
            cluster=mid_year.cluster, year=mid_year.year, kind=DocumentKind.MINUTES,
            object_ref=services.object_ref(conference), title=f"Biên bản {index}",
            data_hash=f"{index:064d}", snapshot={}, verification_code=services.new_code(),
            number=100 + index, number_symbol=f"{100 + index}/BB-CTĐ",
            issued_on=timezone.localdate(), issued_at=timezone.now(),
            issued_by=mid_year.secretary)
        for file_format in ("pdf", "docx"):
            DocumentFile.objects.create(document=document, format=file_format,
                                        file=f"reports/x/{index}.{file_format}",
                                        sha256=f"{index:064d}", size=1)


def count_queries(client, path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


@pytest.mark.parametrize("username", ["canbo.quangtri", "lanhdao.nghean"])
def test_documents_page_query_count_does_not_grow(mid_year, users, username):
    client = Client()
    client.force_login(users[username])
    path = f"/cum/snv-bac-trung-bo/{mid_year.year}/van-ban/"
    grow(mid_year, 2)
    few, _html = count_queries(client, path)
    grow(mid_year, 12)
    many, html = count_queries(client, path)
    assert many == few, f"{few} queries with few rows, {many} with many"
    assert html.count('data-testid="conference"') == 15
    assert html.count("/BB-CTĐ</strong>") == 14
