"""Evidence uploads (issue #4): wrong types, oversized files, hostile names."""

from __future__ import annotations

import io
import re
import struct
import unicodedata
import zipfile
import zlib
from urllib.parse import unquote

import docx
import openpyxl
import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.http import FileResponse
from hypothesis import given
from hypothesis import strategies as st

from cluster.uploads import (
    ALLOWED_TYPES,
    DISPLAY_NAME_MAX,
    ZIP_MAX_ENTRIES,
    EvidenceFileField,
    content_disposition,
    display_name,
    safe_upload_name,
    validate_upload,
)

# --- tiny real files -------------------------------------------------------------------------

PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
       b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")
JPEG = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        b"\xff\xdb\x00\x43\x00" + bytes(64) + b"\xff\xd9")
WEBP = b"RIFF" + struct.pack("<I", 22) + b"WEBPVP8L" + struct.pack("<I", 10) + bytes(10)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(48) + b"PE\x00\x00"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (b'\xef\xbb\xbf<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
       b"<script>alert(1)</script></svg>")
# Word 97-2003: the OLE compound file signature, then Word's FIB magic at offset 512.
OLE_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"\xec\xa5\xc1\x00" + bytes(100)


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Báo cáo kết quả thi đua 6 tháng đầu năm")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Điểm thi đua"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def rezip(data: bytes, add: dict[str, bytes] | None = None,
          edit: dict[str, bytes] | None = None) -> bytes:
    """A copy of the zip ``data`` with parts added or replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, (edit or {}).get(info.filename, src.read(info)))
        for name, content in (add or {}).items():
            dst.writestr(name, content)
    return out.getvalue()


def make_zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    # The browser's Content-Type is the user's claim too; it must play no part.
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def refusal(name: str, content: bytes, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_upload(upload(name, content), **kwargs)
    return caught.value


# --- accepted ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "build", "kind", "extension"), [
    ("Báo cáo 6 tháng.pdf", lambda: PDF, "pdf", "pdf"),
    ("bao-cao.PDF", lambda: PDF, "pdf", "pdf"),
    ("Biên bản họp.docx", docx_bytes, "docx", "docx"),
    ("Bảng điểm.xlsx", xlsx_bytes, "xlsx", "xlsx"),
    ("ảnh hiện trường.png", png_bytes, "png", "png"),
    ("IMG_0001.JPG", lambda: JPEG, "jpeg", "jpg"),
    ("IMG_0002.jpeg", lambda: JPEG, "jpeg", "jpg"),
    ("anh.webp", lambda: WEBP, "webp", "webp"),
    ("scan", lambda: PDF, "pdf", "pdf"),  # no extension: the content decides
    ("Báo cáo 6.2024", xlsx_bytes, "xlsx", "xlsx"),  # a dot in the name is no extension claim
])
def test_real_files_are_recognised_from_their_content(name, build, kind, extension):
    content = build()
    file = upload(name, content)
    detected = validate_upload(file)
    assert (detected.kind, detected.extension) == (kind, extension)
    assert detected.mime == ALLOWED_TYPES[kind].mime
    assert file.read() == content  # left at the start, ready to be saved


def test_a_large_upload_spooled_to_disk_is_inspected_too():
    content = docx_bytes()
    file = TemporaryUploadedFile("Biên bản.docx", "application/octet-stream", len(content), None)
    try:
        file.write(content)
        file.flush()
        assert validate_upload(file).kind == "docx"
        file.seek(0)
        assert file.read() == content
    finally:
        file.close()


# --- refused: size -----------------------------------------------------------------------------

def test_empty_file_is_refused():
    error = refusal("rong.pdf", b"")
    assert error.code == "empty"
    assert "rỗng" in error.messages[0]


def test_oversized_file_is_refused_with_the_limit():
    error = refusal("lon.pdf", PDF + bytes(200), max_bytes=100)
    assert error.code == "too_large"
    assert "tối đa là 100 byte" in error.messages[0]


def test_limit_comes_from_settings_and_is_said_in_mb(settings):
    settings.EVIDENCE_MAX_BYTES = 2 * 1024 * 1024
    error = refusal("lon.pdf", PDF + bytes(3 * 1024 * 1024))
    assert error.code == "too_large"
    assert error.messages[0] == "Tệp quá lớn (3 MB); dung lượng tối đa là 2 MB."


def test_default_limit_is_10_mb(settings):
    del settings.EVIDENCE_MAX_BYTES
    assert validate_upload(upload("vua.pdf", PDF + bytes(10 * 1024 * 1024 - len(PDF))))
    error = refusal("lon.pdf", PDF + bytes(10 * 1024 * 1024))
    assert "tối đa là 10 MB" in error.messages[0]


# --- refused: wrong types and lying names ------------------------------------------------------

def test_exe_renamed_to_pdf_is_refused_as_a_mismatch():
    error = refusal("Báo cáo.pdf", EXE)
    assert error.code == "mismatch"
    assert "không khớp với phần mở rộng “.pdf”" in error.messages[0]
    assert ".exe" in error.messages[0]


def test_exe_is_refused():
    error = refusal("setup.exe", EXE)
    assert error.code == "type_not_allowed"
    assert error.messages == [
        "Chỉ chấp nhận tệp PDF, Word (.docx), Excel (.xlsx) và ảnh PNG, JPEG, WebP."]


def test_unknown_content_with_an_allowed_extension_is_a_mismatch():
    error = refusal("ghi-chu.pdf", "Ghi chú thường, không phải PDF".encode())
    assert error.code == "mismatch"
    assert "(nội dung thực là loại tệp không hỗ trợ)" in error.messages[0]


@pytest.mark.parametrize("content", [HTML, b"\n\n  <html><body>hi</body></html>",
                                     HTML.decode().encode("utf-16")])
def test_html_renamed_to_pdf_is_refused(content):
    error = refusal("Báo cáo.pdf", content)
    assert error.code == "mismatch"
    assert "HTML, SVG hoặc mã lệnh" in error.messages[0]


@pytest.mark.parametrize(("name", "content"), [
    ("logo.svg", SVG), ("logo", SVG), ("trang.html", HTML), ("chay.sh", b"#!/bin/sh\nrm -rf /\n"),
    ("x.txt", b"hello <script>alert(1)</script>"),
])
def test_svg_html_and_scripts_are_refused(name, content):
    error = refusal(name, content)
    assert error.code == "markup"
    assert error.messages[0].startswith("Không chấp nhận tệp HTML, SVG hoặc mã lệnh.")


def test_one_image_format_under_another_extension_is_accepted():
    # Chat apps save PNG or WebP pictures as .jpg; harmless, stored under the real extension.
    file = upload("ảnh Zalo.jpg", png_bytes())
    detected = validate_upload(file)
    assert detected.kind == "png"
    assert display_name(file.name, detected) == "ảnh Zalo.png"
    assert validate_upload(upload("anh.png", WEBP)).kind == "webp"


def test_svg_renamed_to_png_is_a_mismatch():
    assert refusal("logo.png", SVG).code == "mismatch"


def test_image_renamed_to_pdf_is_a_mismatch():
    error = refusal("Báo cáo.pdf", png_bytes())
    assert error.code == "mismatch"
    assert "PNG" in error.messages[0]


def test_plain_zip_is_not_an_office_document():
    archive = make_zip({"a.txt": b"hello", "word/readme.txt": b"no content types"})
    assert refusal("ho-so.zip", archive).code == "type_not_allowed"
    assert refusal("ho-so.docx", archive).code == "mismatch"


def test_other_office_formats_are_refused():
    pptx = make_zip({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"})
    assert refusal("trinh-chieu.pptx", pptx).code == "type_not_allowed"
    error = refusal("cu.doc", OLE_DOC)
    assert error.code == "type_not_allowed"
    assert error.messages == ["Tệp .doc/.xls đời cũ không được chấp nhận; "
                              "hãy lưu lại thành .docx hoặc .xlsx."]
    assert refusal("cu.pdf", OLE_DOC).code == "mismatch"


def test_docx_with_xlsx_name_is_a_mismatch():
    assert refusal("bang.xlsx", docx_bytes()).code == "mismatch"


@pytest.mark.parametrize("name", ["Biên bản.docm", "Biên bản.docx"])
def test_word_with_macros_is_refused(name):
    docm = rezip(docx_bytes(), add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})
    error = refusal(name, docm)
    assert error.code == "macro"
    assert "macro" in error.messages[0]


@pytest.mark.parametrize("name", ["Bảng.xlsm", "Bảng.xlsx"])
def test_excel_with_macros_is_refused(name):
    xlsm = rezip(xlsx_bytes(), add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})
    assert refusal(name, xlsm).code == "macro"


def test_macro_enabled_content_type_alone_is_refused():
    content = docx_bytes()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        types = archive.read("[Content_Types].xml")
    types = types.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml")
    assert b"macroEnabled" in types
    edited = rezip(content, edit={"[Content_Types].xml": types})
    assert refusal("Biên bản.docx", edited).code == "macro"


def test_zip_with_too_many_entries_is_refused():
    parts = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}
    parts.update({f"word/media/{i}.bin": b"" for i in range(ZIP_MAX_ENTRIES)})
    error = refusal("nhieu.docx", make_zip(parts))
    assert error.code == "zip_bomb"
    assert "quá nhiều thành phần" in error.messages[0]


def test_zip_declaring_a_huge_uncompressed_size_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            block = bytes(1024 * 1024)
            for _ in range(101):
                part.write(block)
    content = out.getvalue()
    assert len(content) < 1024 * 1024  # small on disk, 101 MiB once opened
    assert refusal("bom.docx", content).code == "zip_bomb"


def test_broken_zip_is_refused():
    error = refusal("hong.docx", b"PK\x03\x04" + bytes(100))
    assert error.code == "corrupt"
    assert error.messages[0] == "Tệp Word/Excel bị hỏng hoặc không đọc được."


# --- names -------------------------------------------------------------------------------------

HOSTILE_NAMES = [
    "../../etc/passwd", "..\\..\\win.ini", "a\x00b.pdf", "evil\u202Efdp.exe", "x" * 500 + ".pdf",
    "<script>.pdf", "/", "..", "", " . ", "C:\\Users\\a\\Desktop\\Báo cáo.pdf", "CON.pdf",
    "tệp\r\nContent-Type: text/html.pdf", "\u200b\u2066ẩn\u2069.png", '"; filename=evil.exe',
]
STORAGE_NAME = re.compile(r"evidence/\d{4}/[0-9a-f]{32}\.(pdf|docx|xlsx|png|jpg|webp)")


@pytest.mark.parametrize(("original", "expected"), [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\win.ini", "win.ini"),
    ("a\x00b.pdf", "ab.pdf"),
    ("evil\u202Efdp.exe", "evilfdp.exe"),
    ("<script>.pdf", "script.pdf"),
    ("C:\\Users\\a\\Desktop\\Báo cáo.pdf", "Báo cáo.pdf"),
    ("Báo cáo thi đua  năm\t2024.docx", "Báo cáo thi đua năm 2024.docx"),
    ("Ba\u0301o ca\u0301o.pdf", "Báo cáo.pdf"),  # NFD from macOS becomes NFC
    ("CON.pdf", "CON_.pdf"),
    (".pdf", "tep-dinh-kem.pdf"),
    ("", "tep-dinh-kem"),
    ("..", "tep-dinh-kem"),
    ("/", "tep-dinh-kem"),
    ("tệp\r\nContent-Type: text_html.pdf", "tệp Content-Type_ text_html.pdf"),
])
def test_display_name_is_sanitised(original, expected):
    assert display_name(original) == expected


def test_long_names_are_cut_keeping_the_extension():
    name = display_name("Báo cáo " * 100 + ".pdf")
    assert len(name) <= DISPLAY_NAME_MAX
    assert name.endswith(".pdf") and name.startswith("Báo cáo")
    assert len(display_name("x" * 500)) == DISPLAY_NAME_MAX - 1


def test_display_name_gives_the_content_its_own_extension():
    pdf = ALLOWED_TYPES["pdf"]
    assert display_name("report.exe", pdf) == "report.exe.pdf"
    assert display_name("Báo cáo 6.2024", pdf) == "Báo cáo 6.2024.pdf"
    assert display_name("scan", pdf) == "scan.pdf"
    assert display_name("ẢNH.JPEG", ALLOWED_TYPES["jpeg"]) == "ẢNH.JPEG"
    assert display_name("evil\u202Efdp.exe", pdf) == "evilfdp.exe.pdf"
    assert display_name("bang.xlsx", ALLOWED_TYPES["docx"]) == "bang.docx"


@given(st.text(max_size=300))
def test_display_name_is_always_safe(original):
    name = display_name(original)
    assert 0 < len(name) <= DISPLAY_NAME_MAX
    assert not set(name) & set('/\\<>:"|?*')
    assert not any(unicodedata.category(c).startswith("C") for c in name)
    assert name == unicodedata.normalize("NFC", name)
    assert name[0] not in " ." and name[-1] not in " ."
    assert display_name(name) == name


@pytest.mark.parametrize("original", HOSTILE_NAMES)
def test_storage_name_never_contains_user_text(original):
    # A plain file object: Django's own upload classes already refuse names like "" or "..".
    file = io.BytesIO(png_bytes() if original.endswith(".png") else PDF)
    file.name = original
    detected = validate_upload(file)
    stored = safe_upload_name(prefix="evidence", detected=detected)
    assert STORAGE_NAME.fullmatch(stored)
    assert stored != safe_upload_name(prefix="evidence", detected=detected)


@pytest.mark.parametrize("prefix", ["", "../x", "/abs", "a\\b", "a//b", "Báo cáo", "a/", "a/../b"])
def test_storage_prefix_must_be_safe(prefix):
    with pytest.raises(ValueError):
        safe_upload_name(prefix=prefix, detected=ALLOWED_TYPES["pdf"])


def test_storage_name_has_the_year_and_the_detected_extension():
    stored = safe_upload_name(prefix="evidence/reports", detected=ALLOWED_TYPES["jpeg"])
    assert re.fullmatch(r"evidence/reports/20\d\d/[0-9a-f]{32}\.jpg", stored)


# --- downloads ---------------------------------------------------------------------------------

def test_content_disposition_with_a_vietnamese_name():
    header = content_disposition("Báo cáo 6 tháng.pdf")
    assert header == ("attachment; filename=\"Bao cao 6 thang.pdf\"; "
                      "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%206%20th%C3%A1ng.pdf")


@pytest.mark.parametrize(("original", "fallback"), [
    ('Đánh giá "Quý 1".xlsx', "Danh gia _Quy 1.xlsx"),
    ("报告.pdf", "tep-dinh-kem.pdf"),
    ("100% hoàn thành.docx", "100_ hoan thanh.docx"),
    ("../../etc/passwd", "passwd"),
])
def test_content_disposition_fallback_is_plain_ascii(original, fallback):
    header = content_disposition(original)
    header.encode("ascii")
    assert f'filename="{fallback}"' in header
    encoded = header.split("filename*=UTF-8''", 1)[1]
    assert not set(encoded) & set(" \"';,\\")
    assert unquote(encoded) == display_name(original)


@pytest.mark.parametrize("original", HOSTILE_NAMES)
def test_content_disposition_survives_hostile_names(original):
    header = content_disposition(original)
    header.encode("ascii")
    assert "\r" not in header and "\n" not in header and header.count('"') == 2
    response = FileResponse(io.BytesIO(PDF), as_attachment=True, content_type="application/pdf")
    response["Content-Disposition"] = header
    assert response["Content-Disposition"].startswith("attachment; ")


# --- the form field ----------------------------------------------------------------------------

class EvidenceForm(forms.Form):
    evidence = EvidenceFileField(label="Tệp minh chứng", max_bytes=64 * 1024)


class OptionalEvidenceForm(forms.Form):
    evidence = EvidenceFileField(required=False)


def test_form_field_accepts_and_tags_the_file():
    form = EvidenceForm(data={}, files={"evidence": upload("../Báo cáo\u202e.pdf", PDF)})
    assert form.is_valid(), form.errors
    file = form.cleaned_data["evidence"]
    assert file.detected_type == ALLOWED_TYPES["pdf"]
    assert file.display_name == "Báo cáo.pdf"


def test_form_field_refuses_with_vietnamese_messages():
    form = EvidenceForm(data={}, files={"evidence": upload("Báo cáo.pdf", EXE)})
    assert not form.is_valid()
    assert "không khớp với phần mở rộng" in form.errors["evidence"][0]
    form = EvidenceForm(data={}, files={"evidence": upload("lon.pdf", PDF + bytes(65 * 1024))})
    assert form.errors["evidence"] == ["Tệp quá lớn (65,1 KB); dung lượng tối đa là 64 KB."]
    form = EvidenceForm(data={}, files={"evidence": upload("rong.pdf", b"")})
    assert form.errors["evidence"] == ["Tệp tải lên rỗng (0 byte)."]
    form = EvidenceForm(data={}, files={})
    assert form.errors["evidence"] == ["Vui lòng chọn tệp đính kèm."]


def test_optional_form_field_without_a_file():
    form = OptionalEvidenceForm(data={}, files={})
    assert form.is_valid()
    assert form.cleaned_data["evidence"] is None


def test_form_field_tells_the_browser_what_to_offer():
    html = str(EvidenceForm()["evidence"])
    assert 'accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.jpe,.jfif,.webp"' in html
