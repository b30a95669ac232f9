"""The schedule of an activity in an import row: its columns, and reading them into a Schedule.

Each column names the schedule field it holds (``activiteiten.schedules.FIELDS``), so the
columns, the model's messages and the report of what changed follow from one list.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from activiteiten import schedules as schedule_rules
from activiteiten.models import Schedule

from .. import cells
from .base import Column, assign_columns, columns_by_field

FREQUENCY_WORDS = {
    "eenmalig": Schedule.Frequency.ONCE,
    "once": Schedule.Frequency.ONCE,
    "wekelijks": Schedule.Frequency.WEEKLY,
    "weekly": Schedule.Frequency.WEEKLY,
    "maandelijks": Schedule.Frequency.MONTHLY,
    "monthly": Schedule.Frequency.MONTHLY,
}
MONTH_WEEK_WORDS = {
    "1": 1,
    "eerste": 1,
    "first": 1,
    "2": 2,
    "tweede": 2,
    "second": 2,
    "3": 3,
    "derde": 3,
    "third": 3,
    "4": 4,
    "vierde": 4,
    "fourth": 4,
    "laatste": -1,
    "last": -1,
}


def _every(value: str) -> int | None:
    """Every how many weeks or months; an empty cell is every one."""
    return cells.integer(value) if value else 1


# In the order of the template; schedule_rules.FIELDS orders what changed.
COLUMNS = [
    Column(
        "startdatum",
        gettext_lazy("Required. The first date, as day-month-year (31-12-2026) or 2026-12-31."),
        "06-01-2026",
        True,
        field="start_date",
        parse=cells.date,
    ),
    Column(
        "begintijd",
        gettext_lazy("Required. Start time, like 10:00."),
        "10:00",
        True,
        field="start_time",
        parse=cells.time,
    ),
    Column(
        "eindtijd",
        gettext_lazy("Required. End time, like 12:00 (00:00 for midnight)."),
        "12:00",
        True,
        field="end_time",
        parse=cells.time,
    ),
    Column(
        "herhaling",
        gettext_lazy("Required. eenmalig, wekelijks or maandelijks."),
        "wekelijks",
        True,
        field="frequency",
        parse=cells.choice(FREQUENCY_WORDS, ["eenmalig", "wekelijks", "maandelijks"], ""),
    ),
    Column(
        "dagen",
        gettext_lazy(
            "For wekelijks and maandelijks: the days, like ma, wo (ma di wo do vr za zo). "
            "Empty for eenmalig."
        ),
        "di",
        field="weekdays",
        parse=cells.weekdays,
    ),
    Column(
        "elke",
        gettext_lazy("Every 1, 2, 3 … weeks or months; empty means 1."),
        "1",
        field="interval",
        parse=_every,
    ),
    Column(
        "week_van_de_maand",
        gettext_lazy("For maandelijks: 1, 2, 3, 4 or laatste (e.g. every first Tuesday)."),
        "",
        field="month_week",
        parse=cells.choice(MONTH_WEEK_WORDS, ["1", "2", "3", "4", "laatste"]),
    ),
    Column(
        "tot_en_met",
        gettext_lazy("Optional. The last date. Fill in this or aantal_keer, or neither."),
        "",
        field="until",
        parse=cells.date,
    ),
    Column(
        "aantal_keer",
        gettext_lazy("Optional. The number of times."),
        "",
        field="count",
        parse=cells.integer,
    ),
]
FIELD_COLUMNS = columns_by_field(COLUMNS)


def read_schedule(reader) -> Schedule:
    """The row's schedule, checked like the admin does; problems go to the row's cells."""
    schedule = Schedule(interval=1)
    exclude = {"activity"}
    assign_columns(reader, schedule, COLUMNS, exclude)
    try:
        # schedules.validate() (in clean) covers both check constraints with better
        # messages; checking them again costs two queries per row.
        schedule.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        # A schedule problem that concerns no single column (no dates at all) goes
        # with the first date, where the fix usually starts.
        reader.validation_errors(exc, FIELD_COLUMNS, default="startdatum")
    return schedule


def values(schedule: Schedule) -> dict:
    """The rule's fields, alike for every way of writing the same rule."""
    found = {name: getattr(schedule, name) for name in schedule_rules.FIELDS}
    found["interval"] = found["interval"] or 1
    found["weekdays"] = sorted(found["weekdays"] or [])
    return found


def changed_columns(old_schedules: list[Schedule], schedule: Schedule) -> list[str]:
    if len(old_schedules) != 1:
        # None, or several that the one schedule of the row replaces: all of it changes.
        return [FIELD_COLUMNS[name] for name in schedule_rules.FIELDS]
    old, new = values(old_schedules[0]), values(schedule)
    return [FIELD_COLUMNS[name] for name in schedule_rules.FIELDS if old[name] != new[name]]
