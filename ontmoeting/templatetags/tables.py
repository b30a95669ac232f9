from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.simple_tag
def column_headings(*headings) -> str:
    """A table's column headings, ``<th scope="col">`` each: a screen reader then names the
    column of every cell (WCAG 1.3.1). ``{% column_headings _("Row") _("Name") %}``."""
    return format_html_join("", '<th scope="col">{}</th>', ((heading,) for heading in headings))
