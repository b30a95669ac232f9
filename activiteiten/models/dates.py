"""When an activity happens: its schedules, the dates derived from them for the agenda, and
the dates that do not go ahead."""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from locaties.models import weekdays_field
from ontmoeting.dates import in_range_constraints, validate_in_range
from ontmoeting.text import one_line_field

from .. import schedules
from .activities import Activity


class Schedule(models.Model):
    """When an activity happens, as an RFC 5545 recurrence built from simple choices."""

    Frequency = schedules.Frequency
    MonthWeek = schedules.MonthWeek

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="schedules"
    )
    start_date = models.DateField(_("first date"), validators=[validate_in_range])
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"), help_text=_("00:00 means midnight."))
    frequency = models.CharField(
        _("repeats"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    interval = models.PositiveSmallIntegerField(
        _("every"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("Every 1, 2, 3 … weeks or months."),
    )
    weekdays = weekdays_field(_("days"))
    month_week = models.SmallIntegerField(
        _("week of the month"), choices=MonthWeek.choices, null=True, blank=True
    )
    until = models.DateField(
        _("until and including"), null=True, blank=True, validators=[validate_in_range]
    )
    count = models.PositiveSmallIntegerField(
        _("number of times"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    # Derived on save: with it, the agenda's SQL (activiteiten/agenda.py) needs no counting.
    last_date = models.DateField(_("last date"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["last_date"])

    class Meta:
        ordering = ["start_date", "start_time"]
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("start_date")),
                name="schedule_until_after_start",
            ),
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")) | Q(end_time=datetime.time(0, 0)),
                name="schedule_end_after_start",
            ),
            # See ontmoeting/dates.py. (last_date follows from these, and from count.)
            *in_range_constraints("schedule", "start_date", "until"),
        ]

    def __str__(self) -> str:
        return schedules.describe(self)

    def save(self, *args, **kwargs):
        self.last_date = schedules.last_date(self)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "last_date"}
        super().save(*args, **kwargs)

    @property
    def repeats(self) -> str:
        """How it repeats and until when, without the times ('' for a one-off)."""
        return schedules.repeats(self)

    @property
    def rrule(self) -> str:
        """The RFC 5545 RRULE value ('' for a one-off)."""
        return schedules.rrule_string(self)

    def clean(self) -> None:
        super().clean()
        schedules.validate(self)


class ScheduleDate(models.Model):
    """A date of a schedule within the agenda's horizon, with its instants: derived data.

    Written only by :func:`activiteiten.agenda.store_dates` (through the services), with the
    agenda's own rules, so that the agenda of a large city is one indexed query. Whether the
    date goes ahead (cancelled, place closed, activity published) is not kept here.
    """

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    start_time = models.TimeField()
    starts = models.DateTimeField()
    ends = models.DateTimeField()

    class Meta:
        default_permissions = ()
        indexes = [
            models.Index(fields=["day"], name="scheduledate_day"),
            models.Index(fields=["activity", "day"], name="scheduledate_activity_day"),
            # The agenda reads a period's dates in time order (activiteiten/agenda.py).
            models.Index(fields=["starts", "ends"], name="scheduledate_starts_ends"),
        ]

    def __str__(self) -> str:
        return f"{self.schedule_id}: {self.day:%Y-%m-%d}"


class AgendaHorizon(models.Model):
    """The days ``ScheduleDate`` covers (one row, id 1); none means the agenda computes all.

    Extended nightly by ``manage.py extend_agenda_dates``; a period outside it is computed
    live, so a missed night makes the agenda slower, never wrong.
    """

    first_day = models.DateField()
    last_day = models.DateField()

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.first_day:%Y-%m-%d} – {self.last_day:%Y-%m-%d}"


class Cancellation(models.Model):
    """A date on which an activity does not take place (an RFC 5545 EXDATE)."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="cancellations"
    )
    date = models.DateField(_("date"), validators=[validate_in_range])
    reason = one_line_field(_("reason"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        # One word for one thing: a date that does not go ahead ("gaat niet door"); a whole
        # activity that does not is *cancelled* ("afgelast", Activity.Status.CANCELLED).
        verbose_name = _("date not going ahead")
        verbose_name_plural = _("dates not going ahead")
        constraints = [
            models.UniqueConstraint(fields=["activity", "date"], name="one_cancellation_per_day"),
            *in_range_constraints("cancellation", "date"),
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.date:%d-%m-%Y}"
