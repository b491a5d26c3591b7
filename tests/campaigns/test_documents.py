"""The register of documents: parsing, citations, and the cluster's numbered series."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from campaigns import selectors, services
from campaigns.models import LegalDocument, SeriesCounter
from cluster import uploads
from tests.campaigns.factories import LegalDocumentFactory
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db
D = datetime.date
Kind = LegalDocument.Kind


def test_register_stores_the_parsed_parts():
    cluster = ClusterFactory()
    document = services.document_register(
        cluster=cluster, kind=Kind.DECREE, number_symbol=" 98 / 2023 / nđ - CP ",
        issued_on=D(2023, 12, 26), issuing_body="Chính phủ", acting_user=None,
        subject="quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
    )
    document.refresh_from_db()
    assert document.number_symbol == "98/2023/NĐ-CP"
    assert (document.number, document.number_year, document.type_code,
            document.issuer_code) == (98, 2023, "NĐ", "CP")
    assert document.series_number is None  # not the cluster's own series


def test_party_document_is_recognised():
    document = services.document_register(
        cluster=ClusterFactory(), kind=Kind.DIRECTIVE, number_symbol="34-CT/TW",
        issued_on=D(2014, 4, 7), issuing_body="Bộ Chính trị", acting_user=None,
    )
    assert document.is_party_style and document.type_code == "CT"


@pytest.mark.parametrize("bad, fragment", [
    ("1237/CV-BNV", "công văn hành chính không có ký hiệu loại văn bản"),
    ("", "chuỗi rỗng"),
    ("abc/BNV", "chữ số Ả Rập"),
])
def test_bad_number_is_refused_in_vietnamese_and_nothing_saved(bad, fragment):
    with pytest.raises(ValidationError) as error:
        services.document_register(
            cluster=ClusterFactory(), kind=Kind.OFFICIAL_LETTER, number_symbol=bad,
            issued_on=D(2022, 3, 31), issuing_body="Bộ Nội vụ", acting_user=None,
        )
    assert fragment in str(error.value.message_dict["number_symbol"])
    assert not LegalDocument.objects.exists()


def test_same_document_twice_is_refused():
    cluster = ClusterFactory()
    kwargs = dict(cluster=cluster, kind=Kind.OFFICIAL_LETTER, number_symbol="1237/BNV-VP",
                  issued_on=D(2022, 3, 31), issuing_body="Bộ Nội vụ", acting_user=None)
    services.document_register(**kwargs)
    with pytest.raises(ValidationError, match="đã có trong sổ văn bản"):
        services.document_register(**kwargs)
    assert LegalDocument.objects.count() == 1


def test_citation_as_the_plan_writes_it(north_central):
    by_number = {d.number_symbol: d for d in selectors.document_list(cluster=north_central)}
    assert selectors.citation(by_number["1237/BNV-VP"]) == (
        "Công văn số 1237/BNV-VP ngày 31/3/2022 của Bộ Nội vụ")
    assert selectors.citation(by_number["34-CT/TW"]) == (
        "Chỉ thị số 34-CT/TW ngày 7/4/2014 của Bộ Chính trị")
    assert selectors.citation(by_number["612/KH-CTĐ"], with_subject=True) == (
        "Kế hoạch số 612/KH-CTĐ ngày 16/6/2022 của Cụm Thi đua Sở Nội vụ các tỉnh Bắc Trung "
        "Bộ về Tổ chức phong trào thi đua và công tác thi đua khen thưởng năm 2022")
    assert selectors.citation(by_number["19/CT-TTg"], with_subject=True) == (
        "Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ tướng Chính phủ về việc phát động thi đua "
        "thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội hàng năm")


def test_citation_template_filter():
    document = LegalDocumentFactory(number_symbol="1237/BNV-VP", number=1237,
                                    subject="về việc phát động phong trào thi đua")
    template = Template("{% load van_ban %}{{ d|trich_dan }}|{{ d|trich_dan:'day_du' }}")
    short, full = template.render(Context({"d": document})).split("|")
    assert short == "Công văn số 1237/BNV-VP ngày 31/3/2022 của Bộ Nội vụ"
    assert full == short + " về việc phát động phong trào thi đua"


# --- the cluster's series -------------------------------------------------------------------------

def issue(cluster, kind=Kind.REPORT, day=datetime.date(2023, 3, 1), subject="về kết quả thi đua"):
    return services.document_issue_in_series(cluster=cluster, kind=kind, issued_on=day,
                                             subject=subject, acting_user=None)


def test_numbers_run_per_cluster_and_year_across_types():
    cluster, other = ClusterFactory(series_code="CTĐ"), ClusterFactory(series_code="CTĐ")
    numbers = [issue(cluster, kind).number_symbol for kind in (Kind.PLAN, Kind.REPORT,
                                                               Kind.OFFICIAL_LETTER)]
    assert numbers == ["01/KH-CTĐ", "02/BC-CTĐ", "03/CTĐ"]
    assert issue(other).number_symbol == "01/BC-CTĐ"  # another cluster counts on its own
    assert issue(cluster, day=D(2024, 1, 2)).number_symbol == "01/BC-CTĐ"  # a new year
    assert issue(cluster).number_symbol == "04/BC-CTĐ"
    assert SeriesCounter.objects.get(cluster=cluster, year=2023).last_number == 4


def test_issued_document_cites_the_cluster(north_central):
    document = issue(north_central, Kind.MINUTES, D(2022, 12, 20), "họp bình xét thi đua")
    assert document.citation() == (
        "Biên bản số 613/BB-CTĐ ngày 20/12/2022 của Cụm Thi đua Sở Nội vụ các tỉnh Bắc Trung Bộ")
    assert (document.series_year, document.series_number) == (2022, 613)


def test_registering_an_older_number_of_the_series_keeps_the_counter_ahead():
    cluster = ClusterFactory(series_code="CTĐ")
    services.document_register(
        cluster=cluster, kind=Kind.PLAN, number_symbol="612/KH-CTĐ", issued_on=D(2022, 6, 16),
        issuing_body=cluster.name, acting_user=None,
    )
    assert issue(cluster, day=D(2022, 7, 1)).number == 613
    services.document_register(
        cluster=cluster, kind=Kind.REPORT, number_symbol="05/BC-CTĐ", issued_on=D(2022, 1, 5),
        issuing_body=cluster.name, acting_user=None,
    )
    assert issue(cluster, day=D(2022, 7, 2)).number == 614
    with pytest.raises(ValidationError, match="đã được cấp"):
        services.document_register(
            cluster=cluster, kind=Kind.REPORT, number_symbol="613/BC-CTĐ",
            issued_on=D(2022, 8, 1), issuing_body=cluster.name, acting_user=None,
        )


@pytest.mark.parametrize("kind, subject, fragment", [
    (Kind.DECREE, "về việc", "không cấp số cho loại văn bản này"),
    (Kind.REPORT, "   ", "trích yếu"),
])
def test_issue_refuses_bad_input_and_takes_no_number(kind, subject, fragment):
    cluster = ClusterFactory()
    with pytest.raises(ValidationError, match=fragment):
        issue(cluster, kind, subject=subject)
    assert not LegalDocument.objects.exists()
    assert selectors.series_last_number(cluster=cluster, year=2023) == 0
    assert issue(cluster).number == 1  # no gap left behind


def test_issue_records_the_acting_user(users, north_central):
    document = services.document_issue_in_series(
        cluster=north_central, kind=Kind.REPORT, issued_on=D(2022, 7, 1),
        subject="sơ kết 6 tháng", acting_user=users["canbo.quangtri"],
    )
    assert document.history.latest().history_user == users["canbo.quangtri"]
    assert document.created_by == users["canbo.quangtri"]


def test_issue_view_numbers_and_lists_the_document(client, users, north_central):
    client.force_login(users["canbo.quangtri"])
    url = "/cum/snv-bac-trung-bo/2022/so-van-ban/cap-so/"
    response = client.post(url, {"kind": Kind.REPORT, "issued_on": "2022-07-01",
                                 "subject": "về kết quả thi đua 6 tháng đầu năm"}, follow=True)
    assert "Đã cấp số 613/BC-CTĐ" in response.content.decode()
    response = client.post(url, {"kind": Kind.REPORT, "issued_on": "2023-01-05",
                                 "subject": "x"})
    assert "Ngày ban hành phải thuộc năm 2022" in response.content.decode()
    assert LegalDocument.objects.filter(cluster=north_central, series_year=2022).count() == 2


# --- the document's file ----------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_file_is_checked_stored_under_a_generated_name_and_served_in_scope(
        client, users, north_central, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(users["canbo.quangtri"])
    base = "/cum/snv-bac-trung-bo/2022/so-van-ban/"
    response = client.post(base + "cap-so/", {
        "kind": Kind.PLAN, "issued_on": "2022-07-01", "subject": "về sơ kết",
        "file": SimpleUploadedFile("Kế hoạch sơ kết.pdf", PDF, "application/pdf")})
    assert response.status_code == 302
    document = LegalDocument.objects.get(cluster=north_central, number_symbol="613/KH-CTĐ")
    assert document.file_name == "Kế hoạch sơ kết.pdf"
    assert document.file.name.startswith("van-ban/") and "Kế" not in document.file.name
    url = f"{base}{document.pk}/tep/"
    client.force_login(users["lanhdao.nghean"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert "K%E1%BA%BF%20ho%E1%BA%A1ch" in response["Content-Disposition"]
    client.force_login(users["canbo.gialai"])
    assert client.get(url).status_code == 404


def test_a_file_that_is_not_a_document_is_refused_and_no_number_taken(client, users,
                                                                      north_central):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users["canbo.quangtri"])
    response = client.post("/cum/snv-bac-trung-bo/2022/so-van-ban/cap-so/", {
        "kind": Kind.PLAN, "issued_on": "2022-07-01", "subject": "về sơ kết",
        "file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")})
    assert response.status_code == 200
    assert str(uploads.MESSAGES["type_not_allowed"]) in response.content.decode()
    assert selectors.series_last_number(cluster=north_central, year=2022) == 612
