"""Form widgets shared by the public filters."""

import re
from html import escape

from django import forms
from django.utils.safestring import mark_safe

CLOCK_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


class ClockInput(forms.TimeInput):
    """A native time picker that never echoes an impossible time back into the page.

    A browser's time input only accepts HH:MM; echoing "25:99" would be invalid HTML and
    the field shows its error message instead.
    """

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")

    def format_value(self, value):
        formatted = super().format_value(value)
        return formatted if formatted and CLOCK_RE.match(str(formatted)) else None


def _html(text) -> str:
    """``text`` as HTML, escaped unless it is HTML already (as Django's conditional_escape)."""
    return text.__html__() if hasattr(text, "__html__") else escape(str(text))


class QuickSelect(forms.Select):
    """Django's select, its options written here rather than through a template each.

    The same HTML. A region's list of hundreds of clusters, each option rendered by a
    template of its own, took a quarter of the home page's time.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.format_value(value)
        options, selected_one = [], False
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                return super().render(name, value, attrs, renderer)  # groups: Django's way
            text = "" if option_value is None else str(option_value)
            # As Django's: in a single select only the first match is selected.
            selected = (not selected_one or self.allow_multiple_selected) and text in chosen
            selected_one |= selected
            options.append(
                f'\n  <option value="{escape(text)}"{" selected" if selected else ""}>'
                f"{_html(label)}</option>\n"
            )
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        return mark_safe(
            f'<select name="{escape(name)}"{html_attrs(final_attrs)}>{"".join(options)}\n</select>'
        )


def html_attrs(attrs: dict) -> str:
    """Attributes as Django's attrs.html writes them: in the order given (flatatt would sort
    them), True as a bare name, False left out."""
    return "".join(
        f" {escape(key)}" if item is True else f' {escape(key)}="{escape(str(item))}"'
        for key, item in attrs.items()
        if item is not False
    )


def input_tag(widget: dict) -> str:
    """An ``<input>`` as Django's input.html writes it, from a widget's context (``data`` of
    a BoundWidget: one checkbox of a group)."""
    value = widget["value"]
    written = "" if value is None else f' value="{escape(str(value))}"'
    return (
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{written}'
        f"{html_attrs(widget['attrs'])}>"
    )
