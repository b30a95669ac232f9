"""Form widgets shared by the public filters."""

import re

from django import forms

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
