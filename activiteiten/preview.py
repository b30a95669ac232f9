"""The schedule preview of the activity form: the next dates of a schedule, with warnings.

The same rule as the agenda and the iCalendar feeds (``schedules.rule``) and the same
warnings as after saving (``checks.date_warnings``), before anything is saved: the admin's
schedule inline shows them for a saved schedule, the preview view (``admin_views``) for
the schedule being edited.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from django.utils import timezone
from django.utils.formats import date_format, localize_input
from django.utils.translation import ngettext

from locaties.models import Location
from ontmoeting.formats import short_date

from . import checks, schedules
from .models import Activity

# How many dates the schedule preview shows.
PREVIEW_COUNT = 10


@dataclass(frozen=True)
class PreviewDate:
    day: datetime.date
    start: datetime.datetime
    end: datetime.datetime
    cancelled: bool = False
    reason: str = ""
    # What checks.date_warnings says about this date, in sentences; and whether the place is
    # closed that day (the date does not go ahead).
    warnings: tuple[str, ...] = ()
    closed: bool = False

    @property
    def label(self) -> str:
        """'Tuesday 1 December 2026, 10:00–12:00' in the active language."""
        return f"{date_format(self.day, 'l j F Y')}, {self.start:%H:%M}–{self.end:%H:%M}"

    @property
    def short_label(self) -> str:
        """'vr 25 dec 2026' / 'Fri 25 Dec 2026', as the warnings name dates."""
        return short_date(self.day)

    def as_json(self) -> dict:
        return {
            "date": self.day.isoformat(),
            # As the date box of the cancelled-dates table expects it in this language.
            "input": localize_input(self.day),
            "label": self.label,
            "short_label": self.short_label,
            "cancelled": self.cancelled,
            "reason": self.reason,
            "closed": self.closed,
            "warnings": list(self.warnings),
        }


def upcoming_dates(
    schedule, cancelled: dict[datetime.date, str], *, today: datetime.date, count=PREVIEW_COUNT
) -> list[PreviewDate]:
    """The first ``count`` dates of ``schedule`` from ``today`` on, cancelled ones marked.

    The same rule as the agenda and the iCalendar feeds (``schedules.rule``), so what the
    preview shows is what residents will see.
    """
    length = schedules.duration(schedule)
    start = datetime.datetime.combine(today, datetime.time.min)
    result = []
    for naive in schedules.rule(schedule).xafter(start, count=count, inc=True):
        day = naive.date()
        result.append(
            PreviewDate(
                day=day,
                start=naive,
                end=naive + length,
                cancelled=day in cancelled,
                reason=cancelled.get(day, ""),
            )
        )
    return result


class PreviewChecks:
    """The warnings of the preview, before saving: ``checks.date_warnings`` on the dates shown.

    Holds the place (with its hours, exceptions and holidays) and the other published
    activities' dates there, fetched once for the widest period asked, so a form with several
    schedules costs a fixed number of queries. ``exclude`` is the activity being edited.
    """

    def __init__(self, location, *, room: str = "", exclude: int | None = None):
        self.location = location
        self.room = room
        self.exclude = exclude
        self._others: list = []
        self._fetched: tuple[datetime.datetime, datetime.datetime] | None = None

    def _others_between(self, start, end) -> list:
        if self._fetched is None or start < self._fetched[0] or end > self._fetched[1]:
            # At least today and the warnings' usual 90 days: the previews of one form's
            # schedules (each from today on) then mostly fit in the first fetch.
            today = timezone.make_aware(
                datetime.datetime.combine(timezone.localdate(), datetime.time.min)
            )
            start = min(start, today)
            end = max(end, checks.window(today)[1])
            if self._fetched is not None:
                start, end = min(start, self._fetched[0]), max(end, self._fetched[1])
            exclude = [self.exclude] if self.exclude else []
            self._others = checks.other_dates([self.location.pk], start, end, exclude=exclude)
            self._fetched = (start, end)
        return self._others

    def apply(self, dates: list[PreviewDate]) -> list[PreviewDate]:
        if not dates:
            return dates
        moments = [
            schedules.Occurrence(
                activity=None,
                schedule=None,
                start=timezone.make_aware(date.start),
                end=timezone.make_aware(date.end),
                cancelled=date.cancelled,
            )
            for date in dates
        ]
        others = self._others_between(moments[0].start, max(m.end for m in moments))
        found = {
            warning.start: warning
            for warning in checks.date_warnings(
                moments, location=self.location, room=self.room, others=others
            )
        }
        result = []
        for date, moment in zip(dates, moments, strict=True):
            warning = found.get(moment.start)
            if warning is None:
                result.append(date)
            else:
                result.append(
                    replace(
                        date,
                        warnings=tuple(warning.reasons(self.location)),
                        closed=warning.closure is not None,
                    )
                )
        return result


def context(dates: list[PreviewDate]) -> dict:
    return {
        "dates": dates,
        "warning_summary": warning_summary([date for date in dates if date.warnings], len(dates)),
    }


def warning_summary(flagged: list[PreviewDate], shown: int) -> str:
    """'2 of these 10 dates need a look: vr 25 dec 2026, … You can still save.'"""
    if not flagged:
        return ""
    return ngettext(
        "%(count)d of these %(shown)d dates needs a look: %(dates)s. You can still save.",
        "%(count)d of these %(shown)d dates need a look: %(dates)s. You can still save.",
        len(flagged),
    ) % {
        "count": len(flagged),
        "shown": shown,
        "dates": ", ".join(date.short_label for date in flagged),
    }


def activity_checks(activity: Activity) -> PreviewChecks:
    """One PreviewChecks per activity shown, shared by its schedules' previews.

    The activity admin (``_create_formsets``) gives every schedule of the form the same activity
    instance, so the place and the other activities' dates are fetched once for the form.
    """
    found = getattr(activity, "_preview_checks", None)
    if found is None:
        location = Location.objects.with_hours().get(pk=activity.location_id)
        found = PreviewChecks(location, room=activity.room, exclude=activity.pk)
        activity._preview_checks = found
    return found
