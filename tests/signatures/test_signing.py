"""Signing PDF bytes (signatures.signing) and reading them back with pyHanko's validation:
both signatures intact and trusted by the test root, the boxes where Nghị định 30/2020 puts
them (measured from the PDF), the information line's text and time format, and tampering
(one changed byte, an update after signing) reported as such."""

import io
import re

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pypdf import PdfReader

from reports.signature_position import signature_box
from signatures import keys
from signatures.signing import (
    BLUE,
    MM,
    RED,
    Appearance,
    _tinted,
    info_line_text,
    seal_box,
    sign_pdf,
    signature_image_rect,
    timestamper_from_settings,
    vn_now,
)
from signatures.validation import validate_pdf

from .conftest import PASSWORD, png

SIGNATURE = png()
SEAL = png((200, 200), colour=(180, 0, 0, 255))
BODY = "Sở Nội vụ tỉnh Quảng Trị"


def _signer(p12):
    from signatures.services import pkcs12_signer

    class Key:  # what pkcs12_signer reads of a SigningKey
        encrypted_pkcs12 = keys.encrypt(p12)
        encrypted_password = keys.encrypt(PASSWORD.encode())

    return pkcs12_signer(Key())


@pytest.fixture(scope="module")
def signed(report_pdf, person_p12, body_p12, ca):
    page, box = signature_box(report_pdf, "Ngô Quang Chiến")
    first = sign_pdf(report_pdf, signer=_signer(person_p12), field_name="NguoiKy", box=box,
                     page=page, appearance=Appearance(signature_png=SIGNATURE), reason="Ký",
                     location="Quảng Trị")
    when = vn_now()
    appearance = Appearance(seal_png=SEAL, info_line=info_line_text(BODY, when))
    rect = signature_image_rect(box, SIGNATURE)
    body_box = seal_box(rect, appearance)
    second = sign_pdf(first, signer=_signer(body_p12), field_name="CoQuan", box=body_box,
                      page=page, appearance=appearance, reason="Ban hành", location="Quảng Trị",
                      signing_time=when)
    return {"page": page, "box": box, "rect": rect, "body_box": body_box, "first": first,
            "pdf": second, "when": when, "unsigned": report_pdf}


def _annots(pdf: bytes, page: int) -> dict:
    reader = PdfReader(io.BytesIO(pdf))
    return {str(a.get_object()["/T"]): a.get_object()
            for a in reader.pages[page].get("/Annots") or []}


def test_both_signatures_are_intact_and_trusted_by_the_test_root(signed, ca):
    report = validate_pdf(signed["pdf"], [ca.der])
    assert report.ok
    assert [(s.field_name, s.signer_name, s.organisation) for s in report.signatures] == [
        ("NguoiKy", "Ngô Quang Chiến", BODY), ("CoQuan", BODY, BODY)]
    first, last = report.signatures
    assert first.intact and first.trusted and first.valid_at_signing and not first.changed_after
    assert not first.covers_whole_file and last.covers_whole_file  # only a signature came after
    assert not first.time_from_tsa  # no timestamp authority configured: the server clock


def test_the_earlier_bytes_stay_untouched(signed):
    assert signed["pdf"].startswith(signed["first"])
    assert signed["first"].startswith(signed["unsigned"])


def test_without_the_root_nothing_is_trusted(signed):
    report = validate_pdf(signed["pdf"], [])
    assert not report.ok
    assert all(s.intact and not s.trusted for s in report.signatures)


def test_the_signers_box_is_the_room_between_the_title_and_the_name(signed):
    annots = _annots(signed["pdf"], signed["page"])
    rect = [float(v) for v in annots["NguoiKy"]["/Rect"]]
    assert rect == pytest.approx(list(signed["box"]), abs=0.01)
    # measured from the PDF: above the name's baseline, below the last authority line
    reader = PdfReader(io.BytesIO(signed["unsigned"]))
    lines = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            lines[text.strip().replace("\xa0", " ")] = cm[3] * tm[5] + cm[5]

    reader.pages[signed["page"]].extract_text(visitor_text=visit)
    name_y = lines["Ngô Quang Chiến"]
    title_y = lines["GIÁM ĐỐC SỞ NỘI VỤ TỈNH QUẢNG TRỊ"]
    assert name_y < rect[1] < rect[3] < title_y
    assert rect[3] - rect[1] > 50  # the room to sign: several lines' height


def test_the_seal_is_real_size_over_the_left_third_of_the_signature(signed):
    annots = _annots(signed["pdf"], signed["page"])
    x1, y1, x2, y2 = (float(v) for v in annots["CoQuan"]["/Rect"])
    sx1, sy1, sx2, sy2 = signed["rect"]
    seal_width = 36 * MM
    assert x1 == pytest.approx(sx1 + (sx2 - sx1) / 3 - seal_width, abs=0.02)
    assert x1 + seal_width == pytest.approx(sx1 + (sx2 - sx1) / 3, abs=0.02)  # a third over
    assert y2 == pytest.approx((sy1 + sy2) / 2 + seal_width / 2, abs=0.02)  # centred on it


def test_the_information_line_names_the_body_and_the_time_in_iso_8601_vietnam(signed):
    annots = _annots(signed["pdf"], signed["page"])
    stream = annots["CoQuan"]["/AP"]["/N"].get_object().get_data()
    texts = [_pdf_string(m) for m in re.findall(rb"/ActualText \((.*?)\)\n>>", stream, re.S)]
    iso = signed["when"].isoformat(timespec="seconds")
    assert texts == [BODY, iso]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00", iso)
    # the time shown is the signature's own signing time (/M)
    reader = PdfFileReader(io.BytesIO(signed["pdf"]))
    last = reader.embedded_signatures[-1]
    assert last.self_reported_timestamp == signed["when"]
    assert b" 10 Tf" in stream and b"0 0 0 rg" in stream  # 10 pt, black


def _pdf_string(raw: bytes) -> str:
    raw = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), raw)
    raw = re.sub(rb"\\(.)", rb"\1", raw)
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be")
    return raw.decode("latin-1")


def test_images_are_drawn_blue_and_red_whatever_their_colour():
    blue = _tinted(png(colour=(0, 0, 0, 255)), BLUE)
    red = _tinted(png(colour=(0, 200, 0, 255)), RED)
    assert {px[:3] for px in blue.get_flattened_data() if px[3]} == {BLUE}
    assert {px[:3] for px in red.get_flattened_data() if px[3]} == {RED}
    assert blue.getpixel((0, 0))[3] == 0  # still transparent around


def test_one_changed_byte_is_reported(signed, ca):
    pdf = bytearray(signed["pdf"])
    at = pdf.index(b"stream", len(signed["unsigned"]) // 2) + 40  # inside a signed stream
    pdf[at] ^= 0x01
    report = validate_pdf(bytes(pdf), [ca.der])
    assert not report.ok
    assert not report.readable or any(not (s.intact and s.valid) for s in report.signatures)


def test_an_update_after_signing_is_reported(signed, ca):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed["pdf"]), strict=False)
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    from pyhanko.pdf_utils.generic import NameObject, NumberObject

    page[NameObject("/Rotate")] = NumberObject(90)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    report = validate_pdf(out.getvalue(), [ca.der])
    assert report.updated_after_last and not report.ok
    assert all(s.intact for s in report.signatures)  # what they signed is still there ...
    assert any(s.changed_after for s in report.signatures)  # ... but more than a signature came


def test_no_timestamp_authority_means_the_server_clock(settings):
    settings.SIGNING_TSA_URL = ""
    assert timestamper_from_settings() is None
    settings.SIGNING_TSA_URL = "http://127.0.0.1:9/tsa"  # nothing listens there
    assert timestamper_from_settings() is None
