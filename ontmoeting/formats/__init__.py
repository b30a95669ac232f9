"""Date formats of our own, per language, on top of Django's (``FORMAT_MODULE_PATH``).

Django's ``M`` is a capitalised month in every language ("vr 25 Dec 2026" in Dutch), so a
short date with its weekday needs a format per language: "vr 25 dec 2026", "Fri 25 Dec 2026".
"""

import datetime

from django.utils.formats import date_format, get_format

SHORT_WEEKDAY_DATE = "SHORT_WEEKDAY_DATE_FORMAT"
# For a language without a module here: Django's get_format gives back the name itself.
FALLBACK = "D j M Y"


def short_date(day: datetime.date) -> str:
    """'vr 25 dec 2026' in Dutch, 'Fri 25 Dec 2026' in English (the active language)."""
    pattern = get_format(SHORT_WEEKDAY_DATE)
    return date_format(day, FALLBACK if pattern == SHORT_WEEKDAY_DATE else pattern)
