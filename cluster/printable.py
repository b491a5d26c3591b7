"""Which characters an official document can print (issue #15), and what to do with the others.

Documents are set in Times New Roman (Nghị định 30/2020); where it is missing, the PDF uses the
metric-compatible Liberation Serif shipped in ``reports/static/reports/fonts``. A character
neither font has (an emoji, a check mark, a symbol of another script) prints as a blank: the
reader never learns that something was there. So:

* what users type is refused at input: ``PrintableTextValidator``, which the fields of
  ``cluster.fields`` run for every form, the admin and every service, names the character;
* what was stored before is replaced visibly when printed: ``replace_unprintable`` puts
  ``REPLACEMENT`` ("□", which the fonts have) where such a character was.

``PRINTABLE_RANGES`` is the character map (cmap) of Liberation Serif 2.1, the same in its four
faces (``tests/cluster/test_printable_text.py`` reads the shipped files with fontTools and
checks that the two agree), plus line breaks and tabs. It is written out here so that
``cluster`` neither reads ``reports``' files nor needs fontTools at run time.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy

# (first, last) code points, inclusive: the cmap of LiberationSerif-{Regular,Bold,Italic,
# BoldItalic}.ttf 2.1, which is the Regular face's (the others add a few glyphs).
PRINTABLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E), (0x00A0, 0x036F), (0x0374, 0x0375), (0x037A, 0x037E), (0x0384, 0x038A),
    (0x038C, 0x038C), (0x038E, 0x03A1), (0x03A3, 0x03CE), (0x03D0, 0x0513), (0x051A, 0x051D),
    (0x0591, 0x05C7), (0x05D0, 0x05EA), (0x05F0, 0x05F4), (0x1D00, 0x1DCA), (0x1DFE, 0x1E9B),
    (0x1E9E, 0x1E9E), (0x1EA0, 0x1EF9), (0x1F00, 0x1F15), (0x1F18, 0x1F1D), (0x1F20, 0x1F45),
    (0x1F48, 0x1F4D), (0x1F50, 0x1F57), (0x1F59, 0x1F59), (0x1F5B, 0x1F5B), (0x1F5D, 0x1F5D),
    (0x1F5F, 0x1F7D), (0x1F80, 0x1FB4), (0x1FB6, 0x1FC4), (0x1FC6, 0x1FD3), (0x1FD6, 0x1FDB),
    (0x1FDD, 0x1FEF), (0x1FF2, 0x1FF4), (0x1FF6, 0x1FFE), (0x2000, 0x2010), (0x2012, 0x2022),
    (0x2026, 0x2026), (0x202A, 0x2030), (0x2032, 0x2034), (0x2039, 0x203A), (0x203C, 0x203C),
    (0x203E, 0x203E), (0x2044, 0x2044), (0x205E, 0x205E), (0x206A, 0x206F), (0x2074, 0x2079),
    (0x207F, 0x2089), (0x2090, 0x2094), (0x20A0, 0x20B5), (0x20BF, 0x20BF), (0x20F0, 0x20F0),
    (0x2105, 0x2105), (0x2113, 0x2113), (0x2116, 0x2117), (0x2122, 0x2122), (0x2126, 0x2126),
    (0x212E, 0x212E), (0x214D, 0x214E), (0x2153, 0x2154), (0x215B, 0x215E), (0x2184, 0x2184),
    (0x2190, 0x2195), (0x21A8, 0x21A8), (0x21D4, 0x21D4), (0x2202, 0x2202), (0x2206, 0x2206),
    (0x220F, 0x220F), (0x2211, 0x2212), (0x2215, 0x2215), (0x2219, 0x221A), (0x221E, 0x221F),
    (0x2229, 0x2229), (0x222B, 0x222B), (0x2248, 0x2248), (0x2260, 0x2262), (0x2264, 0x2265),
    (0x2302, 0x2302), (0x2310, 0x2310), (0x2320, 0x2321), (0x2500, 0x2500), (0x2502, 0x2502),
    (0x250C, 0x250C), (0x2510, 0x2510), (0x2514, 0x2514), (0x2518, 0x2518), (0x251C, 0x251C),
    (0x2524, 0x2524), (0x252C, 0x252C), (0x2534, 0x2534), (0x253C, 0x253C), (0x2550, 0x256C),
    (0x2580, 0x2580), (0x2584, 0x2584), (0x2588, 0x2588), (0x258C, 0x258C), (0x2590, 0x2593),
    (0x25A0, 0x25A1), (0x25AA, 0x25AC), (0x25B2, 0x25B2), (0x25BA, 0x25BA), (0x25BC, 0x25BC),
    (0x25C4, 0x25C4), (0x25CA, 0x25CC), (0x25CF, 0x25D9), (0x25E6, 0x25E6), (0x263A, 0x263C),
    (0x2640, 0x2640), (0x2642, 0x2642), (0x2660, 0x2660), (0x2663, 0x2663), (0x2665, 0x2666),
    (0x2669, 0x266C), (0x266F, 0x266F), (0x2C60, 0x2C6D), (0x2C71, 0x2C77), (0x2E17, 0x2E17),
    (0xA717, 0xA721), (0xA788, 0xA78C), (0xF004, 0xF004), (0xFB01, 0xFB02), (0xFB1D, 0xFB36),
    (0xFB38, 0xFB3C), (0xFB3E, 0xFB3E), (0xFB40, 0xFB41), (0xFB43, 0xFB44), (0xFB46, 0xFB4F),
    (0xFE20, 0xFE23), (0xFFFC, 0xFFFC),
)
# Kept though no glyph is drawn for them: a line break and a tab are layout, not characters.
LAYOUT_CONTROLS = "\n\t"
REPLACEMENT = "\u25a1"  # □ WHITE SQUARE, in the fonts: what an unprintable character becomes
# Invisible companions of a replaced character: variation selectors (U+FE0F makes "❤" an
# emoji) and skin-tone modifiers. One "□" stands for the character and them together.
_COMPANIONS = "\ufe00-\ufe0f\U0001f3fb-\U0001f3ff\U000e0100-\U000e01ef"
SHOWN_AT_MOST = 5  # characters named in one message

ONE_UNPRINTABLE = gettext_lazy(
    "Ký tự %(characters)s không in được trong văn bản hành chính; "
    "vui lòng bỏ hoặc thay bằng chữ.")
SEVERAL_UNPRINTABLE = gettext_lazy(
    "Các ký tự %(characters)s không in được trong văn bản hành chính; "
    "vui lòng bỏ hoặc thay bằng chữ.")


def _char_class(extra: str = "") -> str:
    return "".join(
        f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in PRINTABLE_RANGES
    ) + extra


@functools.cache
def _unprintable_run(keep: str) -> re.Pattern[str]:
    allowed = _char_class(re.escape(LAYOUT_CONTROLS + keep))
    return re.compile(f"[^{allowed}][{_COMPANIONS}]*")


def unprintable_characters(text: str) -> list[str]:
    """The characters of ``text`` the document fonts cannot print, each once, in order (an
    emoji's variation selector or skin-tone modifier is not named apart from it)."""
    if not text or text.isascii():
        return []
    return list(dict.fromkeys(run[0] for run in _unprintable_run("").findall(text)))


def replace_unprintable(text: str, *, keep: str = "") -> str:
    """``text`` with each character the fonts cannot print (and its variation selector or
    skin-tone modifier) as one ``REPLACEMENT``; the characters of ``keep`` are left alone
    (layout characters a renderer adds on purpose, such as U+2060 WORD JOINER)."""
    if not text or text.isascii():
        return text
    return _unprintable_run(keep).sub(REPLACEMENT, text)


def _shown(char: str) -> str:
    """“😀”, or the code point for what would not be seen between the quotes."""
    if unicodedata.category(char)[0] in "MZC" or "\ufe00" <= char <= "\ufe0f":
        return f"U+{ord(char):04X}"
    return f"“{char}”"


@deconstructible
class PrintableTextValidator:
    """Refuses text holding a character the document fonts cannot print, naming it."""

    code = "unprintable"

    def __call__(self, value: Any) -> None:
        if not isinstance(value, str):
            return
        found = unprintable_characters(value)
        if not found:
            return
        shown = ", ".join(_shown(char) for char in found[:SHOWN_AT_MOST])
        if len(found) > SHOWN_AT_MOST:
            shown += ", …"
        message = ONE_UNPRINTABLE if len(found) == 1 else SEVERAL_UNPRINTABLE
        raise ValidationError(message, code=self.code, params={"characters": shown})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PrintableTextValidator)

    def __hash__(self) -> int:
        return hash(PrintableTextValidator)
