import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cluster.text import (
    body_date,
    body_time,
    long_date,
    short_date,
    shorten,
    vi_sort_key,
    vi_sorted,
)


def test_vietnamese_alphabetical_order():
    names = ["Ưng Hòa", "Uông Bí", "Đà Nẵng", "Dương", "Ân Thi", "Ăn Quán", "An Giang", "Bắc Ninh",
             "Ô Môn", "Ơn", "Oanh", "Ê Đê", "Em"]
    assert vi_sorted(names, key=str) == [
        "An Giang", "Ăn Quán", "Ân Thi", "Bắc Ninh", "Dương", "Đà Nẵng", "Em", "Ê Đê",
        "Oanh", "Ô Môn", "Ơn", "Uông Bí", "Ưng Hòa",
    ]


def test_tones_order_after_letters():
    # ngang, huyền, hỏi, ngã, sắc, nặng
    assert vi_sorted(["má", "mạ", "mà", "ma", "mã", "mả"], key=str) == [
        "ma", "mà", "mả", "mã", "má", "mạ"]


def test_case_does_not_change_the_letter_order():
    assert vi_sort_key("đà")[0] == vi_sort_key("ĐÀ")[0]


@given(st.lists(st.text(max_size=12), max_size=8))
def test_sort_key_never_fails_and_is_total(items):
    assert sorted(items, key=vi_sort_key) == sorted(sorted(items), key=vi_sort_key)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2022, 6, 24), "ngày 24 tháng 6 năm 2022"),
        (datetime.date(2023, 2, 5), "ngày 05 tháng 02 năm 2023"),
        (datetime.date(2023, 1, 15), "ngày 15 tháng 01 năm 2023"),
        (datetime.date(2023, 12, 1), "ngày 01 tháng 12 năm 2023"),
        (datetime.date(2023, 3, 9), "ngày 09 tháng 3 năm 2023"),
    ],
)
def test_long_date_as_documents_write_it(day, expected):
    assert long_date(day) == expected


def test_short_date_for_citations():
    assert short_date(datetime.date(2022, 3, 31)) == "31/3/2022"
    assert long_date(datetime.date(2022, 6, 4), leading_zero=False) == "ngày 4 tháng 6 năm 2022"


@pytest.mark.parametrize(("moment", "date", "time"), [
    (datetime.datetime(2022, 6, 24, 8, 0), "24/6/2022", "8 giờ 00 phút, ngày 24/6/2022"),
    (datetime.datetime(2023, 2, 5, 14, 5), "5/2/2023", "14 giờ 05 phút, ngày 5/2/2023"),
    (datetime.datetime(2022, 12, 31, 0, 30), "31/12/2022", "0 giờ 30 phút, ngày 31/12/2022"),
])
def test_dates_in_the_body_of_a_document_one_form(moment, date, time):
    """Running text and tables cite dates one way, as the administrative texts cite theirs
    ("ngày 31/3/2022", no leading zeros); only the place-date line uses the long form."""
    assert body_date(moment.date()) == date
    assert body_time(moment) == time


@pytest.mark.parametrize(("text", "limit", "short"), [
    ("Biên bản hội nghị", 255, "Biên bản hội nghị"),
    ("Biên bản  hội\nnghị", 255, "Biên bản hội nghị"),
    ("Biên bản hội nghị sơ kết", 12, "Biên bản…"),  # never in the middle of a word
    ("Biên bản hội nghị sơ kết", 13, "Biên bản hội…"),  # a boundary right at the cut
    ("Biênbảnhộinghị", 6, "Biênb…"),  # one long word: cut in it rather than nothing
    ("Về việc A, B, C", 13, "Về việc A…"),  # "B," is not cut to "B"
])
def test_shorten_cuts_at_a_word_boundary(text, limit, short):
    assert shorten(text, limit) == short
    assert len(shorten(text, limit)) <= limit


@given(st.text(alphabet="ab ệ,", max_size=80), st.integers(min_value=2, max_value=60))
def test_shorten_never_exceeds_the_limit(text, limit):
    assert len(shorten(text, limit)) <= limit
