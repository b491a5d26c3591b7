"""The official copy (bản chính thức) of an issued document (issue #15): a PDF finished outside
the app (scanned after it was signed and stamped) attached to the number by the chair unit's
secretariat, checked from its content, kept with its SHA-256, who attached it and when; a
replacement keeps the previous copy. The verification page lists its fingerprint and tells an
upload of it ("bản chính thức") from the PDF rendered at issue ("bản điện tử được lập khi ban
hành"); it names the issuing body as printed. Download names keep the full number.

Most tests use a document of 2022 made by hand (no rendering: the "rendered" PDF is a small
PDF stored as its file); the rename test issues the real mid-year report."""

from __future__ import annotations

import hashlib
import io
import re
from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cluster.models import Cluster, User
from reports import services
from reports.kinds import SPECS
from reports.models import DocumentFile, DocumentKind, IssuedDocument
from reports.views import download_name

pytestmark = pytest.mark.django_db

NC = "snv-bac-trung-bo"
YEAR = 2022
PRINTED_NAME = "Cụm thi đua Sở Nội vụ các tỉnh Bắc Trung Bộ"
CHAIR = "Sở Nội vụ tỉnh Quảng Trị"


def pdf(text: str) -> bytes:
    """A small valid PDF, different for each ``text``."""
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


RENDERED = pdf("bản điện tử lập khi ban hành")
SCANNED = pdf("bản quét đã ký, đóng dấu")
RESCANNED = pdf("bản quét lại, đủ trang")
UNRELATED = pdf("một văn bản khác")


def upload(content: bytes, name: str = "ban-quet.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type)


def make_document(cluster: Cluster, *, number: int | None = 614, symbol: str = "614/BB-CTĐ",
                  kind: str = DocumentKind.MINUTES, title: str = "biên bản hội nghị sơ kết "
                  "công tác thi đua, khen thưởng 6 tháng đầu năm 2022") -> IssuedDocument:
    issued = number is not None
    document = IssuedDocument.objects.create(
        cluster=cluster, year=YEAR, kind=kind, object_ref=f"conference:{number or 0}",
        title=title, data_hash=hashlib.sha256(title.encode() + symbol.encode()).hexdigest(),
        snapshot={"cluster": {"name": PRINTED_NAME, "block": False},
                  "chair": {"unit": CHAIR}},
        verification_code=services.new_code(), number=number,
        number_symbol=symbol if issued else "",
        issued_on=timezone.localdate() if issued else None,
        issued_at=timezone.now() if issued else None)
    row = DocumentFile(document=document, format="pdf", size=len(RENDERED),
                       sha256=hashlib.sha256(RENDERED).hexdigest())
    row.file.save("x.pdf", ContentFile(RENDERED), save=True)
    return document


@pytest.fixture
def document(north_central) -> IssuedDocument:
    return make_document(north_central)


@pytest.fixture
def secretary(users) -> User:
    return users["canbo.quangtri"]  # Quảng Trị chairs the cluster in 2022


def attach(document, content=SCANNED, user=None, name="ban-quet.pdf", note=""):
    return services.official_file_attach(
        document=document, uploaded_file=upload(content, name), note=note,
        acting_user=user or User.objects.get(username="canbo.quangtri"))


def read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


# --- the service ------------------------------------------------------------------------------


def test_the_secretariat_attaches_a_pdf_kept_with_its_fingerprint_and_who(document, secretary):
    result = attach(document, name="Biên bản đã ký.pdf", note="Bản quét có dấu đỏ")
    official = result.official
    assert result.created and result.replaced is None
    assert official.sha256 == hashlib.sha256(SCANNED).hexdigest()
    assert official.size == len(SCANNED) and read(official.file) == SCANNED
    assert official.attached_by == secretary and official.is_current
    assert official.original_name == "Biên bản đã ký.pdf"
    assert "Biên" not in official.file.name and official.file.name.endswith(".pdf")
    assert official.note == "Bản quét có dấu đỏ"
    history = list(official.history.all())
    assert len(history) == 1 and history[0].history_user == secretary
    assert history[0].history_change_reason == "Đính kèm bản chính thức"


def test_replacing_keeps_the_previous_copy_and_its_file(document, secretary):
    first = attach(document).official
    second = attach(document, RESCANNED, user=User.objects.get(username="admin"))
    assert second.created and second.replaced == first
    first.refresh_from_db()
    assert not first.is_current and first.replaced_at is not None
    assert read(first.file) == SCANNED  # never silently lost
    assert read(second.official.file) == RESCANNED
    assert list(document.official_files.order_by("pk")) == [first, second.official]
    assert first.history.first().history_change_reason == "Thay bằng bản chính thức khác"
    assert first.history.first().history_user == User.objects.get(username="admin")


def test_the_same_file_twice_changes_nothing(document):
    first = attach(document).official
    again = attach(document)
    assert not again.created and again.official == first
    assert document.official_files.count() == 1


def _word_file() -> bytes:
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35"
       b"\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")
BAD = {
    "word": (_word_file, "ban-quet.docx", "phải là tệp PDF"),
    "image": (lambda: PNG, "anh.png", "phải là tệp PDF"),
    "text-named-pdf": (lambda: b"not a pdf at all", "ban-quet.pdf", "không khớp với phần mở rộng"),
    "html-named-pdf": (lambda: b"<html><script>alert(1)</script>", "x.pdf", "không khớp"),
    "empty": (lambda: b"", "ban-quet.pdf", "rỗng"),
    "javascript": (lambda: SCANNED.replace(b"/Title", b"/JavaScript /Title"), "ban-quet.pdf",
                   "nội dung tự chạy"),
    "the-rendered-pdf": (lambda: RENDERED, "ban-quet.pdf", "bản điện tử được lập khi ban hành"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_bad_file_is_refused_with_a_message_and_the_official_copy_stays(document, media,
                                                                          case):
    make, name, message = BAD[case]
    kept = attach(document).official
    stored = sorted(p.name for p in media.rglob("*") if p.is_file())
    with pytest.raises(ValidationError) as refusal:
        attach(document, make(), name=name)
    assert message in " ".join(refusal.value.messages)
    assert list(document.official_files.all()) == [kept] and kept.is_current
    kept.refresh_from_db()
    assert kept.replaced_at is None and read(kept.file) == SCANNED
    assert sorted(p.name for p in media.rglob("*") if p.is_file()) == stored  # no stray file


def test_a_file_over_the_limit_is_refused(document, settings):
    settings.OFFICIAL_FILE_MAX_BYTES = 64
    with pytest.raises(ValidationError, match="Tệp quá lớn .*tối đa là 64 byte"):
        attach(document)
    assert not document.official_files.exists()


def test_the_limit_is_never_above_what_the_verification_page_checks(settings):
    settings.OFFICIAL_FILE_MAX_BYTES = 10 * services.VERIFY_MAX_BYTES
    assert services.official_max_bytes() == services.VERIFY_MAX_BYTES


def test_a_draft_has_no_official_copy(north_central):
    draft = make_document(north_central, number=None)
    with pytest.raises(ValidationError, match="đã ban hành"):
        attach(draft)


@pytest.mark.parametrize("username", ["canbo.nghean", "lanhdao.nghean", "bonoivu",
                                      "canbo.gialai"])
def test_only_the_secretariat_and_admins_attach(document, users, username):
    with pytest.raises(ValidationError):
        attach(document, user=users[username])
    assert not document.official_files.exists()


# --- the check --------------------------------------------------------------------------------


def check(document, content):
    document = IssuedDocument.objects.prefetch_related("files", "official_files").get(
        pk=document.pk)
    return services.verification_check(document=document, uploaded_file=upload(content))


def test_the_check_tells_the_official_copy_from_the_rendered_pdf(document):
    attach(document)
    official = check(document, SCANNED)
    assert official.matches and official.is_official and official.file is None
    rendered = check(document, RENDERED)
    assert rendered.matches and not rendered.is_official and rendered.file.format == "pdf"
    unrelated = check(document, UNRELATED)
    assert not unrelated.matches and unrelated.official is None and unrelated.file is None


def test_a_replaced_official_copy_is_recognised_as_replaced(document):
    attach(document)
    attach(document, RESCANNED)
    old = check(document, SCANNED)
    assert old.matches and old.is_replaced_official and not old.is_official
    assert check(document, RESCANNED).is_official


# --- the verification page --------------------------------------------------------------------


def verify(document, content=None, name="ban-quet.pdf") -> str:
    path = f"/xac-minh/{document.verification_code}/"
    if content is None:
        response = Client().get(path)
    else:
        response = Client().post(path, {"file": upload(content, name)})
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_lists_the_official_fingerprint_and_recognises_its_copies(document):
    before = verify(document)
    assert "chưa đính kèm bản đã ký, đóng dấu" in before
    official = attach(document).official
    html = verify(document)
    assert official.sha256 in html and hashlib.sha256(RENDERED).hexdigest() in html
    assert "Bản điện tử lập khi ban hành" in html
    result = verify(document, SCANNED)
    assert "<strong>Khớp</strong>" in result and "<strong>bản chính thức</strong>" in result
    rendered = verify(document, RENDERED)
    assert "bản điện tử được lập khi ban hành (PDF)" in rendered
    assert "Bản chính thức (đã ký, đóng dấu) là một tệp khác" in rendered
    assert "<strong>Không khớp</strong>" in verify(document, UNRELATED)
    for text in (result, rendered):  # no software words for the public
        said = re.search(r'data-testid="result">(.*?)</div>', text, re.S).group(1)
        assert not re.search(r"hệ thống|phần mềm|render|SHA", said), said


def test_the_page_lists_a_replaced_copy_and_says_so_on_upload(document):
    attach(document)
    attach(document, RESCANNED)
    html = verify(document)
    assert "đã được thay ngày" in html and hashlib.sha256(SCANNED).hexdigest() in html
    result = verify(document, SCANNED)
    assert "Khớp với bản đã được thay" in result and "Không khớp" not in result


def test_the_page_names_the_issuer_as_printed_not_as_renamed(mid_year):
    """The real mid-year report issued, then the cluster renamed: the page still shows the
    name on the paper, and the chair unit of that time."""
    document = services.document_issue(
        spec=SPECS[DocumentKind.MIDYEAR_REPORT], target=mid_year.period,
        cluster=mid_year.cluster, year=mid_year.year, issued_on=timezone.localdate(),
        acting_user=mid_year.secretary, verify_url=lambda code: code).document
    printed = document.snapshot["cluster"]["name"]
    Cluster.objects.filter(pk=mid_year.cluster.pk).update(name="Cụm thi đua đổi tên mới")
    html = verify(document)
    issuer = re.search(r'data-testid="issuer">(.*?)</dd>', html, re.S).group(1)
    assert printed in issuer and "đổi tên mới" not in html
    assert "Cụm trưởng: Sở Nội vụ tỉnh Quảng Trị" in issuer


def _grow(document, n: int) -> None:
    """``n`` more official copies (each replacing the last) and the Word rendering."""
    start = document.official_files.count()
    for index in range(start, start + n):
        attach(document, pdf(f"bản quét số {index}"))
    if not document.files.filter(format="docx").exists():
        DocumentFile.objects.create(document=document, format="docx", file="reports/x.docx",
                                    sha256="1" * 64, size=1)


def _count(method, path, data=None) -> tuple[int, int]:
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(path, data or {})
    return len(queries.captured_queries), response.status_code


def test_the_verification_page_query_count_does_not_grow(document):
    path = f"/xac-minh/{document.verification_code}/"
    _grow(document, 1)
    few, status = _count("get", path)
    assert status == 200
    _grow(document, 8)
    many, _status = _count("get", path)
    assert many == few <= 15, (few, many)
    checked, status = _count("post", path, {"file": upload(SCANNED)})
    assert status == 200 and checked <= 15


def test_the_official_page_query_count_does_not_grow(document, secretary):
    client = Client()
    client.force_login(secretary)
    path = f"/cum/{NC}/{YEAR}/van-ban/ban-hanh/{document.verification_code}/ban-chinh-thuc/"
    _grow(document, 1)
    with CaptureQueriesContext(connection) as first:
        assert client.get(path).status_code == 200
    _grow(document, 8)
    with CaptureQueriesContext(connection) as second:
        html = client.get(path).content.decode()
    assert len(first.captured_queries) == len(second.captured_queries) <= 15
    assert html.count("bị thay lúc") == 8


# --- pages and permissions --------------------------------------------------------------------

ROLES = ["anonymous", "canbo.nghean", "lanhdao.nghean", "canbo.quangtri", "bonoivu", "admin",
         "canbo.gialai"]
LOGIN = "login"
READ = {"anonymous": LOGIN, "canbo.nghean": 200, "lanhdao.nghean": 200, "canbo.quangtri": 200,
        "bonoivu": 200, "admin": 200, "canbo.gialai": 404}
PREPARE = {**READ, "canbo.nghean": 404, "lanhdao.nghean": 404, "bonoivu": 404}
ATTACH = {**PREPARE, "canbo.quangtri": 302, "admin": 302}
NOWHERE = dict.fromkeys(ROLES, 404) | {"anonymous": LOGIN}
PAGES = {
    "page": ("get", "{base}/ban-chinh-thuc/", PREPARE),
    "attach": ("post", "{base}/ban-chinh-thuc/", ATTACH),
    "download-current": ("get", "{base}/ban-chinh-thuc/{current}/pdf/", READ),
    "download-replaced": ("get", "{base}/ban-chinh-thuc/{replaced}/pdf/", PREPARE),
    "download-unknown": ("get", "{base}/ban-chinh-thuc/{foreign_official}/pdf/", NOWHERE),
    "draft-page": ("get", "{draft}/ban-chinh-thuc/", NOWHERE),
    "foreign-page": ("get", "{foreign}/ban-chinh-thuc/", NOWHERE),
    "foreign-download": ("get", "{foreign}/ban-chinh-thuc/{foreign_official}/pdf/", NOWHERE),
    "other-year": ("get", "/cum/" + NC + "/2023/van-ban/ban-hanh/{code}/ban-chinh-thuc/",
                   NOWHERE),
}


@pytest.fixture
def objects(document, north_central, highlands, users):
    replaced = attach(document).official
    current = attach(document, RESCANNED).official
    foreign = make_document(highlands, number=1, symbol="01/BB-CTĐTN")
    foreign_official = services.official_file_attach(
        document=foreign, uploaded_file=upload(UNRELATED), acting_user=users["admin"]).official
    draft = make_document(north_central, number=None)
    base = f"/cum/{NC}/{YEAR}/van-ban/ban-hanh/"
    return {"base": base + document.verification_code, "code": document.verification_code,
            "current": current.pk, "replaced": replaced.pk,
            "foreign": base + foreign.verification_code, "foreign_official": foreign_official.pk,
            "draft": base + draft.verification_code, "document": document}


@pytest.mark.parametrize("name", PAGES, ids=list(PAGES))
def test_every_role_gets_what_it_may_and_404_outside_its_scope(objects, users, name):
    method, path, expected = PAGES[name]
    path = path.format(**objects)
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(users[role])
        data = {"file": upload(pdf(f"mới {role}"))} if method == "post" else None
        response = getattr(client, method)(path, data) if data else getattr(client, method)(
            path)
        want = expected[role]
        if want == LOGIN:
            assert response.status_code == 302 and "dang-nhap" in response["Location"], role
        else:
            assert response.status_code == want, (role, response.status_code)
        if want == 200 and "pdf/" in path:
            assert response["Content-Type"] == "application/pdf"
            # Reading the stream to its end closes the stored file; an explicit close() would
            # also send request_finished, which closes the test's database connection.
            assert b"".join(response.streaming_content).startswith(b"%PDF-")
    document = objects["document"]
    if name == "attach":  # each allowed role replaced the copy; every copy is kept
        assert document.official_files.count() == 4
        assert document.official_files.filter(replaced_at__isnull=True).count() == 1


def test_the_list_offers_the_official_copy_to_readers_and_its_form_to_the_secretariat(
        objects, users):
    path = f"/cum/{NC}/{YEAR}/van-ban/"
    reader = Client()
    reader.force_login(users["lanhdao.nghean"])
    secretariat = Client()
    secretariat.force_login(users["canbo.quangtri"])
    # The hand-made document is a conference's minutes; the list shows issued documents
    # under their conference, so tie it to one of the year's conferences.
    from campaigns.models import Conference

    conference = Conference.objects.filter(cluster__slug=NC, year=YEAR).first()
    IssuedDocument.objects.filter(pk=objects["document"].pk).update(
        object_ref=services.object_ref(conference))
    link = f'{objects["base"]}/ban-chinh-thuc/{objects["current"]}/pdf/'
    html = reader.get(path).content.decode()
    assert link in html and "Bản chính thức (bản đã ký, đóng dấu)" in html
    assert 'data-testid="official-manage"' not in html
    html = secretariat.get(path).content.decode()
    assert link in html and "thay bản chính thức" in html


def test_a_bad_upload_on_the_page_shows_the_message_and_keeps_the_copy(objects, users):
    client = Client()
    client.force_login(users["canbo.quangtri"])
    response = client.post(f'{objects["base"]}/ban-chinh-thuc/',
                           {"file": upload(b"GIF89a....", "anh.pdf")})
    assert response.status_code == 400
    html = response.content.decode()
    assert "không khớp với phần mở rộng" in html and 'data-testid="error-summary"' in html
    current = objects["document"].official_files.get(replaced_at__isnull=True)
    assert current.pk == objects["current"]
    empty = client.post(f'{objects["base"]}/ban-chinh-thuc/', {})
    assert empty.status_code == 400 and "Vui lòng chọn tệp PDF" in empty.content.decode()


def test_attaching_on_the_page_says_so_and_shows_the_copy(document, users):
    client = Client()
    client.force_login(users["canbo.quangtri"])
    path = f"/cum/{NC}/{YEAR}/van-ban/ban-hanh/{document.verification_code}/ban-chinh-thuc/"
    response = client.post(path, {"file": upload(SCANNED, "Bản quét.pdf"), "note": "Có dấu"},
                           follow=True)
    html = response.content.decode()
    assert "Đã đính kèm bản chính thức của văn bản số 614/BB-CTĐ" in html
    assert "Bản quét.pdf" in html and hashlib.sha256(SCANNED).hexdigest() in html
    assert "Thay bản chính thức" in html


# --- download names ---------------------------------------------------------------------------


def disposition(response) -> tuple[str, str]:
    b"".join(response.streaming_content)  # read to the end: the stored file is closed
    header = response["Content-Disposition"]
    ascii_name = re.search(r'filename="([^"]*)"', header).group(1)
    utf8 = unquote(re.search(r"filename\*=UTF-8''(\S+)", header).group(1))
    return ascii_name, utf8


def test_an_issued_file_is_named_with_its_full_number_and_symbol(document, users):
    client = Client()
    client.force_login(users["lanhdao.nghean"])
    response = client.get(
        f"/cum/{NC}/{YEAR}/van-ban/ban-hanh/{document.verification_code}/pdf/")
    ascii_name, utf8 = disposition(response)
    assert response["Content-Disposition"].startswith("attachment;")
    assert utf8 == ("614_BB-CTĐ_Biên-bản-hội-nghị-sơ-kết-công-tác-thi-đua-khen-thưởng-6-tháng-"
                    "đầu-năm-2022.pdf")
    assert ascii_name == ("614_BB-CTD_Bien-ban-hoi-nghi-so-ket-cong-tac-thi-dua-khen-thuong-6-"
                          "thang-dau-nam-2022.pdf")
    assert ascii_name.isascii()


def test_the_official_copy_is_named_as_such(objects, users):
    client = Client()
    client.force_login(users["lanhdao.nghean"])
    response = client.get(f'{objects["base"]}/ban-chinh-thuc/{objects["current"]}/pdf/')
    assert b"".join(response.streaming_content) == RESCANNED
    ascii_name, utf8 = disposition(response)
    assert utf8.startswith("614_BB-CTĐ_Bản-chính-thức_Biên-bản-hội-nghị")
    assert ascii_name.startswith("614_BB-CTD_Ban-chinh-thuc_Bien-ban")


def test_a_long_title_is_cut_never_the_number(north_central):
    long = make_document(north_central, number=1234, symbol="1234/BC-CTĐ",
                         title="báo cáo " + "tổng kết công tác thi đua khen thưởng " * 10)
    name = download_name(long, "docx")
    assert name.startswith("1234_BC-CTĐ_Báo-cáo-tổng-kết") and name.endswith(".docx")
    assert len(name) <= 118
    words = long.title.split()  # cut between words, never inside one
    assert name.removesuffix(".docx").split("_")[-1].split("-")[-1] in words


def test_a_draft_is_named_as_a_draft_and_a_table_by_its_title(north_central, users):
    draft = make_document(north_central, number=None, kind=DocumentKind.MINUTES)
    assert download_name(draft, "pdf") == ("Dự-thảo_Biên-bản-hội-nghị-sơ-kết-công-tác-thi-đua-"
                                           "khen-thưởng-6-tháng-đầu-năm-2022.pdf")
    table = make_document(north_central, number=None, kind=DocumentKind.SCORES,
                          title="bảng tổng hợp điểm 6 tháng đầu năm 2022")
    assert download_name(table, "xlsx") == "Bảng-tổng-hợp-điểm-6-tháng-đầu-năm-2022.xlsx"
    assert not SPECS[DocumentKind.SCORES].issuable


def test_a_draft_download_carries_a_header_without_a_number(mid_year, users):
    client = Client()
    client.force_login(users["canbo.quangtri"])
    response = client.get(f"/cum/{NC}/{mid_year.year}/van-ban/bao-cao/6-thang/docx/")
    assert response.status_code == 200
    ascii_name, utf8 = disposition(response)
    assert utf8.startswith("Dự-thảo_Báo-cáo-sơ-kết") and utf8.endswith(".docx")
    assert ascii_name.startswith("Du-thao_Bao-cao-so-ket") and ascii_name.isascii()
