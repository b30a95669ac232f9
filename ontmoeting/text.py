"""One-line text: names, titles, rooms, reasons, phone numbers.

Such a field is shown in a heading, a table cell or an iCalendar property (SUMMARY,
LOCATION, the calendar's name), where a line break either ends the property or is silently
lost. The admin offers a one-line box for them, but a crafted POST or a multi-line
spreadsheet cell (Alt+Enter in Excel) can still bring one. The rule, for the forms and the
import alike: such text is **refused** with a message that says what to remove, never
changed without a word; the person who typed it decides how it should read. Texts that may
span lines (descriptions) keep their line breaks; the feeds make those safe themselves
(``activiteiten/ical.py``).
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# Control characters (line feed, carriage return, tab, escape, NUL, the C1 controls such as
# NEL) and Unicode's own line and paragraph separators.
NOT_ON_ONE_LINE = {"Cc", "Zl", "Zp"}


def is_one_line(value: str) -> bool:
    return not any(unicodedata.category(char) in NOT_ON_ONE_LINE for char in value)


def validate_one_line(value) -> None:
    if value and not is_one_line(str(value)):
        raise ValidationError(
            _(
                "Write this on one line: line breaks, tabs and other control characters are "
                "not allowed here."
            ),
            code="not_one_line",
        )


def one_line_field(verbose_name, *, max_length: int, **options) -> models.CharField:
    """A model field for one-line text: refused with a line break (see above)."""
    return models.CharField(
        verbose_name, max_length=max_length, validators=[validate_one_line], **options
    )
