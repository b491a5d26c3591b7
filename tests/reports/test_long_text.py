"""One unit's very long text must not break the secretariat's documents (issue #10, §2: a
2,000,000-character good-practice description made the mid-year PDF time out, 100,000
characters took 10 s). The compiled report quotes the units' texts within a budget, so the
whole document still prints, with what was cut marked. Timing is measured in bench/, not
here."""

import io
import unicodedata

import pypdf
import pytest
from django.test import Client

from reports.kinds import SPECS, fingerprint
from reports.kinds.common import (
    ABRIDGED,
    QUOTE_BUDGET,
    QUOTE_FLOOR,
    QUOTE_MAX,
    excerpt,
    quote_limit,
)
from reports.models import DocumentKind
from results.models import GoodPractice

LENGTH = 100_000


def words(length: int) -> str:
    return ("Toàn bộ hồ sơ đề nghị khen thưởng được tiếp nhận trực tuyến. " * (length // 50))[
        :length]


def test_short_texts_are_quoted_whole():
    assert quote_limit(["a" * 500] * 10) is None
    assert excerpt("ngắn", None) == "ngắn"


def test_the_long_texts_share_what_the_short_ones_leave():
    texts = ["a" * 100] * 10 + ["b" * 3000] * 20
    limit = quote_limit(texts)
    assert limit == (QUOTE_BUDGET - 1000) // 20
    assert sum(len(excerpt(t, limit)) for t in texts) <= QUOTE_BUDGET


def test_one_long_text_is_cut_at_the_longest_quote():
    assert quote_limit(["a" * 100, "b" * LENGTH]) == QUOTE_MAX


def test_many_long_texts_are_cut_no_shorter_than_the_floor():
    assert quote_limit(["c" * LENGTH] * 1000) == QUOTE_FLOOR


def test_an_excerpt_ends_at_a_word_and_says_it_was_cut():
    cut = excerpt(words(LENGTH), 1000)
    assert len(cut) <= 1000 and cut.endswith(ABRIDGED)
    assert words(LENGTH).startswith(cut.removesuffix(ABRIDGED))
    assert cut.removesuffix(ABRIDGED)[-1] != " "


@pytest.mark.django_db
def test_a_very_long_description_prints_the_whole_report(mid_year):
    """Reproduces the timeout's cause: a 100,000-character description became 30-odd pages
    of one paragraph in the cluster's report. Now the report quotes its beginning, marked, and
    every section after it still prints."""
    GoodPractice.objects.filter(cluster=mid_year.cluster, year=mid_year.year).update(
        description=words(LENGTH))
    client = Client()
    client.force_login(mid_year.secretary)
    response = client.get(f"/cum/snv-bac-trung-bo/{mid_year.year}/van-ban/bao-cao/6-thang/pdf/")
    assert response.status_code == 200
    pdf = pypdf.PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(unicodedata.normalize("NFC", page.extract_text()) for page in pdf.pages)
    text = " ".join(text.split())
    assert len(pdf.pages) < 10
    assert "“Số hóa hồ sơ thi đua, khen thưởng” (Nghệ An" in text
    assert "Toàn bộ hồ sơ đề nghị khen thưởng được tiếp nhận trực tuyến." in text
    assert "[…]" in text and "được rút gọn" in text
    # what comes after the long text: the score table, the assessment, the end and signature
    for later in ("Kết quả chấm điểm thi đua", "ĐÁNH GIÁ CHUNG", "PHƯƠNG HƯỚNG, NHIỆM VỤ",
                  "Trên đây là báo cáo sơ kết", "Nơi nhận:", "Ngô Quang Chiến"):
        assert later in text, later


@pytest.mark.django_db
def test_an_abridged_quote_changes_with_its_text(mid_year):
    """The snapshot keeps only the quote, yet a change beyond the cut of a long text that
    moves the cut still makes a new version: the fingerprint follows what is printed."""
    spec = SPECS[DocumentKind.MIDYEAR_REPORT]
    practices = GoodPractice.objects.filter(cluster=mid_year.cluster, year=mid_year.year)
    practices.update(description=words(LENGTH))
    first = spec.snapshot(mid_year.period, day=mid_year.period.deadline.date())
    practices.update(description="Khác hẳn. " + words(LENGTH))
    second = spec.snapshot(mid_year.period, day=mid_year.period.deadline.date())
    assert first["abridged"] and fingerprint(first) != fingerprint(second)
