"""The cluster's report synthesises the units' reports (issue #15, §3): sections I–IV as real
cluster reports have them, one sentence for what several units said with the units named,
unit specifics as examples, cluster-wide figures added up from the units' key figures, and
only what existed on the document's date."""

import datetime

import pytest

from reports.document import BulletList, Heading, Paragraph, Table
from reports.kinds import SPECS, Stamp, synthesis
from reports.kinds.summary import build_summary, snapshot_summary
from reports.models import DocumentKind, SummarySection
from results.models import UnitReport

from .data import DRAFT_UNIT, conference_title

STAMP = Stamp(number=None, date=None, code="ABCDEFGHJK", verify_url="http://testserver/x/")
SOFTWARE_WORDS = ("phần mềm", "hệ thống", "ứng dụng", "dữ liệu", "tài khoản", "đăng nhập",
                  "trang web", "website", "máy chủ")

# --- pure synthesis ---------------------------------------------------------------------------

NGHE_AN = {"short": "Nghệ An", "name": "Sở Nội vụ tỉnh Nghệ An"}
HUE = {"short": "Huế", "name": "Sở Nội vụ thành phố Huế"}
THANH_HOA = {"short": "Thanh Hóa", "name": "Sở Nội vụ tỉnh Thanh Hóa"}


def test_every_editable_section_is_composed_in_the_models_order():
    """What the secretariat edits (``SummarySection.Key``) is exactly what synthesis composes,
    in the order the report prints it."""
    assert list(synthesis.COMPOSERS) == SummarySection.Key.values


def test_the_same_sentence_of_several_units_is_written_once_with_the_units():
    entries = [
        {"unit": NGHE_AN, "text": "Việc nhân rộng điển hình tiên tiến còn chậm. Sở Nội vụ "
                                  "Nghệ An tổ chức 12 lớp bồi dưỡng."},
        {"unit": HUE, "text": "Việc nhân rộng điển hình tiên tiến còn chậm."},
        {"unit": THANH_HOA, "text": "Việc nhân rộng điển hình tiên tiến còn chậm ."},
    ]
    common, specific = synthesis.merge(entries)
    assert common == [{"text": "Việc nhân rộng điển hình tiên tiến còn chậm.",
                       "units": ["Nghệ An", "Huế", "Thanh Hóa"], "summed": False}]
    assert specific == [{"unit": "Nghệ An", "text": "Sở Nội vụ Nghệ An tổ chức 12 lớp bồi "
                                                    "dưỡng.", "named": True}]


def test_near_identical_sentences_naming_their_unit_merge_into_one_of_all():
    entries = [{"unit": u, "text": f"Hạn chế của Sở Nội vụ {u['short']}."}
               for u in (NGHE_AN, HUE)]
    common, specific = synthesis.merge(entries)
    assert common == [{"text": "Hạn chế của các đơn vị.", "units": ["Nghệ An", "Huế"],
                       "summed": False}]
    assert not specific
    items = synthesis._topic(entries)
    assert items == ["Hạn chế của các đơn vị (các đơn vị: Nghệ An, Huế)."]


def test_alike_sentences_add_up_their_counts_and_give_the_range_of_their_rates():
    entries = [{"unit": NGHE_AN, "text": "Tổ chức 12 lớp bồi dưỡng; tỷ lệ đúng hạn đạt 96,2%."},
               {"unit": HUE, "text": "Tổ chức 8 lớp bồi dưỡng; tỷ lệ đúng hạn đạt 93,8%."}]
    common, specific = synthesis.merge(entries)
    assert common == [{"text": "Tổ chức 20 lớp bồi dưỡng; tỷ lệ đúng hạn đạt từ 93,8% đến "
                               "96,2%.", "units": ["Nghệ An", "Huế"], "summed": True}]
    assert synthesis._said_by(common[0]).endswith("(tổng số của các đơn vị: Nghệ An, Huế).")
    assert not specific


def test_alike_sentences_with_other_dates_stay_each_units():
    entries = [{"unit": NGHE_AN, "text": "Ban hành kế hoạch ngày 12/3/2022."},
               {"unit": HUE, "text": "Ban hành kế hoạch ngày 20/3/2022."}]
    common, specific = synthesis.merge(entries)
    assert not common and [s["unit"] for s in specific] == ["Nghệ An", "Huế"]


def test_key_figures_add_up_clause_by_clause():
    entries = [
        {"unit": NGHE_AN, "text": "Tham mưu ban hành 12 văn bản; tổ chức 3 lớp bồi dưỡng; tỷ "
                                  "lệ hồ sơ đúng hạn 98%."},
        {"unit": HUE, "text": "Tham mưu ban hành 1.200 văn bản; thẩm định 40 hồ sơ khen "
                              "thưởng."},
    ]
    rows = synthesis.figures(entries)
    assert rows == [
        {"label": "Tham mưu ban hành văn bản", "total": 1212, "units": 2},
        {"label": "Tổ chức lớp bồi dưỡng", "total": 3, "units": 1},
        {"label": "Thẩm định hồ sơ khen thưởng", "total": 40, "units": 1},
    ]


def test_the_text_format_is_paragraphs_and_lists_never_markup():
    text = "Đoạn một,\ntiếp tục.\n\n- ý một\n- <b>ý hai</b>\nĐoạn hai."
    assert synthesis.text_blocks(text) == [
        ("paragraph", "Đoạn một, tiếp tục."), ("bullets", ["ý một", "<b>ý hai</b>"]),
        ("paragraph", "Đoạn hai.")]


# --- the report of a real period --------------------------------------------------------------


def headings(document, level=None):
    return [b.text for b in document.body
            if isinstance(b, Heading) and (level is None or b.level == level)]


def all_text(document) -> str:
    parts = []
    for block in document.body:
        if isinstance(block, (Heading, Paragraph)):
            parts.append(block.text)
        elif isinstance(block, BulletList):
            parts += block.items
        elif isinstance(block, Table):
            parts += [c.text for row in (*block.header_rows, *block.rows) for c in row]
    return "\n".join(parts)


@pytest.mark.django_db
def test_the_report_has_the_four_parts_of_a_real_one(mid_year):
    snapshot = snapshot_summary(mid_year.period, day=datetime.date.today())
    document = build_summary(snapshot, STAMP)
    year = mid_year.year
    assert headings(document, 1) == [
        f"KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG 6 THÁNG ĐẦU NĂM {year}", "ĐÁNH GIÁ CHUNG",
        f"PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM {year}", "ĐỀ XUẤT, KIẾN NGHỊ"]
    assert headings(document, 2) == [
        "Công tác chỉ đạo, tổ chức phong trào thi đua",
        "Kết quả thực hiện nhiệm vụ trên các lĩnh vực", "Công tác khen thưởng",
        "Kết quả chấm điểm, xếp hạng", "Ưu điểm", "Hạn chế và nguyên nhân"]
    text = all_text(document)
    # one sentence for the five units' shortcomings, not five pasted blocks
    assert text.count("Hạn chế của các đơn vị") == 1
    assert "Hạn chế của Sở Nội vụ" not in text
    assert "(các đơn vị: Huế, Nghệ An, Quảng Trị, Thanh Hóa)" in text
    assert "Nguyên nhân" in text
    assert f"Hạn chế của Sở Nội vụ {DRAFT_UNIT}" not in text  # a draft is not compiled
    assert "Đã có 4/5 đơn vị gửi báo cáo" in text
    # the figures table adds the four submitted units' "Tham mưu ban hành N văn bản."
    table = next(b for b in document.body if isinstance(b, Table)
                 and b.header_rows[0][2].text == "Toàn Cụm")
    (row,) = table.rows
    expected = sum(len(u) for u in ("Huế", "Nghệ An", "Quảng Trị", "Thanh Hóa"))
    assert [c.text for c in row[1:]] == ["Tham mưu ban hành văn bản", str(expected), "4"]
    assert "“Số hóa hồ sơ thi đua, khen thưởng” (Nghệ An" in text
    for word in SOFTWARE_WORDS:
        assert word not in text.casefold(), word


@pytest.mark.django_db
def test_no_conference_facts_before_the_conference(mid_year):
    conference_day = datetime.date(mid_year.year, 7, 5)
    before = all_text(build_summary(snapshot_summary(
        mid_year.period, day=conference_day - datetime.timedelta(days=1)), STAMP))
    on = all_text(build_summary(snapshot_summary(mid_year.period, day=conference_day), STAMP))
    quoted = "Hội nghị thống nhất phương hướng 6 tháng cuối năm."
    assert quoted in on and conference_title(mid_year.year)[1:] in on
    assert quoted not in before and "Việc nhân rộng điển hình tiên tiến" not in before
    assert conference_title(mid_year.year)[1:] not in before


@pytest.mark.django_db
def test_units_texts_as_they_stood_on_the_day(mid_year):
    """A unit's text changed after the document's date prints as it was on that date."""
    report = UnitReport.objects.get(period=mid_year.period, unit__short_name="Nghệ An")
    before = snapshot_summary(mid_year.period, day=datetime.date.today())
    for row in report.history.all():  # the report as written three days ago
        report.history.filter(pk=row.pk).update(
            history_date=row.history_date - datetime.timedelta(days=3))
    report.proposals = "Đề xuất mới, viết sau ngày của văn bản."
    report.save()
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    then = snapshot_summary(mid_year.period, day=yesterday)
    now = snapshot_summary(mid_year.period, day=datetime.date.today())
    assert "Đề xuất mới" not in then["sections"]["kien-nghi"]
    assert "Đề xuất mới" in now["sections"]["kien-nghi"]
    assert before["sections"]["kien-nghi"] != now["sections"]["kien-nghi"]


@pytest.mark.django_db
def test_the_year_end_report_looks_to_the_next_year(mid_year):
    spec = SPECS[DocumentKind.MIDYEAR_REPORT]
    assert spec.build is build_summary
    snapshot = snapshot_summary(mid_year.period, day=datetime.date.today())
    snapshot["period"] = "ca_nam"
    document = build_summary(snapshot, STAMP)
    assert f"PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {mid_year.year + 1}" in headings(document, 1)
