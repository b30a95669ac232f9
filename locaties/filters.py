"""The place filters that need nothing but the places: search, kind, cluster, opening hours,
accessibility and "near me".

The pages, the map data, the overviews and the API filter with
:class:`activiteiten.filters.PlaceFilter`, which adds the places with activities on a theme
or for a target group: activities sit above places (docs/architecture.md).
"""

import datetime
from functools import cached_property

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster
from ontmoeting.filters import FilterSet, search_filter
from ontmoeting.forms import ClockInput
from ontmoeting.geo import validate_latitude_in_netherlands, validate_longitude_in_netherlands

from . import geocoding, postcodes
from .models import Location, LocationKind, Weekday

ACCESSIBILITY = [
    ("wheelchair_accessible", _("wheelchair accessible")),
    ("accessible_toilet", _("accessible toilet")),
    ("parking", _("parking")),
    ("public_transport_nearby", _("public transport nearby")),
    ("hearing_loop", _("hearing loop")),
]


def validate_postcode_search(value: str) -> None:
    """A postcode as a resident types it: "1234", "1234 AB", "1234ab" (any spacing or case)."""
    if postcodes.parse(value) is None:
        raise forms.ValidationError(
            _(
                "Enter a postcode: four digits, or four digits and two letters, like 1234 or 1234 AB."
            ),
            code="invalid_postcode",
        )


def next_date_for_weekday(weekday: int, today: datetime.date) -> datetime.date:
    """Today if it is that weekday, otherwise the first such day after today."""
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7)


class LocationFilter(FilterSet):
    shared_choices = ("cluster",)

    q = search_filter()
    # The kinds are rows (a municipality's own): see kind_choices.
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind of place"),
        field_name="kind__slug",
        choices=[],
        widget=forms.CheckboxSelectMultiple,
    )
    # Choices by slug, read once per request: validating a value costs no extra query.
    cluster = django_filters.ChoiceFilter(
        label=_("Cluster"),
        choices=lambda: Cluster.objects.values_list("slug", "name"),
        field_name="cluster__slug",
        empty_label=_("All clusters"),
    )
    open_now = django_filters.BooleanFilter(
        label=_("Open now"), method="filter_open_now", widget=forms.CheckboxInput
    )
    supervised_now = django_filters.BooleanFilter(
        label=_("Supervised now"), method="filter_supervised_now", widget=forms.CheckboxInput
    )
    # `day` and `open_at` work together; see filter_queryset.
    day = django_filters.ChoiceFilter(
        label=_("Open on"),
        choices=Weekday.choices,
        empty_label=_("Any day"),
        method="filter_nothing",
    )
    open_at = django_filters.TimeFilter(
        label=_("at (time)"),
        method="filter_nothing",
        input_formats=["%H:%M", "%H.%M", "%H"],
        widget=ClockInput,
    )
    access = django_filters.MultipleChoiceFilter(
        label=_("Accessibility"),
        choices=ACCESSIBILITY,
        method="filter_access",
        widget=forms.CheckboxSelectMultiple,
    )
    # Near me: these sort by distance rather than filter (see LocationSearch).
    postcode = django_filters.CharFilter(
        label=_("Your postcode"),
        method="filter_nothing",
        # "1234 AB" with a space too many still reads as a postcode.
        max_length=10,
        validators=[validate_postcode_search],
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "inputmode": "text", "size": 8}
        ),
    )
    lat = django_filters.NumberFilter(
        method="filter_nothing",
        validators=[validate_latitude_in_netherlands],
        widget=forms.HiddenInput,
    )
    lon = django_filters.NumberFilter(
        method="filter_nothing",
        validators=[validate_longitude_in_netherlands],
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Location
        fields = []

    def __init__(self, *args, now: datetime.datetime | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        self.origin_error = ""

    def kind_choices(self) -> list[tuple[str, str]]:
        # The page's legend and map read the same list (self.kinds).
        return [(kind.slug, kind.label) for kind in self.kinds]

    @cached_property
    def kinds(self) -> list[LocationKind]:
        """Every kind of place, in its order: the filter's choices, the legend, the map."""
        return list(LocationKind.objects.all())

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_search(self, queryset, name, value):
        words = value.split()[:8]
        for word in words:
            queryset = queryset.filter(
                Q(name__unaccent__icontains=word)
                | Q(street__unaccent__icontains=word)
                | Q(postcode__icontains=word)
                | Q(description__unaccent__icontains=word)
                | Q(cluster__name__unaccent__icontains=word)
            )
        return queryset

    def filter_open_now(self, queryset, name, value):
        return queryset.open_at(self.now) if value else queryset

    def filter_supervised_now(self, queryset, name, value):
        return queryset.supervised_at(self.now) if value else queryset

    def filter_access(self, queryset, name, value):
        return queryset.filter(**dict.fromkeys(value, True))

    @property
    def chosen_moment(self) -> datetime.datetime | None:
        """The moment asked for with `day` and/or `open_at`, or None."""
        data = getattr(self.form, "cleaned_data", {})
        day, at = data.get("day") or None, data.get("open_at")
        if day is None and at is None:
            return None
        local_now = timezone.localtime(self.now)
        date = (
            local_now.date() if day is None else next_date_for_weekday(int(day), local_now.date())
        )
        if at is None:
            return None if day is None else datetime.datetime.combine(date, datetime.time.min)
        return timezone.make_aware(datetime.datetime.combine(date, at))

    @cached_property
    def origin(self) -> geocoding.Point | None:
        """Where "near me" measures from: the browser's location, or the postcode's centre.

        A postcode is answered from the shipped table (postcodes.py), by its four digits:
        on this server, at once, asking no one. One the table does not have leaves no
        origin and a plain message in ``origin_error``; the rest of the page still works.
        """
        data = getattr(self.form, "cleaned_data", {})
        if data.get("lat") is not None and data.get("lon") is not None:
            return geocoding.Point(float(data["lat"]), float(data["lon"]), str(_("your location")))
        parts = postcodes.parse(data.get("postcode") or "")
        if parts is None:
            return None
        digits, letters = parts
        typed = f"{digits} {letters}" if letters else digits
        area = postcodes.lookup(digits)
        if area is None:
            self.origin_error = _(
                "We could not find the postcode %(postcode)s. Check it and try again."
            ) % {"postcode": typed}
            return None
        return geocoding.Point(
            area.latitude,
            area.longitude,
            str(_("postcode %(postcode)s") % {"postcode": typed}),
            postcode4=digits,
        )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if data.get("open_at") is not None:
            queryset = queryset.open_at(self.chosen_moment)
        elif data.get("day"):
            queryset = queryset.open_on(self.chosen_moment.date())
        if self.origin is not None:
            queryset = queryset.with_distance(self.origin.latitude, self.origin.longitude)
        return queryset
