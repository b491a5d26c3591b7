"""Evidence files with active content (issue #10): a PDF with /OpenAction JavaScript, a DOCX
with an external template relationship and the like were accepted and stored as they were.
Each file here is made in the test, small, with pypdf or zipfile."""

from __future__ import annotations

import io
import zipfile
import zlib

import pypdf
import pytest
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from cluster.uploads import validate_upload

from .test_uploads import docx_bytes, refusal, rezip, upload, xlsx_bytes

JS = "app.launchURL('http://example.invalid/', true);"


def pdf_bytes(change=None, *, encrypt: dict | None = None) -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if change is not None:
        change(writer)
    if encrypt:
        writer.encrypt(**encrypt)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def action(kind: str, **entries) -> DictionaryObject:
    return DictionaryObject({NameObject("/S"): NameObject(kind), **{
        NameObject(f"/{key}"): TextStringObject(value) for key, value in entries.items()}})


def open_action(value):
    def change(writer):
        writer._root_object[NameObject("/OpenAction")] = value
    return change


def document_javascript(writer):
    """Document-level JavaScript, as Acrobat stores it: the catalog's /Names /JavaScript."""
    script = writer._add_object(action("/JavaScript", JS=JS))
    tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("a"), script])})
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(tree)})


def rich_media(writer):
    annotation = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/RichMedia"),
        NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4)})
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])


def hidden_in_object_stream(payload: bytes, *, compress=zlib.compress) -> bytes:
    """A PDF whose only JavaScript action sits in a compressed object stream: nothing of it
    is visible in the file's bytes, and there is no xref for a reader to start from."""
    body = b"<< /S /JavaScript /JS (" + payload + b") >>"
    head = b"1 0 "
    data = compress(head + body)
    return (b"%PDF-1.7\n"
            b"5 0 obj\n<< /Type /ObjStm /N 1 /First " + str(len(head)).encode()
            + b" /Filter /FlateDecode /Length " + str(len(data)).encode() + b" >>\nstream\n"
            + data + b"\nendstream\nendobj\n"
            b"6 0 obj\n<< /Type /Catalog /OpenAction 1 0 R >>\nendobj\n"
            b"trailer\n<< /Root 6 0 R >>\n%%EOF\n")


def accepted(name: str, content: bytes) -> str:
    return validate_upload(upload(name, content)).kind


# --- PDF --------------------------------------------------------------------------------------


def test_a_plain_pdf_is_accepted():
    assert accepted("Báo cáo.pdf", pdf_bytes()) == "pdf"
    # an /OpenAction that only opens the first page is no active content
    view = ArrayObject([NumberObject(0), NameObject("/Fit")])
    assert accepted("Báo cáo.pdf", pdf_bytes(open_action(view))) == "pdf"


def test_a_pdf_printed_by_weasyprint_is_accepted():
    """What our own documents are made with: no false alarm on a real, compressed PDF."""
    from weasyprint import HTML
    data = HTML(string="<h1>Báo cáo sơ kết</h1><p>Cụm thi đua các tỉnh Bắc Trung Bộ</p>"
                ).write_pdf()
    assert accepted("Báo cáo.pdf", data) == "pdf"


@pytest.mark.parametrize(("change", "found"), [
    (open_action(action("/JavaScript", JS=JS)), "mã JavaScript"),
    (document_javascript, "mã JavaScript"),
    (open_action(action("/Launch", F="C:\\Windows\\System32\\calc.exe")),
     "lệnh mở chương trình khác"),
    (lambda writer: writer.add_attachment("hoa-don.exe", b"MZ\x90\x00"), "tệp nhúng"),
    (rich_media, "nội dung đa phương tiện nhúng"),
])
def test_pdf_with_active_content_is_refused_saying_what(change, found):
    error = refusal("Báo cáo.pdf", pdf_bytes(change))
    assert error.code == "pdf_active"
    assert found in error.messages[0]
    assert error.messages[0].startswith("Tệp PDF có nội dung tự chạy hoặc tệp ẩn bên trong")


def test_names_written_with_hex_escapes_are_read_as_pdf_readers_read_them():
    data = pdf_bytes(open_action(action("/JavaScript", JS=JS)))
    data = data.replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/#4aS ")
    assert b"/JavaScript" not in data
    assert refusal("Báo cáo.pdf", data).code == "pdf_active"


def test_javascript_hidden_in_a_compressed_object_stream_is_found():
    data = hidden_in_object_stream(b"app.alert(1)")
    assert b"JavaScript" not in data
    error = refusal("Báo cáo.pdf", data)
    assert error.code == "pdf_active" and "mã JavaScript" in error.messages[0]


def test_an_object_stream_nobody_can_read_is_refused():
    data = hidden_in_object_stream(b"app.alert(1)", compress=lambda raw: raw.hex().encode())
    assert refusal("Báo cáo.pdf", data).code == "pdf_unreadable"


def test_pdf_that_needs_a_password_is_refused_one_with_only_restrictions_accepted():
    locked = pdf_bytes(encrypt={"user_password": "mat-khau", "owner_password": "chu-so-huu",
                                "algorithm": "AES-128"})
    error = refusal("Báo cáo.pdf", locked)
    assert error.code == "pdf_unreadable" and "mật khẩu" in error.messages[0]
    restricted = pdf_bytes(encrypt={"user_password": "", "owner_password": "chu-so-huu",
                                    "algorithm": "AES-128"})
    assert accepted("Báo cáo.pdf", restricted) == "pdf"
    hidden = pdf_bytes(open_action(action("/JavaScript", JS=JS)),
                       encrypt={"user_password": "", "owner_password": "chu-so-huu",
                                "algorithm": "AES-128"})
    assert refusal("Báo cáo.pdf", hidden).code == "pdf_active"


# --- Word and Excel ---------------------------------------------------------------------------

RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '{}</Relationships>')
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def relationship(kind: str, target: str, *, external: bool = True, rid: str = "rId99") -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{OFFICE_REL}{kind}" Target="{target}"{mode}/>'


def test_docx_with_an_external_template_is_refused():
    """The "template injection" of phishing documents: Word fetches the template on open."""
    data = rezip(docx_bytes(), add={"word/_rels/settings.xml.rels": RELS.format(relationship(
        "attachedTemplate", "http://example.invalid/mau.dotm")).encode()})
    error = refusal("Biên bản.docx", data)
    assert error.code == "external"
    assert "mẫu tài liệu đính kèm" in error.messages[0]
    assert error.messages[0].startswith("Tệp Word/Excel có liên kết tự tải nội dung từ bên ngoài")


def test_docx_with_an_external_ole_link_in_single_quotes_is_refused():
    rels = docx_bytes()
    with zipfile.ZipFile(io.BytesIO(rels)) as archive:
        document_rels = archive.read("word/_rels/document.xml.rels").decode()
    link = ("<Relationship Id='rId98' TargetMode = 'External' Target='\\\\10.0.0.1\\x\\a.xls' "
            f"Type='{OFFICE_REL}oleObject'/>")
    data = rezip(rels, edit={"word/_rels/document.xml.rels": document_rels.replace(
        "</Relationships>", link + "</Relationships>").encode()})
    error = refusal("Biên bản.docx", data)
    assert error.code == "external" and "đối tượng OLE liên kết" in error.messages[0]


def test_docx_with_a_hyperlink_is_accepted():
    data = docx_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document_rels = archive.read("word/_rels/document.xml.rels").decode()
    link = relationship("hyperlink", "https://thiduakhenthuong.gov.vn/")
    data = rezip(data, edit={"word/_rels/document.xml.rels": document_rels.replace(
        "</Relationships>", link + "</Relationships>").encode()})
    assert accepted("Biên bản.docx", data) == "docx"


def test_xlsx_linking_another_workbook_is_refused():
    data = rezip(xlsx_bytes(), add={
        "xl/externalLinks/_rels/externalLink1.xml.rels": RELS.format(relationship(
            "externalLinkPath", "file:///C:/bang-diem.xlsx")).encode()})
    error = refusal("Bảng điểm.xlsx", data)
    assert error.code == "external" and "liên kết ngoài" in error.messages[0]


@pytest.mark.parametrize(("name", "build", "part"), [
    ("Biên bản.docx", docx_bytes, "word/embeddings/oleObject1.bin"),
    ("Biên bản.docx", docx_bytes, "word/activeX/activeX1.bin"),
    ("Bảng điểm.xlsx", xlsx_bytes, "xl/embeddings/oleObject1.bin"),
    ("Bảng điểm.xlsx", xlsx_bytes, "xl/activeX/activeX1.xml"),
])
def test_embedded_ole_and_activex_are_refused(name, build, part):
    error = refusal(name, rezip(build(), add={part: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"}))
    assert error.code == "embedded"
    assert "đối tượng nhúng (OLE hoặc ActiveX)" in error.messages[0]


def test_a_chart_keeping_its_data_in_an_embedded_workbook_is_accepted():
    data = rezip(docx_bytes(), add={"word/embeddings/Microsoft_Excel_Worksheet.xlsx":
                                    xlsx_bytes()})
    assert accepted("Biên bản.docx", data) == "docx"
