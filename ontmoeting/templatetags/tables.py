from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def column_headings(*headings) -> str:
    """A table's column headings, ``<th scope="col">`` each: a screen reader then names the
    column of every cell (WCAG 1.3.1). ``{% column_headings _("Row") _("Name") %}``."""
    return format_html_join("", '<th scope="col">{}</th>', ((heading,) for heading in headings))


@register.simple_tag
def table_head(*headings) -> str:
    """A table's whole head: one row of :func:`column_headings`. A table with other cells in
    its head row writes the row itself."""
    return format_html("<thead><tr>{}</tr></thead>", column_headings(*headings))
