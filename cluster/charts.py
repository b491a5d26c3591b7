"""Charts drawn on the server (issue #17, point 6): horizontal bars (one series, grouped or
stacked) and lines, as SVG inline in the pages and the PDFs, and as the same drawing for the
Word files (``reports.chart_png`` paints it with Pillow). No JavaScript, no external URL: the
app runs on closed networks.

A chart is data (:class:`Chart`: categories, series of values), laid out once by :func:`layout`
into a few shapes (rectangles, lines, markers, texts); :func:`render_svg` writes them as SVG
and another renderer can paint the same shapes, so the page, the PDF and the DOCX agree.

Accessibility and print: the SVG is ``role="img"`` named by its ``<title>`` and ``<desc>``;
:func:`render_table` writes the same numbers as a table (the page puts it under a
``<details>``); every bar and point carries its value as text; the series differ in lightness
*and* pattern (hatching, dots) and lines in dash and marker, so a greyscale print still tells
them apart. Every text comes from users or the data (unit names): it is escaped here."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

Number = Decimal | int | float | None

#: The font stack: the pages' own sans-serif; the PDFs print with Liberation Serif (Times New
#: Roman's metrics), which their stylesheet declares, so the SVG names it first when asked.
SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', Arial, sans-serif"
SERIF = "'Liberation Serif', 'Times New Roman', serif"
INK = "#1a1a1a"
GRID = "#c8c8c8"
MUTED = "#555555"

#: The series' looks: (fill, pattern, stroke of the pattern). Lightness alternates dark and
#: light, and each has its own pattern, so neighbours differ in greyscale.
STYLES = (
    ("#1f4e8c", "", ""),
    ("#b9d1ee", "diagonal", "#1f4e8c"),
    ("#e39b2d", "dots", "#5a3a05"),
    ("#ffffff", "cross", "#333333"),
    ("#4f8a4b", "horizontal", "#ffffff"),
    ("#dcdcdc", "vertical", "#333333"),
)
#: The lines' looks: (colour, dash, marker).
LINE_STYLES = (
    ("#1f4e8c", "", "circle"),
    ("#c0641a", "7 4", "square"),
    ("#3d7a3a", "2 3", "triangle"),
    ("#6b3d8c", "9 3 2 3", "diamond"),
    ("#333333", "4 2", "circle"),
)


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Number, ...]
    #: A text printed after each value ("Tốt", a band), or None.
    notes: tuple[str | None, ...] = ()

    def note(self, index: int) -> str:
        return (self.notes[index] or "") if index < len(self.notes) else ""


@dataclass(frozen=True)
class Chart:
    """``kind``: "bar" (one bar per category, per series side by side when several),
    "stacked" (the series stacked in one bar per category) or "line" (a line per series
    across the categories). ``invert`` puts the smallest value on top (a rank)."""

    kind: str
    title: str
    description: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_label: str = ""
    invert: bool = False
    integer: bool = False  # counts and ranks: no decimals on the axis
    serif: bool = False  # the documents' font
    key: str = "chart"  # makes the SVG's ids unique on a page
    width: int = 640  # in drawing units; a document uses a narrower one (larger print)

    def __post_init__(self):
        if self.kind not in ("bar", "stacked", "line"):
            raise ValueError(f"Unknown chart kind {self.kind!r}.")
        object.__setattr__(self, "categories", tuple(self.categories))
        object.__setattr__(self, "series", tuple(self.series))

    @property
    def is_empty(self) -> bool:
        return not self.categories or all(
            _number(v) is None for s in self.series for v in s.values)


def _number(value: Number) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, InvalidOperation):
        return None
    return number if math.isfinite(number) else None


def format_number(value: Number) -> str:
    """"1.234,5" as Vietnamese writes it; "—" for no value; at most two decimals."""
    number = _number(value)
    if number is None:
        return "—"
    exact = Decimal(str(value)) if not isinstance(value, Decimal) else value
    exact = exact.quantize(Decimal("0.01"))
    if exact == exact.to_integral_value():
        exact = exact.to_integral_value()
    text = f"{abs(exact):f}"
    whole, _sep, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    sign = "-" if exact < 0 else ""
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def value_text(series: Series, index: int) -> str:
    value = series.values[index] if index < len(series.values) else None
    note = series.note(index)
    text = format_number(value)
    return f"{text} · {note}" if note and _number(value) is not None else text


def text_width(text: str, size: float) -> float:
    """A generous estimate of the printed width (no font metrics on the page side)."""
    wide = sum(1 for c in text if c.isupper() or c in "mwMW")
    return size * (0.56 * len(text) + 0.12 * wide)


def shorten(text: str, width: float, size: float) -> str:
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def nice_ticks(low: float, high: float, count: int = 5, *, integer: bool = False) -> list[float]:
    """Round tick values covering ``low``..``high``."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if integer:
        step = max(1, round(step))
    start = math.floor(low / step) * step
    ticks, value = [], start
    while value < high + step * 0.999:
        ticks.append(round(value, 6))
        value += step
    return ticks


# --- shapes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    style: int | None = None  # an index into STYLES, or None for a plain fill
    fill: str = "none"
    stroke: str = ""
    title: str = ""


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    stroke: str = INK
    width: float = 1
    dash: str = ""


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    shape: str
    colour: str
    title: str = ""


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float = 12
    anchor: str = "start"  # start, middle, end
    bold: bool = False
    colour: str = INK
    title: str = ""  # the full text where ``text`` was shortened


@dataclass
class Drawing:
    width: float
    height: float
    shapes: list = field(default_factory=list)


FONT = 12
BAR = 18
GAP = 10


def _legend(chart: Chart, drawing: Drawing, y: float) -> float:
    width = chart.width
    """The series' names with their swatch, wrapped over lines; returns the y below it."""
    if len(chart.series) < 2:
        return y
    x = 4.0
    for index, series in enumerate(chart.series):
        name = shorten(series.name, width / 2, FONT)
        item = 22 + text_width(name, FONT) + 16
        if x > 4 and x + item > width:
            x, y = 4.0, y + 20
        if chart.kind == "line":
            colour, dash, shape = LINE_STYLES[index % len(LINE_STYLES)]
            drawing.shapes.append(Line(((x, y + 8), (x + 18, y + 8)), colour, 2.5, dash))
            drawing.shapes.append(Marker(x + 9, y + 8, shape, colour))
        else:
            drawing.shapes.append(Rect(x, y + 1, 16, 14, style=index % len(STYLES),
                                       stroke=INK))
        drawing.shapes.append(Text(x + 22, y + 13, name, FONT, title=series.name
                                   if name != series.name else ""))
        x += item
    return y + 28


def _empty(chart: Chart, drawing: Drawing, y: float) -> Drawing:
    drawing.shapes.append(Text(chart.width / 2, y + 24, _("Chưa có số liệu."), FONT,
                               anchor="middle", colour=MUTED))
    drawing.height = y + 40
    return drawing


def _bars(chart: Chart) -> Drawing:
    drawing = Drawing(chart.width, 0)
    top = _legend(chart, drawing, 0)
    if chart.is_empty:
        return _empty(chart, drawing, top)
    stacked = chart.kind == "stacked"
    count = len(chart.series)
    values = [[_number(v) for v in s.values] + [None] * (len(chart.categories) - len(s.values))
              for s in chart.series]
    if stacked:
        ends = []
        for i in range(len(chart.categories)):
            column = [values[s][i] or 0 for s in range(count)]
            ends += [sum(v for v in column if v > 0), sum(v for v in column if v < 0)]
    else:
        ends = [v for row in values for v in row if v is not None]
    low, high = min([0.0, *ends]), max([0.0, *ends])
    ticks = nice_ticks(low, high, 5, integer=chart.integer)
    low, high = min(low, ticks[0]), max(high, ticks[-1])
    longest = max((text_width(c, FONT) for c in chart.categories), default=0)
    label_w = min(max(longest, 60), chart.width * 0.36)
    value_w = max(60, *(text_width(value_text(s, i), FONT - 1) + 8
                        for s in chart.series for i in range(len(chart.categories))))
    value_w = min(value_w, 140)
    x0, x1 = label_w + 10, chart.width - value_w

    def x(v: float) -> float:
        return x0 + (v - low) / (high - low) * (x1 - x0)

    per = BAR if stacked else BAR * count
    band = per + GAP
    plot_top = top + 4
    plot_bottom = plot_top + band * len(chart.categories)
    for tick in ticks:
        drawing.shapes.append(Line(((x(tick), plot_top), (x(tick), plot_bottom)), GRID, 1))
        drawing.shapes.append(Text(x(tick), plot_bottom + 15, format_number(tick), FONT - 2,
                                   anchor="middle", colour=MUTED))
    for i, category in enumerate(chart.categories):
        y = plot_top + i * band + GAP / 2
        short = shorten(category, label_w, FONT)
        drawing.shapes.append(Text(label_w, y + per / 2 + 4, short, FONT, anchor="end",
                                   title=category if short != category else ""))
        if stacked:
            pos = neg = 0.0
            for s, series in enumerate(chart.series):
                v = values[s][i]
                if not v:
                    continue
                start = pos if v > 0 else neg
                end = start + v
                if v > 0:
                    pos = end
                else:
                    neg = end
                left, right = sorted((x(start), x(end)))
                label = f"{category} — {series.name}: {value_text(series, i)}"
                drawing.shapes.append(Rect(left, y, right - left, BAR, style=s % len(STYLES),
                                           stroke=INK, title=label))
                text = format_number(v)
                wide = text_width(text, FONT - 2)
                if right - left > wide + 8:
                    _fill, pattern, _stroke = STYLES[s % len(STYLES)]
                    middle = (left + right) / 2
                    if pattern:  # a white ground under the figure, to read it on hatching
                        drawing.shapes.append(Rect(middle - wide / 2 - 2, y + 3, wide + 4,
                                                   BAR - 6, fill="#ffffff"))
                    drawing.shapes.append(Text(middle, y + BAR / 2 + 4, text, FONT - 2,
                                               anchor="middle", bold=True,
                                               colour=INK if pattern else "#ffffff"))
            total = sum(values[s][i] or 0 for s in range(count))
            known = any(values[s][i] is not None for s in range(count))
            drawing.shapes.append(Text(max(x(pos), x(0)) + 4, y + BAR / 2 + 4,
                                       format_number(total if known else None), FONT - 1,
                                       bold=True))
        else:
            for s, series in enumerate(chart.series):
                v = values[s][i]
                by = y + s * BAR
                if v is not None:
                    left, right = sorted((x(0), x(v)))
                    drawing.shapes.append(Rect(left, by + 1, max(right - left, 0.5), BAR - 2,
                                               style=s % len(STYLES), stroke=INK,
                                               title=f"{category} — {series.name}: "
                                                     f"{value_text(series, i)}"))
                drawing.shapes.append(Text(max(x(v or 0), x(0)) + 4, by + BAR / 2 + 4,
                                           value_text(series, i), FONT - 1))
    drawing.shapes.append(Line(((x(0), plot_top), (x(0), plot_bottom)), INK, 1.2))
    height = plot_bottom + 22
    if chart.value_label:
        drawing.shapes.append(Text((x0 + x1) / 2, height + 8, chart.value_label, FONT - 1,
                                   anchor="middle", colour=MUTED))
        height += 16
    drawing.height = height
    return drawing


def _lines(chart: Chart) -> Drawing:
    drawing = Drawing(chart.width, 0)
    top = _legend(chart, drawing, 0)
    if chart.is_empty:
        return _empty(chart, drawing, top)
    known = [n for s in chart.series for n in (_number(v) for v in s.values) if n is not None]
    low, high = min(known), max(known)
    if chart.invert:
        low = min(low, 1)
    elif low >= 0:
        low = 0.0 if high <= 0 or low / max(high, 1e-9) < 0.5 else low
    ticks = nice_ticks(low, high, 4, integer=chart.integer)
    if chart.integer:
        ticks = [t for t in ticks if t >= (1 if chart.invert else low)] or [1]
    low, high = min(low, ticks[0]), max(high, ticks[-1])
    if high == low:
        high = low + 1
    left, right = 56, chart.width - 24
    plot_top, plot_bottom = top + 14, top + 14 + 200
    slots = max(len(chart.categories), 1)
    step = (right - left) / slots

    def x(i: int) -> float:
        return left + step * (i + 0.5)

    def y(v: float) -> float:
        share = (v - low) / (high - low)
        return plot_top + share * (plot_bottom - plot_top) if chart.invert else \
            plot_bottom - share * (plot_bottom - plot_top)

    for tick in ticks:
        drawing.shapes.append(Line(((left, y(tick)), (right, y(tick))), GRID, 1))
        drawing.shapes.append(Text(left - 6, y(tick) + 4, format_number(tick), FONT - 2,
                                   anchor="end", colour=MUTED))
    for i, category in enumerate(chart.categories):
        for number, part in enumerate(category.split("\n")[:2]):  # "6 tháng\n2022"
            short = shorten(part, step - 4, FONT - 1)
            drawing.shapes.append(Text(x(i), plot_bottom + 16 + 14 * number, short, FONT - 1,
                                       anchor="middle",
                                       title=part if short != part else ""))
    drawing.shapes.append(Line(((left, plot_top), (left, plot_bottom)), INK, 1.2))
    drawing.shapes.append(Line(((left, plot_bottom), (right, plot_bottom)), INK, 1.2))
    for s, series in enumerate(chart.series):
        colour, dash, shape = LINE_STYLES[s % len(LINE_STYLES)]
        run: list[tuple[float, float]] = []
        points = []
        for i in range(len(chart.categories)):
            v = _number(series.values[i]) if i < len(series.values) else None
            if v is None:  # a gap: the unit did not exist or did not report
                if len(run) > 1:
                    drawing.shapes.append(Line(tuple(run), colour, 2.5, dash))
                run = []
                continue
            run.append((x(i), y(v)))
            points.append((i, v))
        if len(run) > 1:
            drawing.shapes.append(Line(tuple(run), colour, 2.5, dash))
        for i, v in points:
            label = value_text(series, i)
            where = chart.categories[i].replace("\n", " ")
            drawing.shapes.append(Marker(x(i), y(v), shape, colour,
                                         title=f"{series.name}, {where}: {label}"))
            offset = -9 - 10 * (s % 2)
            if y(v) + offset < plot_top - 4:  # no room above the top line: below the point
                offset = 18 + 10 * (s % 2)
            drawing.shapes.append(Text(x(i), y(v) + offset, label, FONT - 2, anchor="middle",
                                       bold=True, colour=colour))
    height = plot_bottom + (40 if any("\n" in c for c in chart.categories) else 26)
    if chart.value_label:
        drawing.shapes.append(Text(left, top + 4, chart.value_label, FONT - 1, colour=MUTED))
    drawing.height = height
    return drawing


def layout(chart: Chart) -> Drawing:
    return _lines(chart) if chart.kind == "line" else _bars(chart)


# --- SVG --------------------------------------------------------------------------------------


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _patterns(key: str) -> str:
    out = []
    for index, (fill, pattern, stroke) in enumerate(STYLES):
        if not pattern:
            continue
        inner = {
            "diagonal": f'<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="{stroke}" '
                        'stroke-width="1.4"/>',
            "dots": f'<circle cx="3" cy="3" r="1.3" fill="{stroke}"/>',
            "cross": f'<path d="M0,0 L6,6 M6,0 L0,6" stroke="{stroke}" stroke-width="1"/>',
            "horizontal": f'<path d="M0,3 H6" stroke="{stroke}" stroke-width="1.4"/>',
            "vertical": f'<path d="M3,0 V6" stroke="{stroke}" stroke-width="1.4"/>',
        }[pattern]
        out.append(f'<pattern id="{key}-p{index}" width="6" height="6" '
                   f'patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{fill}"/>'
                   f'{inner}</pattern>')
    return f"<defs>{''.join(out)}</defs>"


def _fill(key: str, style: int | None, fill: str) -> str:
    if style is None:
        return fill
    colour, pattern, _stroke = STYLES[style]
    return f"url(#{key}-p{style})" if pattern else colour


def _marker_svg(marker: Marker) -> str:
    x, y, c = marker.x, marker.y, marker.colour
    if marker.shape == "square":
        body = f'<rect x="{_f(x - 4.5)}" y="{_f(y - 4.5)}" width="9" height="9" fill="{c}"'
    elif marker.shape == "triangle":
        body = (f'<path d="M{_f(x)},{_f(y - 6)} L{_f(x + 5.5)},{_f(y + 4)} '
                f'L{_f(x - 5.5)},{_f(y + 4)} Z" fill="{c}"')
    elif marker.shape == "diamond":
        body = (f'<path d="M{_f(x)},{_f(y - 6)} L{_f(x + 6)},{_f(y)} L{_f(x)},{_f(y + 6)} '
                f'L{_f(x - 6)},{_f(y)} Z" fill="{c}"')
    else:
        body = f'<circle cx="{_f(x)}" cy="{_f(y)}" r="5" fill="{c}"'
    body += ' stroke="#ffffff" stroke-width="1.2"'
    if marker.title:
        return f"{body}><title>{escape(marker.title)}</title></{body.split()[0][1:]}>"
    return f"{body}/>"


def _shape_svg(key: str, shape) -> str:
    if isinstance(shape, Rect):
        stroke = f' stroke="{shape.stroke}" stroke-width="0.8"' if shape.stroke else ""
        tag = (f'<rect x="{_f(shape.x)}" y="{_f(shape.y)}" width="{_f(shape.w)}" '
               f'height="{_f(shape.h)}" fill="{_fill(key, shape.style, shape.fill)}"{stroke}')
        return (f"{tag}><title>{escape(shape.title)}</title></rect>" if shape.title
                else f"{tag}/>")
    if isinstance(shape, Line):
        points = " ".join(f"{_f(px)},{_f(py)}" for px, py in shape.points)
        dash = f' stroke-dasharray="{shape.dash}"' if shape.dash else ""
        return (f'<polyline points="{points}" fill="none" stroke="{shape.stroke}" '
                f'stroke-width="{_f(shape.width)}"{dash} stroke-linejoin="round"/>')
    if isinstance(shape, Marker):
        return _marker_svg(shape)
    weight = ' font-weight="bold"' if shape.bold else ""
    text = (f'<text x="{_f(shape.x)}" y="{_f(shape.y)}" font-size="{_f(shape.size)}" '
            f'text-anchor="{shape.anchor}" fill="{shape.colour}"{weight}>'
            f"{escape(shape.text)}</text>")
    # A shortened text's full wording as a tooltip, beside the text, not inside it (a
    # renderer reading the text's children would print it).
    return f"<g><title>{escape(shape.title)}</title>{text}</g>" if shape.title else text


def render_svg(chart: Chart, drawing: Drawing | None = None) -> SafeString:
    """The chart as an SVG element, to put inline in HTML (escaped, no script, no URL but
    its own patterns)."""
    drawing = drawing or layout(chart)
    key = "".join(c for c in chart.key if c.isalnum() or c in "-_") or "chart"
    body = "".join(_shape_svg(key, shape) for shape in drawing.shapes)
    height = math.ceil(drawing.height)
    font = SERIF if chart.serif else SANS
    return mark_safe(  # noqa: S308 -- every text above went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img" '
        f'aria-labelledby="{key}-title {key}-desc" viewBox="0 0 {_f(drawing.width)} {height}" '
        f'width="{_f(drawing.width)}" height="{height}" font-family="{escape(font)}" '
        f'data-testid="chart-svg" data-chart="{key}">'
        f'<title id="{key}-title">{escape(chart.title)}</title>'
        f'<desc id="{key}-desc">{escape(chart.description)}</desc>'
        f"{_patterns(key)}{body}</svg>")


def table_rows(chart: Chart) -> list[tuple[str, list[str]]]:
    """``[(category, [value of each series])]``: the chart's numbers as text."""
    return [(category.replace("\n", " "), [value_text(s, i) for s in chart.series])
            for i, category in enumerate(chart.categories)]


def render_table(chart: Chart, *, category_header: str = "") -> SafeString:
    """The chart's numbers as an HTML table: its text alternative for screen readers and for
    whoever prefers figures."""
    header = format_html("<tr><th scope=\"col\">{}</th>{}</tr>", category_header,
                         format_html_join("", "<th scope=\"col\">{}</th>",
                                          ((s.name,) for s in chart.series)))
    body = format_html_join("", "<tr><th scope=\"row\">{}</th>{}</tr>", (
        (category, format_html_join("", "<td class=\"text-end\">{}</td>",
                                    ((v,) for v in values)))
        for category, values in table_rows(chart)))
    return format_html('<table class="table table-sm small mb-0" data-testid="chart-table">'
                       "<caption>{}</caption><thead>{}</thead><tbody>{}</tbody></table>",
                       chart.title, header, body)


__all__ = [
    "Chart", "Drawing", "Line", "Marker", "Rect", "STYLES", "LINE_STYLES", "Series", "Text",
    "format_number", "layout", "nice_ticks", "render_svg", "render_table", "shorten",
    "table_rows", "value_text",
]
