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


def edit_sections(mid_year, times: int) -> None:
    """Every section of the draft saved ``times`` more times (its history grows), and as many
    more good practices."""
    from reports import services_summary
    from reports.models import SummarySection
    from results.models import GoodPractice

    for index in range(times):
        for key in SummarySection.Key.values:
            row = SummarySection.objects.filter(period=mid_year.period, key=key).first()
            services_summary.summary_section_save(
                period=mid_year.period, key=key, text=f"Nội dung {key}, lần {index}.",
                expected_version=row.version if row else 0, acting_user=mid_year.secretary)
        GoodPractice.objects.create(cluster=mid_year.cluster, year=mid_year.year,
                                    unit=mid_year.members[index % len(mid_year.members)],
                                    title=f"Cách làm hay {index}", description="Mô tả.")


@pytest.mark.parametrize("page", ["", "han-che/", "han-che/lich-su/"])
def test_draft_report_pages_query_count_does_not_grow(mid_year, page):
    client = Client()
    client.force_login(mid_year.secretary)
    path = f"/cum/snv-bac-trung-bo/{mid_year.year}/van-ban/bao-cao/6-thang/soan/{page}"
    edit_sections(mid_year, 1)
    few, _html = count_queries(client, path)
    edit_sections(mid_year, 6)
    many, html = count_queries(client, path)
    assert many == few, f"{few} queries with few rows, {many} with many"


def test_the_draft_report_composes_in_a_fixed_number_of_queries(mid_year):
    """Before any edit, the overview composes every section from the data: as many queries
    with twelve more good practices as with two."""
    from results.models import GoodPractice

    client = Client()
    client.force_login(mid_year.secretary)
    path = f"/cum/snv-bac-trung-bo/{mid_year.year}/van-ban/bao-cao/6-thang/soan/"
    few, _html = count_queries(client, path)
    for index in range(12):
        GoodPractice.objects.create(cluster=mid_year.cluster, year=mid_year.year,
                                    unit=mid_year.members[index % len(mid_year.members)],
                                    title=f"Cách làm hay {index}", description="Mô tả.")
    many, html = count_queries(client, path)
    assert many == few, f"{few} queries with few rows, {many} with many"
    assert html.count('data-testid="section-') == 7
