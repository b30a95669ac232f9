"""What the model tests share: times and dates in a line, weekly hours and exceptions,
validation messages per field."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from locaties.models import OpeningException
from tests.factories import OpeningExceptionFactory
from tests.locaties.opening.helpers import t

AMS = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC
HALF_HOUR = datetime.timedelta(minutes=30)


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def special(location, day, opens, closes, *, supervised=False, end=None):
    OpeningExceptionFactory(
        location=location,
        start_date=d(day),
        end_date=d(end) if end else None,
        kind=OpeningException.Kind.SPECIAL_HOURS,
        opens=t(opens),
        closes=t(closes),
        supervised=supervised,
        reason="Bijzondere tijden",
    )


def closed(location, start, end=None):
    OpeningExceptionFactory(
        location=location, start_date=d(start), end_date=d(end) if end else None, reason="Dicht"
    )


def errors_of(instance, **kwargs) -> dict[str, list[str]]:
    """full_clean()'s messages per field, in English."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as info:
            instance.full_clean(**kwargs)
        return info.value.message_dict
