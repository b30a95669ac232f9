"""The agenda's FilterSet: one set of parameters drives the agenda page and its iCalendar feed.

Most filters narrow the activities. Day and part of day are about *occurrences*: they narrow
to activities with a schedule that can match, and then to the matching dates, in SQL for the
agenda (:meth:`ActivityFilter.agenda`) and in Python for dates expanded elsewhere
(:meth:`ActivityFilter.filter_occurrences`).

Invalid values never stop the page: the form drops the field with an error, the remaining
filters still apply, and :attr:`ActivityFilter.problems` says what was ignored.
"""

import datetime
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import ExtractIsoWeekDay
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster
from locaties.models import Location, Weekday

from . import agenda
from .models import Activity, Schedule, TargetGroup, Theme
from .schedules import FIVE_PM, NOON, PartOfDay, part_of_day

MAX_QUERY_LENGTH = 100
# Above this many places the place list offers only those of the chosen cluster.
MAX_PLACE_CHOICES = 150
MAX_WEEK = 52

# Said for any value that is not in the list; never echoes the value (it may be 5000 characters).
NOT_A_CHOICE = {"invalid_choice": _("That is not one of the choices, so it was ignored.")}


PART_CONDITIONS = {
    PartOfDay.MORNING: Q(start_time__lt=NOON),
    PartOfDay.AFTERNOON: Q(start_time__gte=NOON, start_time__lt=FIVE_PM),
    PartOfDay.EVENING: Q(start_time__gte=FIVE_PM),
}


def matching_schedules(days=(), parts=()):
    """Schedules with occurrences on one of ``days`` (0 = Monday) in one of ``parts``.

    A weekly or monthly schedule occurs only on its ``weekdays``; a one-off on the weekday
    of its date. An empty ``days`` or ``parts`` means "any".
    """
    schedules = Schedule.objects.annotate(start_weekday=ExtractIsoWeekDay("start_date") - 1)
    if days:
        days = sorted(set(days))
        schedules = schedules.filter(
            Q(weekdays__overlap=days) | Q(frequency=Schedule.Frequency.ONCE, start_weekday__in=days)
        )
    if parts:
        condition = Q()
        for part in set(parts):
            condition |= PART_CONDITIONS[part]
        schedules = schedules.filter(condition)
    return schedules


def week_number(value) -> tuple[int, str]:
    """The agenda week asked for (0 = the coming seven days) and a message when it was wrong."""
    if value in (None, ""):
        return 0, ""
    text = str(value).strip()
    # isdecimal() alone would let "٣" or a 5000-digit number through to int().
    if text.isascii() and text.isdecimal() and len(text) <= 3 and int(text) <= MAX_WEEK:
        return int(text), ""
    return 0, _(
        "The agenda goes up to %(max)d weeks ahead; that week does not exist, so this week is shown."
    ) % {"max": MAX_WEEK}


def week_period(week: int, now: datetime.datetime):
    """(start, end, first day, last day) of agenda week ``week``: seven days from today + 7×week.

    The first week starts *now*, so today's activities that are over are not listed.
    """
    today = timezone.localdate(now)
    first_day = today + datetime.timedelta(days=7 * week)
    last_day = first_day + datetime.timedelta(days=6)
    midnight = datetime.time.min
    start = (
        now if week == 0 else timezone.make_aware(datetime.datetime.combine(first_day, midnight))
    )
    end = timezone.make_aware(
        datetime.datetime.combine(last_day + datetime.timedelta(days=1), midnight)
    )
    return start, end, first_day, last_day


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    # Day and part of day work together on one schedule; see filter_queryset.
    day = django_filters.TypedMultipleChoiceFilter(
        label=_("Day"),
        choices=Weekday.choices,
        coerce=int,
        method="filter_nothing",
        widget=forms.CheckboxSelectMultiple,
        error_messages=NOT_A_CHOICE,
    )
    part = django_filters.MultipleChoiceFilter(
        label=_("Part of the day"),
        choices=PartOfDay.choices,
        method="filter_nothing",
        widget=forms.CheckboxSelectMultiple,
        error_messages=NOT_A_CHOICE,
    )
    # Choice lists, not model choices: validating a slug against the list loaded for the
    # form costs no extra query, which keeps the page within its query budget.
    theme = django_filters.ChoiceFilter(
        label=_("Theme"),
        field_name="themes__slug",
        empty_label=_("Any theme"),
        error_messages=NOT_A_CHOICE,
    )
    target_group = django_filters.ChoiceFilter(
        label=_("For whom"),
        field_name="target_groups__slug",
        empty_label=_("Anyone"),
        error_messages=NOT_A_CHOICE,
    )
    cluster = django_filters.ChoiceFilter(
        label=_("Cluster"),
        field_name="location__cluster__slug",
        empty_label=_("All clusters"),
        error_messages=NOT_A_CHOICE,
    )
    place = django_filters.ChoiceFilter(
        label=_("Place"),
        field_name="location__slug",
        empty_label=_("All places"),
        error_messages=NOT_A_CHOICE,
    )
    organiser = django_filters.ChoiceFilter(
        label=_("Organiser"),
        field_name="organiser__slug",
        empty_label=_("All organisers"),
        error_messages=NOT_A_CHOICE,
    )
    free = django_filters.BooleanFilter(
        label=_("Free only"), method="filter_free", widget=forms.CheckboxInput
    )
    support_need = django_filters.BooleanFilter(
        label=_("Also for people with a support need"),
        method="filter_support_need",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Activity
        fields = []

    CHOICE_FILTERS = ("theme", "target_group", "cluster", "place", "organiser")

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(
            data, queryset if queryset is not None else Activity.objects.published(), **kwargs
        )
        self._choices = {}
        for name in self.CHOICE_FILTERS:
            # Loaded on first use only: a feed with just ?theme=… never queries the places.
            # A plain function, not a partial: forms deep-copy their fields, and copying a
            # partial would copy this filterset (and its request) along with it.
            self.filters[name].extra["choices"] = self._choice_loader(name)

    # --- choice lists ------------------------------------------------------------------

    def _choice_loader(self, name: str):
        def load():
            return self._place_choices() if name == "place" else self.choices_for(name)

        return load

    def choices_for(self, name: str) -> list[tuple[str, str]]:
        """The (slug, label) list of a choice filter, one query per list, cached on the filterset.

        For "place" every published place (the API's schema lists them); the form itself
        offers and accepts :meth:`_place_choices`.
        """
        if name not in self._choices:
            if name == "place":
                places = Location.objects.published().order_by("name")
                self._choices[name] = list(places.values_list("slug", "name"))
            elif name == "cluster":
                clusters = Cluster.objects.filter(
                    Exists(Location.objects.published().filter(cluster=OuterRef("pk")))
                )
                self._choices[name] = [(cluster.slug, str(cluster)) for cluster in clusters]
            elif name == "theme":
                self._choices[name] = [(t.slug, str(t)) for t in Theme.objects.all()]
            elif name == "target_group":
                self._choices[name] = [(g.slug, str(g)) for g in TargetGroup.objects.all()]
            elif name == "organiser":
                organisers = Activity.objects.published_organisers()
                self._choices[name] = [(o.slug, o.name) for o in organisers]
        return self._choices[name]

    def _place_choices(self) -> list[tuple[str, str]]:
        """All places in a town; in a large city, the chosen place and those of the chosen
        cluster: a list of thousands is no help, would make the page heavy on a phone, and
        reading it would cost every agenda page time that grows with the city."""
        if "shown_places" not in self._choices:
            places = Location.objects.published().order_by("name")
            shown = list(places.values_list("slug", "name")[: MAX_PLACE_CHOICES + 1])
            if len(shown) > MAX_PLACE_CHOICES:
                # Still every place works as a filter, named in a link or the address bar: the
                # chosen one is in the list when it exists. The values are not validated yet
                # (validating needs this list), so an unknown one simply matches nothing.
                chosen = Q()
                if place := self._raw_value("place"):
                    chosen |= Q(slug=place)
                if cluster := self._raw_value("cluster"):
                    chosen |= Q(cluster__slug=cluster)
                shown = list(places.filter(chosen).values_list("slug", "name")) if chosen else []
            self._choices["shown_places"] = shown
        return self._choices["shown_places"]

    def _raw_value(self, name: str) -> str:
        value = self.data.get(name, "") if self.data else ""
        # PostgreSQL text cannot hold NUL; such a value is no slug anyway.
        return value if isinstance(value, str) and "\x00" not in value else ""

    # --- filtering ---------------------------------------------------------------------

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_search(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def filter_free(self, queryset, name, value):
        # An unticked checkbox means "no preference", not "only paid activities".
        return queryset.filter(is_free=True) if value else queryset

    def filter_support_need(self, queryset, name, value):
        return queryset.filter(support_need_welcome=True) if value else queryset

    @property
    def cleaned(self) -> dict:
        """The valid values; a field with an invalid value is absent. Validates on first use."""
        self.form.is_valid()  # the result does not matter: invalid fields are simply left out
        return getattr(self.form, "cleaned_data", {})  # an unbound form has none

    def chosen_days(self) -> list[int]:
        return self.cleaned.get("day") or []

    def chosen_parts(self) -> list[str]:
        return self.cleaned.get("part") or []

    def matching_schedules(self):
        """The schedules that fit the chosen day and part of day, or None when neither is chosen."""
        days, parts = self.chosen_days(), self.chosen_parts()
        if not days and not parts:
            return None
        return matching_schedules(days, parts)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        schedules = self.matching_schedules()
        return queryset if schedules is None else queryset.with_schedule_in(schedules)

    def agenda(self, start: datetime.datetime, end: datetime.datetime):
        """The chosen activities' dates in [start, end), on the chosen days and parts of day."""
        return agenda.occurrences(
            self.qs, start, end, days=self.chosen_days(), parts=self.chosen_parts()
        )

    def filter_occurrences(self, occurrences) -> list:
        """Keep the occurrences on a chosen day and in a chosen part of the day (local time)."""
        days, parts = set(self.chosen_days()), set(self.chosen_parts())
        result = []
        for occurrence in occurrences:
            local = timezone.localtime(occurrence.start)
            if days and local.weekday() not in days:
                continue
            if parts and part_of_day(local.time()) not in parts:
                continue
            result.append(occurrence)
        return result

    # --- what the page shows about the filter ------------------------------------------

    @property
    def problems(self) -> list[tuple[str, str]]:
        """(label, message) for every parameter that was ignored, in form order."""
        errors = self.form.errors
        return [
            (str(self.form.fields[name].label), " ".join(str(m) for m in errors[name]))
            for name in self.form.fields
            if name in errors
        ]

    def query_items(self) -> list[tuple[str, str]]:
        """The valid, non-empty filter values as query parameters, in form order.

        Paging links and the feed URL are built from these, so they carry the active filter
        and never an ignored value.
        """
        items = []
        for name in self.form.fields:
            value = self.cleaned.get(name)
            if value in (None, "", [], False):
                continue
            if isinstance(value, list):
                # In the order of the choices, once each: one URL per filter, however typed.
                order = [str(key) for key, _label in self.form.fields[name].choices]
                chosen = {str(v) for v in value}
                items.extend((name, key) for key in order if key in chosen)
            elif value is True:
                items.append((name, "on"))  # what a ticked checkbox sends
            else:
                items.append((name, str(value)))
        return items

    def querystring(self) -> str:
        return urlencode(self.query_items())

    @property
    def display_form(self):
        """The form as it applies: bound to the valid values only, so an ignored value is not
        shown as if it were selected (and a 5000-character value is not echoed back)."""
        form = self.form
        if self.is_bound:
            data = self.data.copy()
            for name in self.form.errors:
                data.pop(name, None)
            form = self.get_form_class()(data, prefix=self.form_prefix)
        return form

    def summary(self) -> list[str]:
        """The active filter in words, e.g. ['Tuesday', 'Elderly'], for headings and feed names."""
        labels = []
        form = self.form
        for name, value in self.query_items():
            if name == "q":
                labels.append(f"“{value}”")
                continue
            field = form.fields[name]
            if isinstance(field, forms.BooleanField):
                labels.append(str(field.label))
                continue
            labels.extend(str(label) for key, label in field.choices if str(key) == value)
        return labels
