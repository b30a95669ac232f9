import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ontmoeting.dates import in_range_constraints, validate_in_range
from ontmoeting.text import one_line_field

from .. import opening
from .common import MIDNIGHT, Weekday, validate_interval
from .places import Location


class OpeningHours(models.Model):
    """One weekly interval; a day may have several (e.g. a lunch break)."""

    location = models.ForeignKey(
        Location, verbose_name=_("place"), on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(
        _("closes"), help_text=_("00:00 means midnight, at the end of the day.")
    )
    supervised = models.BooleanField(
        _("supervised"), default=True, help_text=_("A professional is present during these hours.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")) | Q(closes=MIDNIGHT),
                name="opening_hours_closes_after_opens",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    @property
    def interval(self) -> "opening.Interval":
        return opening.Interval(self.opens, self.closes, self.supervised)

    def clean(self) -> None:
        super().clean()
        validate_interval(self.opens, self.closes)
        if (
            self.location_id is None
            or self.opens is None
            or self.closes is None
            or self.weekday is None
        ):
            return
        siblings = OpeningHours.objects.filter(
            location_id=self.location_id, weekday=self.weekday
        ).exclude(pk=self.pk)
        overlap = opening.find_overlap([self.interval, *(s.interval for s in siblings)])
        if overlap:
            raise ValidationError(
                opening.overlap_message(self.get_weekday_display(), overlap), code="overlap"
            )


class OpeningException(models.Model):
    """A date or date range with other hours than usual: closed, or special hours."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("closed")
        SPECIAL_HOURS = "special_hours", _("special hours")

    location = models.ForeignKey(
        Location, verbose_name=_("place"), on_delete=models.CASCADE, related_name="exceptions"
    )
    start_date = models.DateField(_("from"), validators=[validate_in_range])
    end_date = models.DateField(
        _("until and including"),
        blank=True,
        help_text=_("Leave empty for one day."),
        validators=[validate_in_range],
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CLOSED)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    supervised = models.BooleanField(_("supervised"), default=False)
    reason = one_line_field(_("reason"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["start_date", "opens"]
        verbose_name = _("exception to the opening hours")
        verbose_name_plural = _("exceptions to the opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="exception_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(kind="closed") | Q(opens__isnull=False, closes__isnull=False),
                name="exception_special_hours_have_times",
            ),
            # See ontmoeting/dates.py.
            *in_range_constraints("exception", "start_date", "end_date"),
        ]

    def __str__(self) -> str:
        period = f"{self.start_date:%d-%m-%Y}"
        if self.end_date and self.end_date != self.start_date:
            period += f" – {self.end_date:%d-%m-%Y}"
        return f"{period}: {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.end_date is None:
            self.end_date = self.start_date
        super().save(*args, **kwargs)

    def covers(self, day: datetime.date) -> bool:
        return self.start_date <= day <= (self.end_date or self.start_date)

    @property
    def interval(self) -> "opening.Interval | None":
        if self.kind != self.Kind.SPECIAL_HOURS or self.opens is None or self.closes is None:
            return None
        return opening.Interval(self.opens, self.closes, self.supervised)

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        if self.kind == self.Kind.SPECIAL_HOURS:
            missing = {
                name: _("Special hours need an opening and a closing time.")
                for name in ("opens", "closes")
                if getattr(self, name) is None
            }
            if missing:
                raise ValidationError(missing)
            validate_interval(self.opens, self.closes)
        elif self.opens or self.closes:
            raise ValidationError(
                _("A closed day has no opening times; choose 'special hours' instead.")
            )
