"""Vietnamese text helpers: alphabetical order and dates as documents write them."""

from __future__ import annotations

import datetime
import unicodedata

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
