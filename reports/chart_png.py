"""A chart of ``cluster.charts`` as a PNG picture, for the Word files (issue #17, point 6).

Word shows no SVG that every version reads, and WeasyPrint no longer writes PNG; cairosvg
would need the cairo library beside Pango. So the same drawing the SVG is written from
(``cluster.charts.layout``: rectangles, lines, markers, texts) is painted here with Pillow,
at three times its size, in the document's font (the shipped Liberation Serif), with the
same fills and patterns: the PDF and the Word file show the same picture."""

from __future__ import annotations

import functools
import io
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from cluster.charts import STYLES, Drawing, Line, Marker, Rect, Text, layout

SCALE = 3
_FONTS = Path(__file__).resolve().parent / "static" / "reports" / "fonts"


@functools.lru_cache(maxsize=32)
def _font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    return ImageFont.truetype(str(_FONTS / name), max(1, round(size * SCALE)))


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


@functools.lru_cache(maxsize=len(STYLES))
def _tile(style: int) -> Image.Image:
    """One 6×6 cell of the style's pattern (as the SVG's ``<pattern>``), scaled."""
    fill, pattern, stroke = STYLES[style]
    size = 6 * SCALE
    tile = Image.new("RGB", (size, size), _rgb(fill))
    draw = ImageDraw.Draw(tile)
    ink, width = (_rgb(stroke) if stroke else (0, 0, 0)), max(1, round(1.4 * SCALE))
    if pattern == "diagonal":
        for offset in (-size, 0, size):
            draw.line([(offset, size), (offset + size, 0)], fill=ink, width=width)
    elif pattern == "dots":
        r = 1.3 * SCALE
        draw.ellipse([size / 2 - r, size / 2 - r, size / 2 + r, size / 2 + r], fill=ink)
    elif pattern == "cross":
        draw.line([(0, 0), (size, size)], fill=ink, width=max(1, SCALE))
        draw.line([(size, 0), (0, size)], fill=ink, width=max(1, SCALE))
    elif pattern == "horizontal":
        draw.line([(0, size / 2), (size, size / 2)], fill=ink, width=width)
    elif pattern == "vertical":
        draw.line([(size / 2, 0), (size / 2, size)], fill=ink, width=width)
    return tile


def _rect(image: Image.Image, draw: ImageDraw.ImageDraw, shape: Rect) -> None:
    box = [round(shape.x * SCALE), round(shape.y * SCALE),
           round((shape.x + shape.w) * SCALE), round((shape.y + shape.h) * SCALE)]
    if box[2] <= box[0]:
        box[2] = box[0] + 1
    if shape.style is not None:
        tile = _tile(shape.style)
        for ty in range(box[1], box[3], tile.height):
            for tx in range(box[0], box[2], tile.width):
                piece = tile.crop((0, 0, min(tile.width, box[2] - tx),
                                   min(tile.height, box[3] - ty)))
                image.paste(piece, (tx, ty))
    elif shape.fill not in ("none", ""):
        draw.rectangle(box, fill=_rgb(shape.fill))
    if shape.stroke:
        draw.rectangle(box, outline=_rgb(shape.stroke), width=max(1, round(0.8 * SCALE)))


def _dashes(points, dash: str):
    """The segments of a dashed polyline (``dash`` as SVG's stroke-dasharray)."""
    pattern = [float(part) * SCALE for part in dash.split()]
    index, left, on = 0, pattern[0], True
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        length = math.hypot(x2 - x1, y2 - y1)
        done = 0.0
        while done < length:
            step = min(left, length - done)
            if on:
                a, b = done / length, (done + step) / length
                yield [(x1 + (x2 - x1) * a, y1 + (y2 - y1) * a),
                       (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b)]
            done += step
            left -= step
            if left <= 1e-9:
                index = (index + 1) % len(pattern)
                left, on = pattern[index], not on


def _line(draw: ImageDraw.ImageDraw, shape: Line) -> None:
    points = [(x * SCALE, y * SCALE) for x, y in shape.points]
    width = max(1, round(shape.width * SCALE))
    if shape.dash:
        for segment in _dashes(points, shape.dash):
            draw.line(segment, fill=_rgb(shape.stroke), width=width)
    else:
        draw.line(points, fill=_rgb(shape.stroke), width=width, joint="curve")


def _marker(draw: ImageDraw.ImageDraw, shape: Marker) -> None:
    x, y, s = shape.x * SCALE, shape.y * SCALE, SCALE
    colour, outline = _rgb(shape.colour), (255, 255, 255)
    if shape.shape == "square":
        draw.rectangle([x - 4.5 * s, y - 4.5 * s, x + 4.5 * s, y + 4.5 * s], fill=colour,
                       outline=outline, width=s)
    elif shape.shape == "triangle":
        draw.polygon([(x, y - 6 * s), (x + 5.5 * s, y + 4 * s), (x - 5.5 * s, y + 4 * s)],
                     fill=colour, outline=outline)
    elif shape.shape == "diamond":
        draw.polygon([(x, y - 6 * s), (x + 6 * s, y), (x, y + 6 * s), (x - 6 * s, y)],
                     fill=colour, outline=outline)
    else:
        draw.ellipse([x - 5 * s, y - 5 * s, x + 5 * s, y + 5 * s], fill=colour,
                     outline=outline, width=s)


def _text(draw: ImageDraw.ImageDraw, shape: Text) -> None:
    anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
    draw.text((shape.x * SCALE, shape.y * SCALE), shape.text, fill=_rgb(shape.colour),
              font=_font(shape.size, shape.bold), anchor=anchor)


def paint(drawing: Drawing) -> Image.Image:
    image = Image.new("RGB", (math.ceil(drawing.width * SCALE),
                              math.ceil(drawing.height * SCALE)), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for shape in drawing.shapes:
        if isinstance(shape, Rect):
            _rect(image, draw, shape)
        elif isinstance(shape, Line):
            _line(draw, shape)
        elif isinstance(shape, Marker):
            _marker(draw, shape)
        else:
            _text(draw, shape)
    return image


def chart_png(chart) -> tuple[bytes, tuple[int, int]]:
    """The chart as PNG bytes, and its size in the drawing's units (pixels at 1×)."""
    drawing = layout(chart)
    buffer = io.BytesIO()
    paint(drawing).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue(), (math.ceil(drawing.width), math.ceil(drawing.height))
