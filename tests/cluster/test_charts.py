"""The SVG charts (cluster.charts, issue #17 point 6): values to bar lengths, escaping, empty
and odd values, long names, and what makes them accessible and printable."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from cluster.charts import (
    STYLES,
    Chart,
    Line,
    Rect,
    Series,
    Text,
    format_number,
    layout,
    nice_ticks,
    render_svg,
    render_table,
    shorten,
)

HOSTILE = '<script>alert("x")</script>'


def bars(*values, names=None, kind="bar", **options) -> Chart:
    names = names or [f"Đơn vị {i}" for i in range(len(values))]
    return Chart(kind, "Điểm thi đua", "Mô tả", tuple(names),
                 (Series("Điểm", tuple(values)),), **options)


def data_rects(drawing):
    return [s for s in drawing.shapes if isinstance(s, Rect) and s.title]


def test_bar_lengths_are_proportional_to_the_values():
    drawing = layout(bars(Decimal("80"), Decimal("40"), Decimal("20.5")))
    widths = [r.w for r in data_rects(drawing)]
    assert widths[0] == pytest.approx(2 * widths[1])
    assert widths[1] / widths[2] == pytest.approx(40 / 20.5)
    starts = {round(r.x, 3) for r in data_rects(drawing)}
    assert len(starts) == 1  # every bar starts at zero


def test_every_bar_carries_its_value_as_text():
    texts = [s.text for s in layout(bars(Decimal("812.50"), 1234)).shapes
             if isinstance(s, Text)]
    assert "812,5" in texts and "1.234" in texts  # Vietnamese decimal comma, dot thousands


def test_negative_values_draw_left_of_zero():
    drawing = layout(bars(Decimal("10"), Decimal("-5")))
    plus, minus = data_rects(drawing)
    assert minus.x + minus.w == pytest.approx(plus.x)  # both meet at zero
    assert minus.w == pytest.approx(plus.w / 2)


def test_none_draws_no_bar_and_says_so():
    drawing = layout(bars(Decimal("10"), None))
    assert len(data_rects(drawing)) == 1
    assert "—" in [s.text for s in drawing.shapes if isinstance(s, Text)]
    assert "—" in render_table(bars(Decimal("10"), None))


@pytest.mark.parametrize("chart", [
    bars(), bars(None, None), bars(0, 0), Chart("line", "t", "d", (), ()),
    Chart("stacked", "t", "d", ("A",), (Series("x", (None,)),)),
    Chart("line", "t", "d", ("2022",), (Series("A", (Decimal("5"),)),)),
])
def test_empty_or_zero_data_never_fails(chart):
    svg = render_svg(chart)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "nan" not in svg.lower() and "inf" not in svg.lower()


def test_zero_values_draw_an_axis_without_dividing_by_zero():
    drawing = layout(bars(0, 0))
    assert all(r.w >= 0 for r in data_rects(drawing))


def test_a_hostile_unit_name_is_escaped_everywhere():
    chart = bars(Decimal(5), names=[HOSTILE])
    chart = Chart("bar", HOSTILE, HOSTILE, chart.categories,
                  (Series(HOSTILE, (Decimal(5),)),), key='x" onload="alert(1)')
    svg, table = render_svg(chart), render_table(chart)
    for markup in (svg, table):
        assert "<script" not in markup and "&lt;script&gt;" in markup
    assert " onload" not in svg  # the key keeps letters, digits and dashes only


def test_no_script_and_no_url_but_the_svg_namespace():
    svg = render_svg(Chart("stacked", "t", "d", ("A", "B"), (
        Series("x", (1, 2)), Series("y", (3, 4)), Series("z", (5, 6)))))
    assert "<script" not in svg and "javascript:" not in svg and "href" not in svg
    urls = re.findall(r"https?://[^\"' )]+", svg)
    assert urls == ["http://www.w3.org/2000/svg"]  # a name, never fetched
    assert re.findall(r"url\(([^)]*)\)", svg) and all(
        u.startswith("#") for u in re.findall(r"url\(([^)]*)\)", svg))  # own patterns only


def test_text_alternative_title_desc_and_table():
    chart = bars(Decimal(7), names=["Quảng Trị"], key="diem")
    svg = render_svg(chart)
    assert 'role="img"' in svg and 'aria-labelledby="diem-title diem-desc"' in svg
    assert '<title id="diem-title">Điểm thi đua</title>' in svg
    assert '<desc id="diem-desc">Mô tả</desc>' in svg
    table = render_table(chart, category_header="Đơn vị")
    assert "<caption>Điểm thi đua</caption>" in table
    assert '<th scope="row">Quảng Trị</th><td class="text-end">7</td>' in table


def test_long_names_are_shortened_with_the_full_name_kept_as_a_tooltip():
    long = "Sở Nội vụ thành phố trực thuộc trung ương sau hợp nhất " * 3
    drawing = layout(bars(Decimal(3), names=[long]))
    label = next(s for s in drawing.shapes if isinstance(s, Text) and s.title)
    assert label.text.endswith("…") and label.title == long
    assert all(s.x <= drawing.width for s in drawing.shapes if isinstance(s, Text))
    assert shorten("Huế", 100, 12) == "Huế"


def test_series_differ_in_pattern_and_lightness_for_greyscale_print():
    def lightness(colour: str) -> float:
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    chart = Chart("stacked", "t", "d", ("A",), tuple(Series(f"s{i}", (1,)) for i in range(4)))
    styles = [r.style for r in data_rects(layout(chart))]
    assert styles == [0, 1, 2, 3]
    looks = [STYLES[i] for i in styles]
    assert len({pattern for _fill, pattern, _stroke in looks}) == 4  # each its own pattern
    for (fill, *_), (other, *_) in zip(looks, looks[1:], strict=False):
        assert abs(lightness(fill) - lightness(other)) > 40  # neighbours: dark, light
    svg = render_svg(chart)
    assert svg.count("<pattern ") == len([s for s in STYLES if s[1]])


def test_lines_differ_in_dash_and_marker_and_break_where_no_value():
    chart = Chart("line", "t", "d", ("2021", "2022", "2023", "2024"), (
        Series("Quảng Trị", (1, 2, None, 4), ("Tốt", None, None, "Khá")),
        Series("Quảng Bình", (3, 3, None, None))))
    drawing = layout(chart)
    lines = [s for s in drawing.shapes if isinstance(s, Line) and s.width == 2.5
             and s.points[0][0] > 50]  # the series, not their legend
    assert {line.dash for line in lines} >= {"", "7 4"}
    texts = [s.text for s in drawing.shapes if isinstance(s, Text)]
    assert "1 · Tốt" in texts and "4 · Khá" in texts  # a band prints beside its value
    # Quảng Trị's line breaks at the gap: two runs, not one across 2023
    runs = [line for line in lines if line.dash == "" and line.stroke == "#1f4e8c"]
    assert [len(r.points) for r in runs] == [2]  # 2021-2022; 2024 stands alone


def test_a_rank_chart_puts_the_first_on_top():
    chart = Chart("line", "t", "d", ("2021", "2022"), (Series("A", (1, 5)),), invert=True,
                  integer=True)
    drawing = layout(chart)
    marker_y = [s.y for s in drawing.shapes if type(s).__name__ == "Marker" and s.title]
    assert marker_y[0] < marker_y[1]


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("96.25"), "96,25"), (60, "60"), (Decimal("-1.50"), "-1,5"), (None, "—"),
    (1234567, "1.234.567"), (float("nan"), "—"),
])
def test_format_number(value, text):
    assert format_number(value) == text


def test_nice_ticks_cover_the_range():
    ticks = nice_ticks(0, 64)
    assert ticks[0] == 0 and ticks[-1] >= 64
    assert nice_ticks(1, 5, integer=True) == [1, 2, 3, 4, 5] or all(
        float(t).is_integer() for t in nice_ticks(1, 5, integer=True))
