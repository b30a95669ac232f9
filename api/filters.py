"""The pages' FilterSets, made strict for the API.

The pages forgive: a checkbox sends "on", an empty select means "all", an invalid value
is dropped with a notice. An API client deserves a 400 that names the parameter instead,
and the OpenAPI schema must say exactly what is accepted. So the API reuses
:class:`activiteiten.filters.PlaceFilter` and :class:`activiteiten.filters.ActivityFilter`
(the same filtering code, the same choices) and only tightens how values are read:

- booleans are ``true`` or ``false``, nothing else;
- a time is ``HH:MM``; a number is plain decimal notation;
- a parameter that is present must have a value (``?cluster=`` is an error, not "all").
"""

import datetime
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from activiteiten.filters import ActivityFilter, PlaceFilter
from ontmoeting.dates import EARLIEST_DATE, LATEST_DATE, in_range, range_message
from ontmoeting.filters import MAX_QUERY_LENGTH
from ontmoeting.geo import NETHERLANDS_BOUNDS

from .exceptions import InvalidQuery

CLOCK_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
DECIMAL_PATTERN = r"^-?[0-9]{1,3}(\.[0-9]{1,20})?$"
# The years of ontmoeting/dates.py; the pattern says so too, so that the OpenAPI schema can
# (a test checks that the two agree).
DATE_PATTERN = r"^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
ANY_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
YEARS = (EARLIEST_DATE.year, LATEST_DATE.year)
# A bounded window keeps one request cheap (the agenda SQL runs over every day of it).
MAX_OCCURRENCE_DAYS = 93
# Parameters whose value is free text: an empty value is allowed and means "no filter".
TEXT_PARAMETERS = {"q"}


class StrictBooleanField(forms.Field):
    """``true`` or ``false``; anything else (including an empty value) is an error."""

    default_error_messages = {"invalid": _("Use true or false.")}

    def to_python(self, value):
        if value is None:
            return None
        if value in ("true", "false"):
            return value == "true"
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class PatternField(forms.Field):
    """A value that must match ``pattern`` exactly, as it was sent (not stripped)."""

    pattern = ""
    default_error_messages = {"invalid": _("Enter a valid value.")}

    def to_python(self, value):
        if value is None:
            return None
        if not re.fullmatch(self.pattern, value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return self.convert(value)

    def convert(self, value):
        return value


class ClockField(PatternField):
    pattern = CLOCK_PATTERN
    default_error_messages = {"invalid": _("Enter a time as HH:MM, for example 08:30.")}

    def convert(self, value):
        return datetime.time.fromisoformat(value)


class DecimalNumberField(PatternField):
    pattern = DECIMAL_PATTERN
    default_error_messages = {"invalid": _("Enter a number such as 52.1234.")}

    def convert(self, value):
        return float(value)


class StrictBooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


class ClockFilter(django_filters.Filter):
    field_class = ClockField


class DecimalNumberFilter(django_filters.Filter):
    field_class = DecimalNumberField


def search_filter():
    """The search words, not stripped before the length check, so that the schema's
    ``maxLength`` means exactly what is accepted (the filters split the words anyway)."""
    return django_filters.CharFilter(
        method="filter_search", max_length=MAX_QUERY_LENGTH, strip=False
    )


class PlaceFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        # "Near" needs both halves of a point; one alone would silently do nothing.
        given = [name for name in ("lat", "lon") if self.data.get(name) is not None]
        if len(given) == 1:
            missing = "lon" if given == ["lat"] else "lat"
            self.add_error(missing, gettext("Give both lat and lon, or neither."))
        return data


def _coordinate_validator(axis: str):
    low, high = NETHERLANDS_BOUNDS[axis]

    def validate(value):
        if value is not None and not low <= value <= high:
            raise ValidationError(
                gettext("Must lie in the Netherlands: between %(low)s and %(high)s.")
                % {"low": low, "high": high},
                code="outside_netherlands",
            )

    return validate


class ApiPlaceFilter(PlaceFilter):
    """The place list's filters, read strictly. ``postcode`` is left out: it would make every
    anonymous API request a request to the geocoder; send ``lat`` and ``lon`` instead."""

    q = search_filter()
    open_now = StrictBooleanFilter(method="filter_open_now")
    supervised_now = StrictBooleanFilter(method="filter_supervised_now")
    open_at = ClockFilter(method="filter_nothing")
    lat = DecimalNumberFilter(method="filter_nothing", validators=[_coordinate_validator("lat")])
    lon = DecimalNumberFilter(method="filter_nothing", validators=[_coordinate_validator("lon")])
    postcode = None

    class Meta(PlaceFilter.Meta):
        form = PlaceFilterForm


class ApiActivityFilter(ActivityFilter):
    """The agenda's filters, read strictly."""

    q = search_filter()
    free = StrictBooleanFilter(method="filter_free")
    support_need = StrictBooleanFilter(method="filter_support_need")


def _message(error: ValidationError) -> str:
    # Django's own "Select a valid choice. <value> is not one of …" echoes the value, which
    # may be thousands of characters; the allowed values are in the schema.
    if error.code == "invalid_choice":
        return gettext("That is not one of the allowed values (the schema lists them).")
    return " ".join(error.messages)


def validated(filterset):
    """The filterset, after checking every parameter; raises :class:`InvalidQuery` (400) with
    a message per parameter when one is wrong. Nothing is filtered on a half-valid query."""
    errors = {}
    for name in filterset.filters:
        if name in TEXT_PARAMETERS:
            continue
        if "" in filterset.data.getlist(name):
            errors[name] = [gettext("Give a value, or leave the parameter out.")]
    if not filterset.form.is_valid():
        for name, problems in filterset.form.errors.as_data().items():
            errors.setdefault(name, []).extend(_message(problem) for problem in problems)
    if errors:
        raise InvalidQuery(errors)
    return filterset


def _date(query, name: str, errors: dict) -> datetime.date | None:
    value = query.get(name)
    if value is None:
        errors[name] = [gettext("This parameter is required: a date as YYYY-MM-DD.")]
        return None
    if re.fullmatch(DATE_PATTERN, value):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:  # 2026-02-30
            pass
        else:
            if in_range(day):
                return day
            errors[name] = [range_message()]
            return None
    elif re.fullmatch(ANY_DATE_PATTERN, value):
        errors[name] = [range_message()]
        return None
    errors[name] = [gettext("Enter a date as YYYY-MM-DD, for example 2026-12-01.")]
    return None


def date_window(query) -> tuple[datetime.datetime, datetime.datetime]:
    """``start`` and ``end`` (both dates, inclusive) as an aware [start, end) window in local
    time; a 400 when either is missing or wrong, the end is before the start, or the window
    is longer than MAX_OCCURRENCE_DAYS."""
    errors = {}
    start, end = _date(query, "start", errors), _date(query, "end", errors)
    if start and end:
        if end < start:
            errors["end"] = [gettext("The end date cannot be before the start date.")]
        elif (end - start).days + 1 > MAX_OCCURRENCE_DAYS:
            errors["end"] = [
                gettext("Ask for at most %(days)d days at a time.") % {"days": MAX_OCCURRENCE_DAYS}
            ]
    if errors:
        raise InvalidQuery(errors)
    zone = timezone.get_default_timezone()
    midnight = datetime.time.min
    return (
        timezone.make_aware(datetime.datetime.combine(start, midnight), zone),
        timezone.make_aware(
            datetime.datetime.combine(end + datetime.timedelta(days=1), midnight), zone
        ),
    )
