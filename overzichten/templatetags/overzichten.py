from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from locaties import opening

register = template.Library()


@register.filter
def hours(value) -> str:
    """A number of hours with at most two decimals and no trailing zeros: 25,5 and 11 and 0,25."""
    if value is None or value == "":
        return ""
    rounded = round(float(value), 2)
    decimals = next(n for n in (0, 1, 2) if round(rounded, n) == rounded)
    return number_format(rounded, decimal_pos=decimals)


@register.filter
def norm_words(norm) -> str:
    """A norm in words: 'every day 08:30–20:00, supervised'."""
    return opening.describe_norm(norm) if norm is not None else ""


@register.simple_tag
def grid_rows(grid, coverage=False) -> SafeString:
    """The rows of a norm grid: a day header, then a cell per hour with a symbol for the eye
    and words for screen readers; with ``coverage``, then the day's hours open and supervised.

    Built here rather than in template loops: a city's grids have tens of thousands of
    cells, and a cell's markup depends only on its state, so each is made once.
    """
    made: dict = {}
    rows = []
    for day in grid:
        row = [format_html('<tr><th scope="row">{}</th>', day.name)]
        for cell in day.cells:
            if cell not in made:
                made[cell] = format_html(
                    '<td class="{}"><span aria-hidden="true">{}</span>'
                    '<span class="visually-hidden">{}</span></td>',
                    cell.css,
                    cell.symbol,
                    cell.label,
                )
            row.append(made[cell])
        if coverage:
            row.append(
                format_html(
                    '<td class="num">{}</td><td class="num">{}</td>',
                    hours(day.open_hours),
                    hours(day.supervised_hours),
                )
            )
        row.append("</tr>")
        rows.append("".join(row))
    return mark_safe("".join(rows))  # every part came from format_html
