"""QR codes for the verification line of a document: vector SVG for the PDF, PNG for Word."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.constants
import qrcode.image.svg


def _code(payload: str) -> qrcode.QRCode:
    if not payload:
        raise ValueError("A QR code needs a payload.")
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=1)
    code.add_data(payload)
    code.make(fit=True)
    return code


def qr_svg(payload: str) -> bytes:
    """The QR code as a standalone SVG document (one path, so it prints crisp at any size)."""
    image = _code(payload).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="utf-8")


def qr_svg_data_uri(payload: str) -> str:
    """A ``data:`` URI for an <img>: nothing is written to disk or fetched."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(payload)).decode("ascii")


def qr_png(payload: str, *, box_size: int = 8) -> bytes:
    """The QR code as PNG bytes (python-docx embeds raster pictures only)."""
    code = _code(payload)
    code.box_size = box_size
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()
