"""QR codes for the verification line of a document: PNG for the PDF and for Word.

The PDF prints the code in the bottom margin of every page. WeasyPrint stores a raster image
once and draws it on each page by reference, whereas an SVG is parsed and drawn again page by
page: the vector path of the code cost 50 ms a page, a second of a 36-page report
(docs/performance.md, "The mid-year PDF of the largest cluster")."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.constants


def _code(payload: str) -> qrcode.QRCode:
    if not payload:
        raise ValueError("A QR code needs a payload.")
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=1)
    code.add_data(payload)
    code.make(fit=True)
    return code


def qr_png(payload: str, *, box_size: int = 8) -> bytes:
    """The QR code as PNG bytes, grey-scale, ``box_size`` pixels a module: 8 prints the PDF's
    9 mm code (document.css, "Verification") at about 700 dpi, crisp on paper and on screen."""
    code = _code(payload)
    code.box_size = box_size
    buffer = io.BytesIO()
    code.make_image().get_image().convert("L").save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def qr_png_data_uri(payload: str) -> str:
    """A ``data:`` URI for an <img>: nothing is written to disk or fetched."""
    return "data:image/png;base64," + base64.b64encode(qr_png(payload)).decode("ascii")
