"""What the models share: the days of the week, a field of them, and the rule for an interval."""

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..opening import MIDNIGHT


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


def weekdays_field(verbose_name, **options) -> ArrayField:
    """A set of days of the week (0 = Monday), empty unless chosen."""
    return ArrayField(
        models.PositiveSmallIntegerField(choices=Weekday.choices),
        verbose_name=verbose_name,
        default=list,
        blank=True,
        **options,
    )


def validate_interval(opens, closes, *, field: str = "closes") -> None:
    if opens is None or closes is None:
        return
    if closes != MIDNIGHT and closes <= opens:
        raise ValidationError(
            {
                field: _(
                    "The closing time must be later than the opening time (use 00:00 for midnight)."
                )
            },
            code="closes_before_opens",
        )
