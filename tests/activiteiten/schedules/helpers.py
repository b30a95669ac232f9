"""What the schedule tests share: moments in Amsterdam, times, weekdays, an unsaved
schedule and its dates."""

import datetime
from zoneinfo import ZoneInfo

from activiteiten import schedules
from activiteiten.models import Schedule

AMS = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC
MO, TU, WE, TH, FR, SA, SU = range(7)


def at(year, month, day, hour=0, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMS)


def t(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def make(**kwargs) -> Schedule:
    """An unsaved schedule: weekly on Tuesday 10:00–12:00 from 1 December 2026 by default."""
    values = {
        "start_date": datetime.date(2026, 12, 1),
        "start_time": t("10:00"),
        "end_time": t("12:00"),
        "frequency": Schedule.Frequency.WEEKLY,
        "weekdays": [TU],
    }
    values.update(kwargs)
    return Schedule(**values)


def dates(schedule: Schedule, limit: int = 100) -> list[datetime.date]:
    return [moment.date() for moment in schedules.rule(schedule)[:limit]]


def aware_dates(schedule: Schedule, limit: int = 100) -> list[datetime.datetime]:
    """The rule's occurrences as aware local datetimes."""
    return [moment.replace(tzinfo=AMS) for moment in schedules.rule(schedule)[:limit]]
