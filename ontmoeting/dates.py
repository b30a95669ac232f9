"""The range of dates the portal accepts: 1 January 2000 up to and including 31 December 2099.

A year outside it is a typing error ("31-12-9999" for "no end", "0026" for "2026"), and near
the end of Python's calendar (9999-12-31) a day later, the week around a date or an activity
that ends after midnight no longer exists. So every date a person enters (admin forms,
import cells) or asks for (API and page parameters, the schedule preview) must lie in this
range, with one message in Dutch when it does not; and the database refuses other dates in
the fields people fill in (``CheckConstraint``s made with :func:`in_range_constraints`), so code
that computes with a stored date always has decades of room on both sides.
``tests/ontmoeting/test_date_range.py`` puts rows on both ends and reads every page.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, Q
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2099, 12, 31)

OUT_OF_RANGE = _("Enter a date in the years %(first)d to %(last)d.")


def in_range(day: datetime.date) -> bool:
    return EARLIEST_DATE <= day <= LATEST_DATE


def range_message() -> str:
    """The message for a date outside the range, in the active language."""
    return str(OUT_OF_RANGE) % {"first": EARLIEST_DATE.year, "last": LATEST_DATE.year}


def validate_in_range(value) -> None:
    """A model field validator: an empty value is the field's own business (blank/null)."""
    if value is not None and not in_range(value):
        raise ValidationError(
            OUT_OF_RANGE,
            code="date_out_of_range",
            params={"first": EARLIEST_DATE.year, "last": LATEST_DATE.year},
        )


def in_range_condition(field: str) -> Q:
    """For a ``CheckConstraint``: ``field`` is empty or lies in the range."""
    return Q(**{f"{field}__isnull": True}) | Q(
        **{f"{field}__gte": EARLIEST_DATE, f"{field}__lte": LATEST_DATE}
    )


def in_range_constraints(prefix: str, *fields: str) -> list[CheckConstraint]:
    """A ``CheckConstraint`` for each of ``fields``, named ``<prefix>_<field>_in_range``."""
    return [
        CheckConstraint(condition=in_range_condition(field), name=f"{prefix}_{field}_in_range")
        for field in fields
    ]


def clamp(day: datetime.date) -> datetime.date:
    """``day``, or the nearest end of the range."""
    return min(max(day, EARLIEST_DATE), LATEST_DATE)
