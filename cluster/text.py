"""Vietnamese text helpers: what users may type (how long, normalised how), alphabetical
order, dates as documents write them, and text made inert for spreadsheets.

Text from users (issue #10) is cleaned once, by ``clean_user_text``, which the fields of
``cluster.fields`` call for every form, the admin and every service that saves a model: NFC
(a PDF's text layer, search and sorting all assume composed Vietnamese), no bidirectional
overrides or other invisible format characters (U+202E would print "000.001" as "100.000"), no
control characters but line breaks and tabs, and ``\r\n`` as ``\n``. How long each kind of text
may be is said here, once, in the ``*_MAX`` constants every app's models and forms use.
"""

from __future__ import annotations

import datetime
import functools
import re
import sys
import unicodedata

# --- How long what users type may be (characters, counted after clean_user_text) ----------------
NAME_MAX = 255  # a name or a title: a unit, a campaign, a person, a document's title
NOTE_MAX = 2_000  # a note, a comment, a summary line, a document's subject (trích yếu), a source
PARAGRAPH_MAX = 5_000  # one commitment, one criterion's guidance, a score's explanation
SECTION_MAX = 20_000  # a narrative section of a report or record, a description

# --- Normalising what users type ------------------------------------------------------------------
_KEPT_CONTROLS = {"\n", "\t"}
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs"}  # controls, format (bidi, zero-width, BOM), surrogates
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85\x0b\x0c]")


@functools.cache
def _invisible() -> re.Pattern[str]:
    """One character class of every control, format and surrogate code point but \\n and \\t,
    built from the running Python's Unicode tables the first time it is needed."""
    ranges: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char in _KEPT_CONTROLS or unicodedata.category(char) not in _DROPPED_CATEGORIES:
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return re.compile("[" + "".join(
        f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]")


def clean_user_text(text: str) -> str:
    """Text as users meant it: line breaks as ``\\n`` (``\\r\\n``, ``\\r``, U+2028/2029, form feed
    and vertical tab become one), every other control character, bidirectional control
    (U+202A–202E, U+2066–2069, U+200E/200F), zero-width character (U+200B–200D, U+2060, U+FEFF)
    and other format character (Unicode category Cf) dropped, then NFC. Nothing else changes:
    no trimming, tabs kept. Idempotent."""
    if not text:
        return text
    if not text.isascii() or not text.isprintable():
        text = _invisible().sub("", _LINE_BREAKS.sub("\n", text))
        text = unicodedata.normalize("NFC", text)
    return text


# --- Slugs ---------------------------------------------------------------------------------------
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def vietnamese_slug(text: str, *, max_length: int = 80) -> str:
    """The one slug function of the project, for every slug in the app and in admin:
    "Cụm thi đua các Sở Nội vụ vùng Đồng bằng sông Cửu Long" ->
    "cum-thi-dua-cac-so-noi-vu-vung-dong-bang-song-cuu-long". NFD with the combining marks
    dropped (tones, breve, circumflex, horn), đ/Đ as d, lowercase, every run of other
    characters as one "-", trimmed; cut at a "-" to at most ``max_length`` characters."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    slug = _NON_ALNUM.sub("-", text).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length + 1]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]).strip("-")
    return slug


# --- Case ----------------------------------------------------------------------------------------


def lower_first(text: str) -> str:
    """A title or name continued inside a sentence: its first letter in lower case, every
    other letter as written, so proper names keep their capitals ("Hội nghị tổng kết … Cụm
    thi đua các Sở Nội vụ vùng Đồng bằng sông Cửu Long" -> "hội nghị tổng kết … Cụm thi đua
    các Sở Nội vụ vùng Đồng bằng sông Cửu Long"). An initialism ("UBND", "HĐND") is kept."""
    if not text:
        return text
    first_word = text.split(maxsplit=1)[0]
    letters = [char for char in first_word if char.isalpha()]
    if len(letters) > 1 and all(char.isupper() for char in letters):
        return text
    return text[0].lower() + text[1:]


# --- Spreadsheets --------------------------------------------------------------------------------
FORMULA_TRIGGERS = ("=", "+", "-", "@")
CONTROL_TRIGGERS = ("\t", "\r", "\n")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet (Excel, LibreOffice, Google Sheets), opening an XLSX or a CSV
    file, could take this text for a formula: it starts with ``=``, ``+``, ``-`` or ``@``
    (also after leading spaces), or with a tab, carriage return or line feed (OWASP, "CSV
    Injection")."""
    return text.startswith(CONTROL_TRIGGERS) or text.lstrip().startswith(FORMULA_TRIGGERS)


def spreadsheet_safe(value):
    """A cell value made inert for every spreadsheet-like export (CSV, XLSX): formula-like
    text gets a leading single quote, as OWASP recommends; anything else, numbers included,
    is returned as it is."""
    if isinstance(value, str) and is_formula_like(value):
        return f"'{value}"
    return value

# The Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
# Letters outside it (f, j, w, z in foreign names) are slotted where Latin order puts them.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# Tone marks order only when the letters are equal: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a new letter rather than a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn


def _split(char: str) -> tuple[str, int]:
    """Split one character into its letter (with ă â ê ô ơ ư đ kept whole) and its tone."""
    decomposed = unicodedata.normalize("NFD", char)
    base, tone = decomposed[0], 0
    marks = ""
    for mark in decomposed[1:]:
        if mark in _TONES:
            tone = _TONES[mark]
        elif mark in _LETTER_MARKS:
            marks += mark
    return unicodedata.normalize("NFC", base + marks), tone


def fold(text: str) -> str:
    """Lower case without diacritics, for search that ignores them: "Điển hình" → "dien hinh"."""
    decomposed = unicodedata.normalize("NFD", (text or "").casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def vi_sort_key(text: str) -> tuple:
    """A key that sorts Vietnamese strings in dictionary order (Đ after D, Ư after U, and
    tones after letters): ``sorted(names, key=vi_sort_key)``."""
    letters: list[tuple[int, int | str]] = []
    tones: list[int] = []
    for char in text.casefold():
        letter, tone = _split(char)
        if letter == "đ" or letter in _LETTER_RANK:
            letters.append((0, _LETTER_RANK[letter]))
        elif letter.isspace():
            letters.append((-1, 0))
        else:
            letters.append((1, letter))
        tones.append(tone)
    return (letters, tones, text)


def vi_sorted(items, key=lambda item: str(item)):
    return sorted(items, key=lambda item: vi_sort_key(key(item)))


def long_date(day: datetime.date, *, leading_zero: bool = True) -> str:
    """"ngày 24 tháng 6 năm 2022". Documents (Nghị định 30/2020) write days under 10 and the
    months 1 and 2 with a leading zero: "ngày 05 tháng 02 năm 2023"."""
    if leading_zero:
        dd = f"{day.day:02d}"
        mm = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    else:
        dd, mm = str(day.day), str(day.month)
    return f"ngày {dd} tháng {mm} năm {day.year}"


def short_date(day: datetime.date) -> str:
    """"31/3/2022", as citations write dates."""
    return f"{day.day}/{day.month}/{day.year}"


# --- Dates in the body of a document (issue #15) -------------------------------------------------
# One form in every document's running text and tables, as Vietnamese administrative texts cite
# dates ("Công văn số 1237/BNV-VP ngày 31/3/2022"): day/month/year without leading zeros. The
# place-date line under the Quốc hiệu is the one place with the long form (``long_date``).


def body_date(day: datetime.date) -> str:
    """"24/6/2022": a date in the body of a document (its place-date line uses
    ``long_date``)."""
    return short_date(day)


def body_time(moment: datetime.datetime) -> str:
    """"8 giờ 00 phút, ngày 24/6/2022": a time in the body of a document (local time: pass
    ``timezone.localtime(...)``)."""
    return f"{moment.hour} giờ {moment.minute:02d} phút, ngày {body_date(moment.date())}"


def shorten(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters: whitespace runs as one space, and when it is
    longer, cut at the last word boundary that leaves room for "…" (metadata, record titles;
    never the text of a document)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and text[limit - 1] != " ":
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"
