"""Where the signature goes on a rendered PDF (issue #18): measured from the PDF itself.

The signature block (reports/templates/reports/signature.html) prints the authority lines,
a blank room, then the signer's name, centred in its column. We find the signer's name on the
last page that prints it (pypdf's text positions), and the authority line just above it; the
signature's box is the room between them, centred on the name (its width from the font's
metrics: Liberation Serif Bold, the font the stylesheet prints names in).
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ValidationError

#: The width of the signature's box (the image is scaled to fit it, keeping its proportions).
BOX_WIDTH = 170.0
PADDING = 2.0
#: From the box's bottom down to under the signer's name (its 14 pt line and descenders): where
#: the body's information line may start without covering the name.
NAME_CLEARANCE = 30.0


@dataclass(frozen=True)
class Run:
    text: str
    x: float  # left of the baseline, PDF points from the bottom-left
    y: float  # baseline
    size: float  # font size in points


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).replace("\xa0", " ").casefold().split())


def _runs(page) -> list[Run]:
    runs: list[Run] = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text.strip():
            return
        tx, ty = tm[4], tm[5]
        x = cm[0] * tx + cm[2] * ty + cm[4]
        y = cm[1] * tx + cm[3] * ty + cm[5]
        size = abs(font_size * tm[3] * cm[3]) or abs(font_size)
        runs.append(Run(text.strip(), x, y, size))

    page.extract_text(visitor_text=visit)
    return runs


@lru_cache(maxsize=1)
def _bold_font():
    from django.contrib.staticfiles import finders
    from PIL import ImageFont

    return ImageFont.truetype(finders.find("reports/fonts/LiberationSerif-Bold.ttf"), 1000)


def text_width(text: str, size: float) -> float:
    return _bold_font().getlength(text.replace("\xa0", " ")) * size / 1000


def signature_box(pdf_bytes: bytes, signer_name: str) -> tuple[int, tuple[float, float,
                                                                            float, float]]:
    """(page index, (x1, y1, x2, y2)) of the room to sign above ``signer_name``."""
    from pypdf import PdfReader

    wanted = _fold(signer_name)
    reader = PdfReader(io.BytesIO(pdf_bytes))
    for index in range(len(reader.pages) - 1, -1, -1):
        runs = _runs(reader.pages[index])
        names = [r for r in runs if wanted and _fold(r.text) == wanted]
        if not names:
            continue
        name = names[-1]
        above = [r for r in runs if r.y > name.y + name.size
                 and abs(r.x + text_width(r.text, r.size) / 2
                         - (name.x + text_width(name.text, name.size) / 2)) < 40]
        if not above:
            break
        authority = min(above, key=lambda r: r.y)
        centre = name.x + text_width(name.text, name.size) / 2
        bottom = name.y + name.size * 0.9 + PADDING  # the name's cap height
        top = authority.y - authority.size * 0.25 - PADDING  # the line's descenders
        return index, (centre - BOX_WIDTH / 2, bottom, centre + BOX_WIDTH / 2, top)
    raise ValidationError("Không tìm thấy chỗ ký của %(name)s trên văn bản.",
                          params={"name": signer_name}, code="no_signature_block")
