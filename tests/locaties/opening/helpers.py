"""What the opening-hours tests share: moments in Amsterdam, times, weekly hours in a line."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import translation

from locaties import opening
from tests.factories import OpeningHoursFactory

AMS = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC
EVERY_DAY = range(7)
WEEKDAYS = range(5)


def at(year, month, day, hour=0, minute=0, second=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=AMS)


def t(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def add_hours(location, opens, closes, *, days=EVERY_DAY, supervised=True):
    for weekday in days:
        OpeningHoursFactory(
            location=location,
            weekday=weekday,
            opens=t(opens),
            closes=t(closes),
            supervised=supervised,
        )


def describe_en(state) -> str:
    with translation.override("en"):
        return opening.describe_state(state)
