"""The agenda's FilterSet: one set of parameters drives the agenda page and its iCalendar feed;
and the places' FilterSet of the pages, the map data, the overviews and the API
(:class:`PlaceFilter`), which also asks for the places with activities of a theme or for a
target group.

Most filters narrow the activities. Day and part of day are about *occurrences*: they narrow
to activities with a schedule that can match, and then to the matching dates, in SQL for the
agenda (:meth:`ActivityFilter.agenda`) and in Python for dates expanded elsewhere
(:meth:`ActivityFilter.filter_occurrences`).

Invalid values never stop the page: see :mod:`ontmoeting.filters`, which also turns the
chosen values into the words, links and summaries the pages show.
"""

import datetime
from collections import OrderedDict

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import ExtractIsoWeekDay
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster
from locaties.filters import LocationFilter
from locaties.models import Location, Weekday
from ontmoeting.cache import per_data_version
from ontmoeting.filters import NOT_A_CHOICE, FilterSet, search_filter

from . import agenda
from .models import Activity, Schedule, TargetGroup, Theme
from .schedules import PART_BOUNDS, PartOfDay, part_of_day

# Above this many places the place list offers only those of the chosen cluster.
MAX_PLACE_CHOICES = 150


def part_condition(part: str) -> Q:
    """The schedules that start in ``part`` of the day."""
    low, high = PART_BOUNDS[part]
    condition = Q()
    if low is not None:
        condition &= Q(start_time__gte=low)
    if high is not None:
        condition &= Q(start_time__lt=high)
    return condition


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
            condition |= part_condition(part)
        schedules = schedules.filter(condition)
    return schedules


def max_week() -> int:
    """The agenda's last week: the last whole week whose dates are kept in the table.

    So every week of the agenda is one indexed query, however large the city (see
    ``AGENDA_DATES_DAYS``); week ``w`` runs from today + 7w to today + 7w + 6.
    """
    return max((settings.AGENDA_DATES_DAYS - 6) // 7, 0)


def week_number(value) -> tuple[int, str]:
    """The agenda week asked for (0 = the coming seven days) and a message when it was wrong."""
    if value in (None, ""):
        return 0, ""
    text = str(value).strip()
    last = max_week()
    # isdecimal() alone would let "٣" or a 5000-digit number through to int().
    if text.isascii() and text.isdecimal() and len(text) <= 3 and int(text) <= last:
        return int(text), ""
    return 0, _(
        "The agenda goes up to %(max)d weeks ahead; that week does not exist, so this week is shown."
    ) % {"max": last}


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


def slug_filter(label, field_name: str, empty_label) -> django_filters.ChoiceFilter:
    """One of a list of slugs, or none; any other value is ignored with NOT_A_CHOICE."""
    return django_filters.ChoiceFilter(
        label=label, field_name=field_name, empty_label=empty_label, error_messages=NOT_A_CHOICE
    )


class ActivityFilter(FilterSet):
    q = search_filter()
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
    # form costs no extra query, which keeps the page within its query budget. Each list
    # is its <name>_choices method below.
    theme = slug_filter(_("Theme"), "themes__slug", _("Any theme"))
    target_group = slug_filter(_("For whom"), "target_groups__slug", _("Anyone"))
    cluster = slug_filter(_("Cluster"), "location__cluster__slug", _("All clusters"))
    place = slug_filter(_("Place"), "location__slug", _("All places"))
    organiser = slug_filter(_("Organiser"), "organiser__slug", _("All organisers"))
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

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(
            data, queryset if queryset is not None else Activity.objects.published(), **kwargs
        )

    # --- choice lists (read once each, on first use: see ontmoeting.filters) -------------

    # The place's list depends on what is chosen (in a large city); the others do not.
    shared_choices = ("theme", "target_group", "cluster", "organiser")

    def theme_choices(self) -> list[tuple[str, str]]:
        return [(theme.slug, str(theme)) for theme in Theme.objects.all()]

    def target_group_choices(self) -> list[tuple[str, str]]:
        return [(group.slug, str(group)) for group in TargetGroup.objects.all()]

    def cluster_choices(self) -> list[tuple[str, str]]:
        # Values, not objects: a region's hundreds of clusters and organisers, built as
        # models only to be named, cost a tenth of the agenda page.
        clusters = Cluster.objects.filter(
            Exists(Location.objects.published().filter(cluster=OuterRef("pk")))
        ).values_list("slug", "number", "name")
        return [(slug, Cluster.label(number, name)) for slug, number, name in clusters]

    def organiser_choices(self) -> list[tuple[str, str]]:
        return list(Activity.objects.published_organisers().values_list("slug", "name"))

    def place_choices(self) -> list[tuple[str, str]]:
        """All places in a town; in a large city, the chosen place and those of the chosen
        cluster: a list of thousands is no help, would make the page heavy on a phone, and
        reading it would cost every agenda page time that grows with the city."""
        places = Location.objects.published().order_by("name")
        # The first places depend on the data alone: kept until it changes, as the other lists.
        shown = per_data_version(
            "choices:first-places",
            lambda: list(places.values_list("slug", "name")[: MAX_PLACE_CHOICES + 1]),
        )
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
        return shown

    def choices_for(self, name: str) -> list[tuple[str, str]]:
        """The (slug, label) list of a choice filter, for the API's schema.

        For "place" every published place (the API's schema lists them); the form itself
        offers and accepts :meth:`place_choices`.
        """
        if name == "place":
            return list(Location.objects.published().order_by("name").values_list("slug", "name"))
        return list(self.filters[name].extra["choices"])

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

    def _on_chosen_times(self, activities):
        days, parts = self.chosen_days(), self.chosen_parts()
        return activities.scheduled_on(days, parts) if days or parts else activities

    def filter_queryset(self, queryset):
        return self._on_chosen_times(super().filter_queryset(queryset))

    def any_time(self):
        """The chosen activities, not narrowed to the chosen days and parts of day: for those
        who apply them to each date or schedule themselves. The test of ``qs`` on the
        schedules would only repeat them, over every schedule of the city."""
        activities = self.queryset.all()
        if self.is_bound:
            self.form.is_valid()  # as for qs: an invalid value is left out, not an error
            activities = super().filter_queryset(activities)
        return activities

    def agenda(self, start: datetime.datetime, end: datetime.datetime, *, rows=False):
        """The chosen activities' dates in [start, end), on the chosen days and parts of day;
        with ``rows``, as the agenda's rows show them (see agenda.occurrences)."""
        return agenda.occurrences(
            self.any_time(),
            start,
            end,
            days=self.chosen_days(),
            parts=self.chosen_parts(),
            rows=rows,
        )

    def feed(self, since: datetime.date):
        """The chosen activities as a feed lists them: with their schedules that still have
        dates on or after ``since``, narrowed to the chosen days and parts of day (a
        subscriber to "Tuesday mornings" gets those events, with their full rules)."""
        # for_feed still tests the schedules: the one on a chosen day must still have dates.
        activities = self._on_chosen_times(self.any_time())
        return activities.for_feed(self.matching_schedules(), since=since)

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


class PlaceFilter(LocationFilter):
    """The place filters, and the places that host published activities on a theme or for a
    target group: the one FilterSet behind the home page, the map data, the overviews and
    the API (which reads it strictly, api/filters.py)."""

    shared_choices = (*LocationFilter.shared_choices, "theme", "target_group")

    theme = django_filters.ChoiceFilter(
        label=_("Activities on the theme"),
        choices=lambda: [(t.slug, str(t)) for t in Theme.objects.all()],
        method="filter_theme",
        empty_label=_("Any theme"),
    )
    target_group = django_filters.ChoiceFilter(
        label=_("Activities for"),
        choices=lambda: [(t.slug, str(t)) for t in TargetGroup.objects.all()],
        method="filter_target_group",
        empty_label=_("Anyone"),
    )

    @classmethod
    def get_filters(cls):
        # These two belong after the accessibility and before "near me", where the form
        # shows them (a subclass's own filters would come last): the list of what was
        # ignored, the summary, the links and the API's errors follow the same order.
        filters = super().get_filters()
        moved = {name: filters.pop(name) for name in ("theme", "target_group") if name in filters}
        ordered = OrderedDict()
        for name, filter_ in filters.items():
            ordered[name] = filter_
            if name == "access":
                ordered.update(moved)
        ordered.update(moved)  # last, should a subclass drop "access"
        return ordered

    def _hosting(self, queryset, **condition):
        activities = Activity.objects.published().filter(location=OuterRef("pk"), **condition)
        return queryset.filter(Exists(activities))

    def filter_theme(self, queryset, name, value):
        return self._hosting(queryset, themes__slug=value)

    def filter_target_group(self, queryset, name, value):
        return self._hosting(queryset, target_groups__slug=value)
