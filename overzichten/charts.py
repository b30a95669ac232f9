"""Small bar charts as server-rendered SVG: no JavaScript, no library, nothing from a CDN.

A chart is for people who would rather look than read. Its content is always also in a
real table next to it, so the SVG is ``aria-hidden``: screen-reader users get the table
and do not hear every number twice. Colours are presentation attributes, not inline
styles, so a strict Content-Security-Policy holds; every bar also carries its number as
text, and the series differ in lightness (readable in greyscale print too).
"""

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

WIDTH = 640
LABEL_WIDTH = 220
VALUE_WIDTH = 90
ROW = 30
BAR = 20
FONT = 14
LEGEND_ROW = 26
MAX_LABEL = 30

INK = "#1d1d1b"
# Dark and middle blue: each at least 3:1 against white (WCAG 1.4.11), and apart in lightness.
SERIES_FILLS = ("#154273", "#5c87b8", "#1b6b3a")


def _px(value: float) -> str:
    """A coordinate with one decimal (format_html turns its arguments into text first)."""
    return f"{value:.1f}"


def _label(text: str) -> str:
    text = str(text)
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def _number(value) -> str:
    """A value as people read it in the active language: 0,5 in Dutch, 0.5 in English."""
    if isinstance(value, float) and not value.is_integer():
        return number_format(round(value, 1), decimal_pos=1)
    return number_format(int(value))


def _svg(height: int, body: list[str], css_class: str) -> SafeString:
    return format_html(
        '<svg class="chart {}" viewBox="0 0 {} {}" width="100%" aria-hidden="true" '
        'focusable="false" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        css_class,
        WIDTH,
        height,
        mark_safe("".join(body)),  # every part was built with format_html
    )


def _row_label(label, y: int) -> str:
    """A bar's label, right-aligned before the bar whose top is at ``y``."""
    return format_html(
        '<text x="{}" y="{}" font-size="{}" fill="{}" text-anchor="end">{}</text>',
        LABEL_WIDTH - 8,
        y + BAR - 5,
        FONT,
        INK,
        _label(label),
    )


def _value_text(end: float, y: int, text: str) -> str:
    """The numbers written after a bar that ends at ``end`` and has its top at ``y``."""
    return format_html(
        '<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>',
        _px(end + 6),
        y + BAR - 5,
        FONT,
        INK,
        text,
    )


def _legend(series, top: int) -> list[str]:
    parts, x = [], LABEL_WIDTH
    for name, fill in series:
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="14" height="14" fill="{}"/>'
                '<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>',
                x,
                top + 3,
                fill,
                x + 20,
                top + 15,
                FONT,
                INK,
                _label(name),
            )
        )
        x += 40 + 9 * len(str(name))
    return parts


def stacked_bars(rows, series_names, *, css_class: str = "chart--stacked") -> SafeString:
    """Horizontal stacked bars: ``rows`` is [(label, [value per series])].

    The numbers at the end of each bar are the values in series order, e.g. "30 + 5".
    """
    rows = list(rows)
    series = list(zip(series_names, SERIES_FILLS, strict=False))
    largest = max((sum(values) for _label_text, values in rows), default=0) or 1
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH - 10) / largest
    body = _legend(series, 0)
    for index, (label, values) in enumerate(rows):
        y = LEGEND_ROW + index * ROW
        body.append(_row_label(label, y))
        x = LABEL_WIDTH
        for value, (_name, fill) in zip(values, series, strict=False):
            width = value * scale
            if width:
                body.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" '
                        'stroke="#ffffff" stroke-width="1"/>',
                        _px(x),
                        y,
                        _px(width),
                        BAR,
                        fill,
                    )
                )
            x += width
        body.append(_value_text(x, y, " + ".join(_number(v) for v in values)))
    return _svg(LEGEND_ROW + len(rows) * ROW, body, css_class)


def hour_bars(rows) -> SafeString:
    """Horizontal bars of hours: ``rows`` is [(label, hours)]."""
    return bars(rows, unit=pgettext("abbreviation of hours", "h"))


def bars(rows, *, maximum=None, unit: str = "", css_class: str = "chart--bars") -> SafeString:
    """Horizontal bars: ``rows`` is [(label, value)]; ``maximum`` fixes the scale (e.g. 100 %).

    ``unit`` follows each number after a space ("%", "h").
    """
    rows = list(rows)
    largest = maximum or max((value or 0 for _label_text, value in rows), default=0) or 1
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH - 10) / largest
    body = []
    for index, (label, value) in enumerate(rows):
        y = index * ROW + 4
        body.append(_row_label(label, y))
        width = (value or 0) * scale
        if maximum:
            # The full length in outline, so "how far from 100 %" is visible at a glance.
            body.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="none" '
                    'stroke="{}" stroke-width="1"/>',
                    LABEL_WIDTH,
                    y,
                    _px(maximum * scale),
                    BAR,
                    INK,
                )
            )
        if width:
            body.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                    LABEL_WIDTH,
                    y,
                    _px(width),
                    BAR,
                    SERIES_FILLS[0],
                )
            )
        end = LABEL_WIDTH + (maximum * scale if maximum else width)
        text = "–" if value is None else f"{_number(value)} {unit}".rstrip()
        body.append(_value_text(end, y, text))
    return _svg(len(rows) * ROW + 8, body, css_class)
