"""PAdES signing of PDF bytes with the appearance of Nghị định 30/2020/NĐ-CP, Phụ lục I.

This module is the one interface every key source uses (docs/signatures.md):

* a PKCS#12 key stored encrypted (``signatures.keys``) gives a pyHanko ``SimpleSigner``;
* a PKCS#11 token or HSM (``signatures.pkcs11``) gives a pyHanko ``PKCS11Signer``;
* the person's own token outside the server (``signatures.external``) uses pyHanko's interrupted
  signing with the same :func:`signature_meta_and_field` / :func:`pdf_signer_for`.

Each call adds ONE incremental revision with one signature; what was signed before is kept
byte for byte. Nothing here knows which document is signed, nor who may sign it (``reports``).

Presentation (docs/signatures.md, "Thể thức"):

* the signer's signature image, BLUE, centred in ``box`` (the space between the authority's title
  and the signer's name in the signature block), no text;
* the issuing body's seal, RED, at its real size (``Appearance.seal_width_mm``), its right edge
  over about a third of the signer's image from the left (:func:`seal_box`), and under it the
  information line: the body's name and the signing time in ISO 8601 with +07:00, Times New Roman
  (Liberation Serif, metric-compatible), upright, 10 pt, black.
"""

from __future__ import annotations

import io
import logging
import socket
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from PIL import Image
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.content import PdfContent
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBox, TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.stamp.base import BaseStamp, BaseStampStyle

__all__ = [
    "Appearance",
    "BLUE",
    "INFO_FONT_SIZE",
    "RED",
    "VN_TZ",
    "info_line_text",
    "pdf_signer_for",
    "run_async",
    "seal_box",
    "sign_pdf",
    "signature_image_rect",
    "signature_meta_and_field",
    "timestamper_from_settings",
    "vn_now",
]

# fontTools logs every font subset at INFO (dozens of lines per signature); a LOGGING setting
# that names this logger takes precedence.
if logging.getLogger("fontTools").level == logging.NOTSET:
    logging.getLogger("fontTools").setLevel(logging.WARNING)

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MM = 72 / 25.4  # PDF points per millimetre
BLUE = (0, 0, 255)  # the signer's image (Phụ lục I: "màu xanh")
RED = (255, 0, 0)  # the body's seal (Phụ lục I: "màu đỏ")
INFO_FONT_SIZE = 10  # Phụ lục I: Times New Roman, chữ đứng, cỡ chữ 10, màu đen
INFO_LEADING = 12
DEFAULT_SEAL_MM = 36.0  # a round seal of a state body is typically 35-40 mm across
IMAGE_DPI = 300  # the images are embedded at no more than this resolution


def vn_now() -> datetime:
    """Now, on the server clock, in Vietnam's time zone (whole seconds)."""
    return datetime.now(VN_TZ).replace(microsecond=0)


def info_line_text(body_name: str, when: datetime) -> str:
    """The information line of the body's signature: its name, then the time in ISO 8601 +07:00."""
    return f"{body_name}\n{when.astimezone(VN_TZ).isoformat(timespec='seconds')}"


@dataclass(frozen=True)
class Appearance:
    """What a signature shows on the page.

    ``signature_png``: the signer's image (drawn blue, centred in the box, scaled to fit);
    ``seal_png``: the body's seal (drawn red, at ``seal_width_mm`` wide, top-left of the box);
    ``info_line``: text drawn under the seal; ``{time}`` in it becomes the signing time
    (ISO 8601 with +07:00) — use :func:`info_line_text` with ``"{time}"`` or a final time.
    """

    signature_png: bytes | None = None
    seal_png: bytes | None = None
    info_line: str = ""
    seal_width_mm: float = DEFAULT_SEAL_MM


# ---------------------------------------------------------------- images and geometry


def _tinted(png: bytes, rgb: tuple[int, int, int]) -> Image.Image:
    """The PNG's shape (its alpha) in one colour: blue ink, red seal, whatever it was."""
    with Image.open(io.BytesIO(png)) as img:
        img = img.convert("RGBA")
    alpha = img.getchannel("A")
    out = Image.new("RGBA", img.size, (*rgb, 255))
    out.putalpha(alpha)
    return out


def _image_size(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as img:
        return img.size


def signature_image_rect(
    box: tuple[float, float, float, float], png: bytes
) -> tuple[float, float, float, float]:
    """Where the signer's image lands inside ``box`` (x1, y1, x2, y2): scaled to fit, centred."""
    x1, y1, x2, y2 = box
    w, h = x2 - x1, y2 - y1
    iw, ih = _image_size(png)
    scale = min(w / iw, h / ih)
    dw, dh = iw * scale, ih * scale
    left = x1 + (w - dw) / 2
    bottom = y1 + (h - dh) / 2
    return (left, bottom, left + dw, bottom + dh)


def _seal_size_pt(appearance: Appearance) -> tuple[float, float]:
    iw, ih = _image_size(appearance.seal_png) if appearance.seal_png else (1, 1)
    width = appearance.seal_width_mm * MM
    return width, width * ih / iw


def _info_lines(appearance: Appearance, when: datetime) -> list[str]:
    text = appearance.info_line.replace(
        "{time}", when.astimezone(VN_TZ).isoformat(timespec="seconds")
    )
    return [line for line in text.split("\n") if line]


def seal_box(
    signature_rect: tuple[float, float, float, float],
    appearance: Appearance,
    *,
    info_top: float | None = None,
) -> tuple[float, float, float, float]:
    """The body's signature widget: the seal at real size over the left third of the signer's
    image (its right edge one third into the image, vertically centred on it), and the
    information line at the widget's bottom: right under the seal, or lower when ``info_top``
    (the highest its first line may reach: under the signer's printed name) says so."""
    sx1, sy1, sx2, sy2 = signature_rect
    seal_w, seal_h = _seal_size_pt(appearance)
    right = sx1 + (sx2 - sx1) / 3
    left = right - seal_w
    mid = (sy1 + sy2) / 2
    top = mid + seal_h / 2
    lines = len([line for line in appearance.info_line.split("\n") if line])
    if not lines:
        return (left, mid - seal_h / 2, right, top)
    text_top = mid - seal_h / 2 - 2
    if info_top is not None:
        text_top = min(text_top, info_top)
    bottom = text_top - lines * INFO_LEADING - 2
    return (left, bottom, left + max(seal_w, _info_width(appearance)), top)


def _info_width(appearance: Appearance) -> float:
    # an upper bound good enough for the widget's width: the time is 25 characters
    sample = appearance.info_line.replace("{time}", "2000-01-01T00:00:00+07:00")
    return max(len(line) for line in sample.split("\n")) * INFO_FONT_SIZE * 0.5 + 4


@lru_cache(maxsize=1)
def _font_path() -> str:
    from django.contrib.staticfiles import finders

    found = finders.find("reports/fonts/LiberationSerif-Regular.ttf")
    if not found:  # pragma: no cover - the font ships with the project
        raise SigningError("Không tìm thấy phông chữ Liberation Serif.")
    return found


# ---------------------------------------------------------------- the stamp (appearance stream)


class _Em1000Accumulator(GlyphAccumulator):
    """pyHanko 0.38 writes a TrueType font's widths in its own units (2048 an em for Liberation
    Serif) where PDF reads thousandths of an em: the text came out twice as wide. Shape and
    measure in thousandths instead (set up by :class:`_Em1000Factory`)."""

    _font_upem = 1000

    def _get_cid_and_width(self, glyph_id: int) -> tuple[int, int]:
        cached = self._glyphs.get(glyph_id)
        if cached is None:
            cid, width = super()._get_cid_and_width(glyph_id)
            cached = self._glyphs[glyph_id] = (cid, round(width * 1000 / self._font_upem))
        return cached


@lru_cache(maxsize=1)
def _font_bytes() -> bytes:
    with open(_font_path(), "rb") as handle:
        return handle.read()


@dataclass(frozen=True)
class _Em1000Factory(GlyphAccumulatorFactory):
    """As pyHanko's factory, with :class:`_Em1000Accumulator`, reading the font from memory
    (pyHanko's leaves the font file open)."""

    def create_font_engine(self, writer, obj_stream=None):
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        engine = _Em1000Accumulator(
            writer=writer, font_handle=io.BytesIO(_font_bytes()), font_size=self.font_size,
            ot_script_tag=self.ot_script_tag, ot_language_tag=self.ot_language_tag,
            writing_direction=self.writing_direction, bcp47_lang_code=self.bcp47_lang_code,
            obj_stream=obj_stream)
        engine._font_upem = engine.units_per_em
        engine.units_per_em = 1000
        engine.hb_font.scale = (1000, 1000)
        return engine


@dataclass(frozen=True)
class Nd30StampStyle(BaseStampStyle):
    """pyHanko stamp style drawing an :class:`Appearance` (no border, no background)."""

    appearance: Appearance = field(default_factory=Appearance)
    when: datetime | None = None
    border_width: int = 0
    background_opacity: float = 1.0

    def create_stamp(self, writer, box, text_params):
        return Nd30Stamp(writer=writer, style=self, box=box)


class Nd30Stamp(BaseStamp):
    def _render_inner_content(self):
        style: Nd30StampStyle = self.style
        appearance = style.appearance
        w, h = self.box.width, self.box.height
        ops: list[bytes] = []
        if appearance.signature_png:
            rect = signature_image_rect((0, 0, w, h), appearance.signature_png)
            ops.append(self._image(_tinted(appearance.signature_png, BLUE), rect))
        seal_h = 0.0
        if appearance.seal_png:
            seal_w, seal_h = _seal_size_pt(appearance)
            ops.append(self._image(_tinted(appearance.seal_png, RED), (0, h - seal_h, seal_w, h)))
        lines = _info_lines(appearance, style.when or vn_now())
        if lines:  # at the widget's bottom (seal_box leaves the room)
            ops.append(self._text(lines, top=len(lines) * INFO_LEADING + 2))
        return ops

    def _image(self, img: Image.Image, rect) -> bytes:
        x1, y1, x2, y2 = rect
        width = max(1, round((x2 - x1) / 72 * IMAGE_DPI))
        if img.width > width:  # no more pixels than print needs: smaller, faster to embed
            img = img.resize((width, max(1, round(img.height * width / img.width))),
                             Image.Resampling.LANCZOS)
        content = PdfImage(img, writer=self.writer, box=layout.BoxConstraints(x2 - x1, y2 - y1))
        return self._embed(content, b"1 0 0 1 %g %g cm" % (x1, y1))

    def _text(self, lines: list[str], *, top: float) -> bytes:
        style = TextBoxStyle(
            font=_Em1000Factory(_font_path()),
            font_size=INFO_FONT_SIZE,
            leading=INFO_LEADING,
            border_width=0,
            text_color=(0, 0, 0),
        )
        box = TextBox(style, writer=self.writer, font_name="FInfo")
        box.content = "\n".join(lines)
        height = len(lines) * INFO_LEADING
        return self._embed(box, b"1 0 0 1 0 %g cm" % (top - height - 2))

    def _embed(self, content: PdfContent, position: bytes) -> bytes:
        content.set_writer(self.writer)
        rendered = content.render()
        self.import_resources(content.resources)
        return b"q " + position + b" " + rendered + b" Q"


# ---------------------------------------------------------------- signing


class _TimedPdfSigner(signers.PdfSigner):
    """A PdfSigner whose signing time is the one shown in the appearance (not a second later)."""

    def __init__(self, *args, signing_time: datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.signing_time = signing_time

    def init_signing_session(self, pdf_out, existing_fields_only=False):
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self.signing_time
        return session


def signature_meta_and_field(
    *,
    field_name: str,
    box: tuple[float, float, float, float] | None,
    page: int,
    appearance: Appearance | None,
    reason: str,
    location: str,
    signing_time: datetime | None = None,
) -> tuple[signers.PdfSignatureMetadata, fields.SigFieldSpec, BaseStampStyle, datetime]:
    """The pieces every key source shares: the signature's metadata (PAdES, SHA-256), the new
    field (on ``page``, at ``box`` in PDF points from the bottom-left, invisible when None), the
    Nghị định 30 stamp style and the signing time (Vietnam time, whole seconds)."""
    when = (signing_time or vn_now()).astimezone(VN_TZ)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
    )
    spec = fields.SigFieldSpec(
        sig_field_name=field_name,
        on_page=page,
        box=tuple(round(v, 2) for v in box) if box else None,
    )
    style = Nd30StampStyle(appearance=appearance or Appearance(), when=when)
    return meta, spec, style, when


def pdf_signer_for(
    signer: signers.Signer,
    *,
    field_name: str,
    box: tuple[float, float, float, float] | None,
    page: int,
    appearance: Appearance | None,
    reason: str,
    location: str,
    timestamper=None,
    signing_time: datetime | None = None,
) -> signers.PdfSigner:
    """A pyHanko ``PdfSigner`` set up as :func:`sign_pdf` does (for interrupted signing too)."""
    meta, spec, style, when = signature_meta_and_field(
        field_name=field_name,
        box=box,
        page=page,
        appearance=appearance,
        reason=reason,
        location=location,
        signing_time=signing_time,
    )
    return _TimedPdfSigner(
        meta,
        signer,
        timestamper=timestamper,
        stamp_style=style,
        new_field_spec=spec,
        signing_time=when,
    )


def sign_pdf(
    pdf_bytes: bytes,
    *,
    signer: signers.Signer,
    field_name: str,
    box: tuple[float, float, float, float] | None,
    page: int,
    appearance: Appearance | None,
    reason: str,
    location: str,
    timestamper=None,
    signing_time: datetime | None = None,
) -> bytes:
    """``pdf_bytes`` with one more signature, as an incremental update (PAdES B-B, or B-T with a
    timestamper). The bytes before stay untouched, so earlier signatures stay intact."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    pdf_signer = pdf_signer_for(
        signer,
        field_name=field_name,
        box=box,
        page=page,
        appearance=appearance,
        reason=reason,
        location=location,
        timestamper=timestamper,
        signing_time=signing_time,
    )
    out = run_async(lambda: pdf_signer.async_sign_pdf(writer))
    return out.getvalue()


def run_async(make_coroutine):
    """Run pyHanko's coroutine to its end from sync code, also where an event loop is already
    running in this thread (an ASGI worker, a test driving a browser): then in a thread."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


def timestamper_from_settings():
    """A pyHanko timestamper for ``settings.SIGNING_TSA_URL`` when set and reachable, else None
    (the signature then carries the server clock's time, and the verification page says so)."""
    url = getattr(settings, "SIGNING_TSA_URL", "") or ""
    if not url:
        return None
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=2):
            pass
    except OSError:
        return None
    from pyhanko.sign.timestamps.aiohttp_client import HTTPTimeStamper

    return HTTPTimeStamper(url)
