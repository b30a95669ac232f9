"""Recurring schedules as RFC 5545 rules, expanded in local (wall-clock) time.

A schedule is edited as simple choices (once / weekly on days every N weeks / monthly
on the n-th weekday, until a date or a number of times); this module turns those into
a ``dateutil`` rule, the RRULE text for iCalendar, occurrences for any period and a
sentence for people. Rules run on naive local datetimes and are made aware afterwards,
so "Tuesdays 10:00" stays 10:00 on both sides of a daylight-saving change.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from dateutil import rrule as du
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from locaties.opening import closure_on
from ontmoeting.dates import LATEST_DATE, in_range

# The fields of a schedule that make its rule, in the order a schedule is edited: the admin
# form, copying an activity, the import and the live preview (through the page) read them here.
FIELDS = (
    "start_date",
    "start_time",
    "end_time",
    "frequency",
    "interval",
    "weekdays",
    "month_week",
    "until",
    "count",
)
MIDNIGHT = datetime.time(0, 0)
NOON = datetime.time(12, 0)
FIVE_PM = datetime.time(17, 0)
RRULE_DAYS = (du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU)
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


# The choices a schedule is made of. Declared here, below the models, so that the rules can
# check and describe any schedule (a form's, an import's, a history record) without them;
# ``Schedule`` takes them as its own (``Schedule.Frequency``, ``Schedule.MonthWeek``).
class Frequency(models.TextChoices):
    ONCE = "once", gettext_lazy("once")
    WEEKLY = "weekly", gettext_lazy("weekly")
    MONTHLY = "monthly", gettext_lazy("monthly, on the n-th weekday")


class MonthWeek(models.IntegerChoices):
    FIRST = 1, gettext_lazy("first")
    SECOND = 2, gettext_lazy("second")
    THIRD = 3, gettext_lazy("third")
    FOURTH = 4, gettext_lazy("fourth")
    LAST = -1, gettext_lazy("last")


class PartOfDay(models.TextChoices):
    MORNING = "morning", gettext_lazy("Morning (before 12:00)")
    AFTERNOON = "afternoon", gettext_lazy("Afternoon (12:00–17:00)")
    EVENING = "evening", gettext_lazy("Evening (from 17:00)")


# Each part of the day as the start times [from, until) it holds; None: open-ended. The
# agenda's SQL, the schedule filter and part_of_day all read them from here.
PART_BOUNDS = {
    PartOfDay.MORNING: (None, NOON),
    PartOfDay.AFTERNOON: (NOON, FIVE_PM),
    PartOfDay.EVENING: (FIVE_PM, None),
}


def part_of_day(moment: datetime.time) -> str:
    """The part of the day an activity starting at ``moment`` (local time) belongs to."""
    return next(
        part
        for part, (low, high) in PART_BOUNDS.items()
        if (low is None or moment >= low) and (high is None or moment < high)
    )


# An activity's week slots (``Activity.week_slots``, written by the triggers of migration
# 0012 from its schedules): for each schedule, each day it falls on (0 = Monday; a one-off
# on its date's weekday) with the part of the day it starts in, and that part on ANY_DAY
# for a choice of parts without days. A slot is day × 3 + the part's place in PART_BOUNDS,
# which is the order of the triggers' CASE.
ANY_DAY = 7


def week_slots(days=(), parts=()) -> list[int]:
    """The slots of which an activity needs one to have a schedule on one of ``days`` in one
    of ``parts`` of the day; empty ``days`` or ``parts`` mean "any"."""
    order = list(PART_BOUNDS)
    chosen = [order.index(part) for part in parts] or range(len(order))
    return sorted({day * len(order) + part for day in (days or [ANY_DAY]) for part in chosen})


@dataclass(frozen=True)
class Occurrence:
    """One date of an activity.

    Two things stop a date from going ahead, kept apart because they are different news
    for residents: the activity's own cancelled date (``cancelled``, an EXDATE entered by
    its organiser) and its place being closed that day (``place_closed``, see
    :func:`locaties.opening.closure_on`: a "closed" exception or a public holiday).
    """

    activity: object
    schedule: object
    start: datetime.datetime
    end: datetime.datetime
    cancelled: bool = False
    cancellation_reason: str = ""
    place_closed: bool = False
    # The closure's own reason ("Eerste kerstdag", "Verbouwing"); may be empty.
    closure_reason: str = ""

    @property
    def date(self) -> datetime.date:
        return self.start.date()

    @property
    def goes_ahead(self) -> bool:
        return not (self.cancelled or self.place_closed)

    @property
    def closure_text(self) -> str:
        """'Not going ahead: the place is closed (Christmas Day)', or '' when it is open."""
        if not self.place_closed:
            return ""
        if self.closure_reason:
            return _("Not going ahead: the place is closed (%(reason)s)") % {
                "reason": self.closure_reason
            }
        return _("Not going ahead: the place is closed")


def _local(naive: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(naive, timezone.get_default_timezone())


# Any ordinary day: the length of an activity in wall-clock time does not depend on its date,
# and a day in the middle of the calendar cannot overflow (the schedule's own date might).
_SOME_DAY = datetime.date(2001, 1, 1)


def duration(schedule) -> datetime.timedelta:
    start = datetime.datetime.combine(_SOME_DAY, schedule.start_time)
    end = datetime.datetime.combine(_SOME_DAY, schedule.end_time)
    if schedule.end_time == MIDNIGHT or end <= start:
        end += datetime.timedelta(days=1)
    return end - start


def rule(schedule) -> du.rrule:
    """The dateutil rule on naive local datetimes (a one-off is a rule with COUNT=1)."""
    dtstart = datetime.datetime.combine(schedule.start_date, schedule.start_time)
    kwargs = {"dtstart": dtstart, "cache": False}
    if schedule.frequency == "once":
        return du.rrule(du.DAILY, count=1, **kwargs)
    if schedule.until:
        kwargs["until"] = datetime.datetime.combine(schedule.until, datetime.time.max)
    elif schedule.count:
        kwargs["count"] = schedule.count
    days = sorted(set(schedule.weekdays or []))
    if schedule.frequency == "weekly":
        return du.rrule(
            du.WEEKLY,
            interval=schedule.interval or 1,
            byweekday=[RRULE_DAYS[d] for d in days],
            **kwargs,
        )
    return du.rrule(
        du.MONTHLY,
        interval=schedule.interval or 1,
        byweekday=[RRULE_DAYS[d](schedule.month_week) for d in days],
        **kwargs,
    )


def rrule_string(schedule) -> str:
    """The RRULE value for iCalendar; UNTIL in UTC as RFC 5545 requires with a TZID start."""
    if schedule.frequency == "once":
        return ""
    parts = [f"FREQ={schedule.frequency.upper()}"]
    if (schedule.interval or 1) > 1:
        parts.append(f"INTERVAL={schedule.interval}")
    days = sorted(set(schedule.weekdays or []))
    if schedule.frequency == "weekly":
        parts.append("BYDAY=" + ",".join(ICAL_DAYS[d] for d in days))
    else:
        parts.append("BYDAY=" + ",".join(f"{schedule.month_week}{ICAL_DAYS[d]}" for d in days))
    if schedule.until:
        last = _local(datetime.datetime.combine(schedule.until, datetime.time(23, 59, 59)))
        parts.append("UNTIL=" + last.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ"))
    elif schedule.count:
        parts.append(f"COUNT={schedule.count}")
    return ";".join(parts)


def last_date(schedule) -> datetime.date | None:
    """The date of the real last occurrence: not the end date entered when the rule's last
    date falls before it. None when the schedule goes on without end; the first date for a
    schedule that ends but has no dates at all (the agenda's SQL reads None as "no end").

    ``Schedule.last_date`` stores this on save; read the stored field where there is one.
    """
    if schedule.frequency == "once":
        return schedule.start_date
    if schedule.until is None and schedule.count is None:
        return None
    last = None
    # At most 1000 dates (count), or a century of weeks up to `until`: cheap enough per save.
    for last in rule(schedule):  # noqa: B007
        pass
    return last.date() if last else schedule.start_date


def first_start(schedule) -> datetime.datetime | None:
    """The first real occurrence (the start date itself need not match the rule)."""
    first = rule(schedule).after(
        datetime.datetime.combine(schedule.start_date, datetime.time.min), inc=True
    )
    return _local(first) if first else None


def _in_range(schedule) -> bool:
    """Whether a rule can be built at all; out-of-range values are the field checks' to report.

    Model.full_clean() runs clean() even after a field failed, and a day 7 or an 9th week
    would crash dateutil rather than give a message.
    """
    return (
        schedule.frequency in Frequency.values
        and all(day in range(7) for day in schedule.weekdays or [])
        and (schedule.month_week is None or schedule.month_week in MonthWeek.values)
    )


def validate(schedule) -> None:
    """Raise a ValidationError with plain messages for an impossible or incomplete schedule."""
    errors = {}
    if (
        schedule.start_time
        and schedule.end_time
        and schedule.end_time != MIDNIGHT
        and schedule.end_time <= schedule.start_time
    ):
        errors["end_time"] = _("The end time must be later than the start time.")
    if schedule.until and schedule.start_date and schedule.until < schedule.start_date:
        errors["until"] = _("The last date cannot be before the first date.")
    if schedule.until and schedule.count:
        errors["count"] = _("Choose an end date or a number of times, not both.")
    if schedule.frequency == "once":
        if schedule.weekdays or schedule.until or schedule.count or schedule.month_week:
            errors.setdefault(
                "frequency",
                _(
                    "A one-off activity has no days, end date or number of times; choose 'weekly' or 'monthly'."
                ),
            )
    elif not schedule.weekdays:
        errors["weekdays"] = _("Choose at least one day.")
    if schedule.frequency == "monthly" and not schedule.month_week:
        errors["month_week"] = _("Choose which week of the month (first, second … last).")
    if schedule.frequency == "weekly" and schedule.month_week:
        errors["month_week"] = _("The week of the month only applies to a monthly schedule.")
    if not errors and schedule.start_date and schedule.start_time and _in_range(schedule):
        if first_start(schedule) is None:
            errors["__all__"] = _(
                "This schedule has no dates at all: check the days and the end date."
            )
        elif (
            schedule.count
            and in_range(schedule.start_date)
            and (last_date(schedule) or schedule.start_date) > LATEST_DATE
        ):
            # The end date has its own check (a field validator); the count's last date is
            # reckoned here, so that every stored last date stays in the range too.
            errors["count"] = _(
                "With this number of times the last date would be after %(last)s: choose fewer "
                "times or an end date."
            ) % {"last": date_format(LATEST_DATE, "DATE_FORMAT")}
    if errors:
        raise ValidationError(errors)


def repeats(schedule) -> str:
    """How ``schedule`` repeats and until when, without the times ('' for a one-off)."""
    return "" if schedule.frequency == "once" else describe(schedule, with_times=False)


def describe(schedule, *, with_times: bool = True) -> str:
    """A short sentence in the active language, the one description of a schedule everywhere.

    E.g. 'every 2 weeks on Tuesday, 10:00–12:00', and for a series that ends, when:
    'every week on Sunday, 10:00–11:00, until Sunday 18 April 2027' or '…, 10 times, until
    Sunday 18 April 2027'. ``with_times=False`` leaves the times out (for a line that
    shows them already). Reads no database (a count's last date is stored on save).
    """
    times = f"{schedule.start_time:%H:%M}–{schedule.end_time:%H:%M}"
    if schedule.frequency == "once":
        day = date_format(schedule.start_date, "DATE_FORMAT")
        return f"{day}, {times}" if with_times else day
    # Until: the date entered; with a count, the date of the last time (stored on save,
    # computed here for a schedule not saved yet, e.g. in the editor's preview).
    last = schedule.until or (
        (getattr(schedule, "last_date", None) or last_date(schedule)) if schedule.count else None
    )
    rule, ending = _rule_words(
        get_language(),
        schedule.frequency,
        schedule.interval or 1,
        tuple(sorted(set(schedule.weekdays or []))),
        schedule.month_week,
        schedule.count,
        last,
    )
    return ", ".join([rule, times, *ending] if with_times else [rule, *ending])


# Kept per language (the first argument; the words are in the active one): the agenda
# describes a hundred schedules a page, on every page again, and most rules recur.
@functools.lru_cache(maxsize=4096)
def _rule_words(
    language, frequency, interval, weekdays, month_week, count, last
) -> tuple[str, tuple[str, ...]]:
    """The words of a rule: how it repeats, and (count, until) how it ends."""
    # Django's own day names are cased for each language ("Tuesday", "dinsdag"); lowering
    # them would give "on tuesday" in English.
    days = get_text_list([str(WEEKDAYS[d]) for d in weekdays], _("and"))
    if frequency == "weekly":
        every = ngettext("every week", "every %(n)d weeks", interval) % {"n": interval}
        rule = _("%(every)s on %(days)s") % {"every": every, "days": days}
    else:
        every = ngettext("every month", "every %(n)d months", interval) % {"n": interval}
        week = str(MonthWeek(month_week).label) if month_week else ""
        rule = _("%(every)s on the %(week)s %(days)s") % {
            "every": every,
            "week": week,
            "days": days,
        }
    ending = []
    if count:
        ending.append(ngettext("%(n)d time", "%(n)d times", count) % {"n": count})
    if last:
        ending.append(_("until %(date)s") % {"date": date_format(last, "l j F Y")})
    return rule, tuple(ending)


def occurrences_of(
    activities, start: datetime.datetime, end: datetime.datetime, *, include_cancelled=False
):
    """Occurrences of ``activities`` overlapping [start, end), sorted by start.

    Reads ``activity.schedules.all()``, ``activity.cancellations.all()`` and
    ``activity.location.exceptions.all()`` (prefetch them). A cancelled date (EXDATE)
    cancels every occurrence of that activity on that day; a day its place is closed
    (:func:`locaties.opening.closure_on`, on the local day the occurrence starts) stops
    every occurrence there. Dates that do not go ahead are left out unless
    ``include_cancelled``, then they are marked.
    """
    # Compared in UTC: Python compares two datetimes in the same zone by wall-clock time,
    # which is wrong for a time in the hour skipped when summer time starts.
    start_utc, end_utc = start.astimezone(datetime.UTC), end.astimezone(datetime.UTC)
    result = []
    closures: dict[tuple[int, datetime.date], object] = {}
    for activity in activities:
        cancelled = {c.date: c.reason for c in activity.cancellations.all()}
        location = activity.location
        for schedule in activity.schedules.all():
            length = duration(schedule)
            window_start = timezone.localtime(start).replace(tzinfo=None) - length
            window_end = timezone.localtime(end).replace(tzinfo=None)
            for naive in rule(schedule).between(window_start, window_end, inc=True):
                begins = _local(naive)
                finishes = _local(naive + length)
                if not (begins < end_utc and finishes > start_utc):
                    continue
                day = naive.date()
                if (location.pk, day) not in closures:
                    closures[location.pk, day] = closure_on(location, day)
                closure = closures[location.pk, day]
                is_cancelled = day in cancelled
                if (is_cancelled or closure) and not include_cancelled:
                    continue
                result.append(
                    Occurrence(
                        activity=activity,
                        schedule=schedule,
                        start=begins,
                        end=finishes,
                        cancelled=is_cancelled,
                        cancellation_reason=cancelled.get(day, ""),
                        place_closed=closure is not None,
                        closure_reason=closure.note if closure else "",
                    )
                )
    result.sort(key=lambda o: (o.start.astimezone(datetime.UTC), str(o.activity)))
    return result


# "Next date" passes at most this many dates that do not go ahead: public holidays never
# run out, and a rule could fall on one every time (a fourth Thursday of November).
NEXT_DATE_SKIPS = 100


def next_date(activity, today: datetime.date) -> datetime.date | None:
    """The first day from ``today`` on which the activity takes place (cancelled days and
    days its place is closed skipped).

    Reads the prefetched ``schedules``, ``cancellations`` and ``location.exceptions``.
    """
    cancelled = {c.date for c in activity.cancellations.all()}
    start = datetime.datetime.combine(today, datetime.time.min)
    found = []
    for schedule in activity.schedules.all():
        recurrence = rule(schedule)
        moment = recurrence.after(start, inc=True)
        for _skip in range(NEXT_DATE_SKIPS):
            if moment is None or not (
                moment.date() in cancelled or closure_on(activity.location, moment.date())
            ):
                break
            moment = recurrence.after(moment)
        else:
            moment = None
        if moment is not None:
            found.append(moment.date())
    return min(found, default=None)
