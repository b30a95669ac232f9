"""The counting behind the overviews, shared by the pages, the downloads and the command.

Everything here takes QuerySets or lists of prefetched places and returns plain data, so
a page, a spreadsheet and a scheduled export say the same thing, and tests can check the
numbers without a request. Every function runs a fixed number of queries whatever the
number of places or activities (the hours are prefetched; people are read in one go).

How the norm grid counts
------------------------
The grid has one cell per weekday and clock hour from 08:00 to 21:00 and judges the
*regular weekly hours* (not this week's exceptions or holidays: the norm is about how a
place is organised, not about one Christmas week). A cell says:

* ``supervised`` – open and supervised for the whole hour;
* ``open`` – open for the whole hour, but not supervised all of it;
* ``partly`` – open for part of the hour only;
* ``closed`` – closed for the whole hour.

For an hour the norm covers only in part (08:00–09:00 with the norm from 08:30), only
the minutes the norm asks for count: a place supervised from 08:30 has that hour fully
supervised. Outside the norm the whole hour counts. A cell inside the norm that is not
supervised throughout is a *gap* (``locaties.opening.norm_check`` decides, so the grid
and the check never disagree).

The compliance percentage is counted in minutes, not cells: supervised minutes inside
the norm divided by the norm's minutes. A place supervised 09:00–20:00 every day misses
half an hour a day: 30 of 690 minutes, so 95.7 %, although its 08:00 cells are gaps. A
cluster's percentage is the same sum over its places (every place weighs the same).
"""

from __future__ import annotations

import datetime
import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activiteiten import schedules as schedule_rules
from activiteiten.filters import NOT_A_CHOICE
from activiteiten.models import Activity, Schedule
from clusters.models import Cluster
from locaties import opening
from locaties.filters import LocationFilter
from locaties.models import Location, OpeningHours, Person, Weekday

GRID_HOURS = tuple(range(8, 21))  # 08:00–21:00: thirteen one-hour cells
NOT_VERIFIED_DAYS = 90
SUPERVISOR_ROLES = (Person.Role.CLUSTER_MANAGER, Person.Role.SPORTS_COACH)
HOUR = 60


class Slot:
    SUPERVISED = "supervised"
    OPEN = "open"
    PARTLY = "partly"
    CLOSED = "closed"


SLOT_LABELS = {
    Slot.SUPERVISED: _("open and supervised"),
    Slot.OPEN: _("open, not supervised all the time"),
    Slot.PARTLY: _("open part of the hour"),
    Slot.CLOSED: _("closed"),
}
# Text in every cell, so the grid never relies on colour alone (the legend explains them).
SLOT_SYMBOLS = {
    Slot.SUPERVISED: pgettext_lazy("norm grid symbol: open and supervised", "S"),
    Slot.OPEN: pgettext_lazy("norm grid symbol: open, not supervised", "O"),
    Slot.PARTLY: "½",
    Slot.CLOSED: "–",
}
GAP_SYMBOL = "!"


# "Near me" only sorts by distance; it means nothing in an overview and would ask the geocoder.
IGNORED_PLACE_PARAMETERS = ("postcode", "lat", "lon", "page")


def overview_filter(data, *, now: datetime.datetime | None = None) -> LocationFilter:
    """The public places FilterSet over *all* places, published or not: staff see everything."""
    if data:
        data = data.copy()
        for name in IGNORED_PLACE_PARAMETERS:
            data.pop(name, None)
    return LocationFilter(
        data or None, queryset=Location.objects.select_related("cluster"), now=now
    )


def valid_query_items(filterset, data) -> list[tuple[str, str]]:
    """The request's values for the filter's fields that were valid: for download links.

    Ignored values are left out, so a link never carries (or echoes) what the page dropped.
    """
    form = filterset.form
    form.is_valid()
    items = []
    for name in form.fields:
        if name in form.errors or not hasattr(data, "getlist"):
            continue
        items.extend((name, value) for value in data.getlist(name) if value != "")
    return items


def filtered_places(filterset: LocationFilter, *, exceptions: bool = False):
    """The places the filter selects, with their weekly hours prefetched, in cluster order.

    The norm and the hours per week read the weekly hours only; ``exceptions`` adds what
    "open now" needs too (the map's GeoJSON).
    """
    places = filterset.qs.select_related("cluster").order_by("cluster__number", "name", "pk")
    return places.with_hours() if exceptions else places.prefetch_related("opening_hours")


# --- Describing a filter -----------------------------------------------------------


def describe_filter(filterset) -> list[tuple[str, str]]:
    """(label, value in words) for every valid, non-empty filter value, in form order."""
    form = filterset.form
    form.is_valid()  # fills cleaned_data; invalid fields are left out, as on the pages
    data = getattr(form, "cleaned_data", {})
    described = []
    for name, form_field in form.fields.items():
        value = data.get(name)
        if value in (None, "", [], False):
            continue
        values = value if isinstance(value, list | tuple) else [value]
        choices = {str(key): str(label) for key, label in getattr(form_field, "choices", [])}
        words = []
        for item in values:
            if item is True:
                words.append(str(_("yes")))
            elif isinstance(item, datetime.time):
                words.append(f"{item:%H:%M}")
            else:
                words.append(choices.get(str(item), str(item)))
        label = form_field.label or name
        described.append((str(label), ", ".join(words)))
    return described


def filter_problems(filterset) -> list[tuple[str, str]]:
    """(label, message) for every filter value that was ignored.

    Never echoes the value: Django's "x is not one of the available choices" would put
    whatever was typed into the URL (5000 characters of it) back into the page.
    """
    form = filterset.form
    form.is_valid()
    problems = []
    for name, errors in form.errors.as_data().items():
        if name not in form.fields:
            continue
        messages = dict.fromkeys(
            str(NOT_A_CHOICE["invalid_choice"])
            if error.code == "invalid_choice"
            else " ".join(error)
            for error in errors
        )
        problems.append((str(form.fields[name].label or name), " ".join(messages)))
    return problems


def display_form(filterset):
    """The filter form bound to the valid values only, as the agenda does: an ignored value
    is not shown as chosen, and its error (with the value in it) is not repeated by the field.
    """
    form = filterset.form
    if not filterset.is_bound:
        return form
    form.is_valid()
    data = filterset.data.copy()
    for name in form.errors:
        data.pop(name, None)
    return filterset.get_form_class()(data, prefix=filterset.form_prefix)


# --- Places by kind and status ------------------------------------------------------


@dataclass
class Tally:
    designated: int = 0
    planned: int = 0

    @property
    def total(self) -> int:
        return self.designated + self.planned


@dataclass
class ClusterStatus:
    cluster: Cluster
    by_kind: dict[str, Tally]
    total: Tally


@dataclass
class ParkRow:
    name: str
    slug: str
    cluster: str
    building_status: str
    building_label: str
    year: int | None


@dataclass
class StatusReport:
    by_kind: list[tuple[str, str, Tally]]  # (kind, label, tally)
    clusters: list[ClusterStatus]
    total: Tally
    parks: list[ParkRow]

    @property
    def parks_future_proof(self) -> int:
        return sum(p.building_status == Location.BuildingStatus.FUTURE_PROOF for p in self.parks)

    @property
    def parks_new_building(self) -> int:
        return sum(
            p.building_status == Location.BuildingStatus.NEW_BUILDING_PLANNED for p in self.parks
        )

    @property
    def parks_unknown(self) -> int:
        return len(self.parks) - self.parks_future_proof - self.parks_new_building

    @property
    def new_building_years(self) -> list[tuple[int | None, int]]:
        """(year, number of parks) for the planned new buildings, earliest first."""
        years = Counter(
            p.year
            for p in self.parks
            if p.building_status == Location.BuildingStatus.NEW_BUILDING_PLANNED
        )
        return sorted(years.items(), key=lambda item: (item[0] is None, item[0] or 0))


def _clusters_for(filterset: LocationFilter) -> list[Cluster]:
    """All clusters, or the one the filter chose: a cluster without places shows as zeros."""
    clusters = Cluster.objects.order_by("number")
    slug = getattr(filterset.form, "cleaned_data", {}).get("cluster")
    return list(clusters.filter(slug=slug) if slug else clusters)


def status_report(filterset: LocationFilter) -> StatusReport:
    """Places by cluster, kind and status (two aggregate queries) and the meeting parks."""
    places = filterset.qs.order_by()
    counts = places.values("cluster_id", "kind", "status").annotate(n=Count("pk"))
    by_cluster: dict[int, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    for row in counts:
        tally = by_cluster[row["cluster_id"]][row["kind"]]
        if row["status"] == Location.Status.DESIGNATED:
            tally.designated += row["n"]
        else:
            tally.planned += row["n"]
    clusters = []
    kinds_total = {kind: Tally() for kind in Location.Kind.values}
    for cluster in _clusters_for(filterset):
        kinds = {kind: by_cluster[cluster.pk].get(kind, Tally()) for kind in Location.Kind.values}
        total = Tally(
            sum(t.designated for t in kinds.values()), sum(t.planned for t in kinds.values())
        )
        clusters.append(ClusterStatus(cluster, kinds, total))
    # Totals from the counts themselves, not from the cluster rows: with a search, a place
    # may match while its cluster is not among the rows shown.
    for cluster_kinds in by_cluster.values():
        for kind, tally in cluster_kinds.items():
            kinds_total[kind].designated += tally.designated
            kinds_total[kind].planned += tally.planned
    total = Tally(
        sum(t.designated for t in kinds_total.values()),
        sum(t.planned for t in kinds_total.values()),
    )
    parks = [
        ParkRow(
            name=row["name"],
            slug=row["slug"],
            cluster=row["cluster__name"],
            building_status=row["building_status"],
            building_label=str(
                Location.BuildingStatus(row["building_status"]).label
                if row["building_status"]
                else _("unknown")
            ),
            year=row["new_building_year"],
        )
        for row in places.filter(kind=Location.Kind.PARK)
        .order_by("cluster__number", "name")
        .values("name", "slug", "cluster__name", "building_status", "new_building_year")
    ]
    by_kind = [(kind, str(label), kinds_total[kind]) for kind, label in Location.Kind.choices]
    return StatusReport(by_kind=by_kind, clusters=clusters, total=total, parks=parks)


# --- Norm and hours -----------------------------------------------------------------


def _norm_window(norm: dict) -> tuple[int, int]:
    opens = datetime.time.fromisoformat(norm["opens"])
    closes = datetime.time.fromisoformat(norm["closes"])
    return opens.hour * HOUR + opens.minute, (closes.hour * HOUR + closes.minute) or 24 * HOUR


def _union(spans) -> list[tuple[int, int]]:
    """Merge overlapping or touching (start, end) minute spans."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _covered(part: tuple[int, int], spans) -> int:
    start, end = part
    return sum(max(0, min(end, s_end) - max(start, s_start)) for s_start, s_end in spans)


def counted_part(weekday: int, hour: int, norm: dict) -> tuple[int, int]:
    """The minutes of a grid cell that count: the norm's part of it, or the whole hour."""
    slot = (hour * HOUR, hour * HOUR + HOUR)
    window = _norm_window(norm)
    if weekday in norm["weekdays"] and slot[0] < window[1] and slot[1] > window[0]:
        return max(slot[0], window[0]), min(slot[1], window[1])
    return slot


def in_norm(weekday: int, hour: int, norm: dict) -> bool:
    window = _norm_window(norm)
    return (
        weekday in norm["weekdays"] and hour * HOUR < window[1] and hour * HOUR + HOUR > window[0]
    )


@dataclass(frozen=True)
class Cell:
    state: str
    gap: bool = False

    @property
    def symbol(self) -> str:
        return str(SLOT_SYMBOLS[self.state]) + (GAP_SYMBOL if self.gap else "")

    @property
    def css(self) -> str:
        return f"g g--{self.state}" + (" g--gap" if self.gap else "")

    @property
    def label(self) -> str:
        text = str(SLOT_LABELS[self.state])
        return f"{text}, {_('below the norm')}" if self.gap else text


@dataclass
class PlaceWeek:
    """One place's regular week: the grid, the norm check and its hours."""

    location: Location
    check: opening.NormCheck
    grid: tuple[tuple[int, str, tuple[Cell, ...]], ...]  # (weekday, day name, cells)
    open_minutes: int
    supervised_minutes: int
    supervised_in_norm_minutes: int

    @property
    def unsupervised_minutes(self) -> int:
        return self.open_minutes - self.supervised_minutes

    @property
    def gap_minutes(self) -> int:
        return self.check.norm_minutes - self.supervised_in_norm_minutes

    @property
    def percentage(self) -> float:
        return round(100 * self.check.covered_fraction, 1)

    # Hours per week, for people (the minutes stay the exact figures).
    @property
    def open_hours(self) -> float:
        return round(self.open_minutes / HOUR, 2)

    @property
    def supervised_hours(self) -> float:
        return round(self.supervised_minutes / HOUR, 2)

    @property
    def unsupervised_hours(self) -> float:
        return round(self.unsupervised_minutes / HOUR, 2)

    @property
    def gap_hours(self) -> float:
        return round(self.gap_minutes / HOUR, 2)

    @property
    def meets_norm(self) -> bool:
        return self.check.meets_norm

    @property
    def has_hours(self) -> bool:
        return self.open_minutes > 0


def _norm_key(norm: dict) -> tuple:
    return tuple(norm["weekdays"]), norm["opens"], norm["closes"]


@functools.lru_cache(maxsize=8)
def _counted_parts(norm_key: tuple) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Per weekday, the counted part of each grid hour (the same for every place)."""
    weekdays, opens, closes = norm_key
    norm = {"weekdays": list(weekdays), "opens": opens, "closes": closes}
    return tuple(
        tuple(counted_part(weekday, hour, norm) for hour in GRID_HOURS) for weekday in range(7)
    )


# Cells are values: one shared object per state and gap, not 91 new ones per place.
_CELLS = {
    (state, gap): Cell(state, gap)
    for state in (Slot.SUPERVISED, Slot.OPEN, Slot.PARTLY, Slot.CLOSED)
    for gap in (False, True)
}


class _WeeklyHours:
    """Only the weekly hours, shaped as ``opening.norm_check`` reads a place."""

    def __init__(self, rows):
        self.rows = rows

    @property
    def opening_hours(self):
        return self

    def all(self):
        return self.rows


def place_week(location, norm: dict | None = None) -> PlaceWeek:
    """Grid and hours of a place with prefetched ``opening_hours`` (no queries).

    The figures depend on the weekly hours alone, and many places share theirs ("every
    day 08:30–20:00"), so they are worked out once per set of hours (and language, for
    the day names) and shared.
    """
    norm = norm or settings.OPENING_NORM
    hours = tuple(
        sorted((h.weekday, h.opens, h.closes, h.supervised) for h in location.opening_hours.all())
    )
    figures = _week_figures(hours, _norm_key(norm), translation.get_language())
    return PlaceWeek(location, *figures)


@functools.lru_cache(maxsize=1024)
def _week_figures(hours: tuple, norm_key: tuple, language: str | None):
    weekdays, opens, closes = norm_key
    norm = {"weekdays": list(weekdays), "opens": opens, "closes": closes}
    rows = [
        OpeningHours(weekday=weekday, opens=start, closes=end, supervised=supervised)
        for weekday, start, end, supervised in hours
    ]
    check = opening.norm_check(_WeeklyHours(rows), norm)
    gaps = set(check.missing_hours)
    window = _norm_window(norm)
    parts = _counted_parts(norm_key)
    open_total = supervised_total = supervised_in_norm = 0
    grid = []
    by_day: dict[int, list] = defaultdict(list)
    for row in rows:
        by_day[row.weekday].append(row.interval)
    for weekday, day_name in Weekday.choices:
        intervals = by_day.get(weekday, [])
        open_spans = _union((i.start, i.end) for i in intervals)
        supervised_spans = _union((i.start, i.end) for i in intervals if i.supervised)
        open_total += _covered((0, 24 * HOUR), open_spans)
        supervised_total += _covered((0, 24 * HOUR), supervised_spans)
        if weekday in norm["weekdays"]:
            supervised_in_norm += _covered(window, supervised_spans)
        cells = []
        for hour, part in zip(GRID_HOURS, parts[weekday], strict=True):
            length = part[1] - part[0]
            if not open_spans:
                state = Slot.CLOSED
            elif _covered(part, supervised_spans) == length:
                state = Slot.SUPERVISED
            else:
                opened = _covered(part, open_spans)
                state = Slot.OPEN if opened == length else Slot.PARTLY if opened else Slot.CLOSED
            cells.append(_CELLS[state, (weekday, hour) in gaps])
        grid.append((weekday, str(day_name), tuple(cells)))
    return check, tuple(grid), open_total, supervised_total, supervised_in_norm


@dataclass(frozen=True)
class ClusterCell:
    supervised: int
    places: int
    in_norm: bool

    @property
    def gap(self) -> bool:
        return self.in_norm and self.supervised < self.places

    @property
    def symbol(self) -> str:
        return f"{self.supervised}/{self.places}"

    @property
    def css(self) -> str:
        if self.supervised == self.places:
            state = Slot.SUPERVISED
        else:
            state = Slot.PARTLY if self.supervised else Slot.CLOSED
        return f"g g--{state}" + (" g--gap" if self.gap else "")

    @property
    def label(self) -> str:
        text = _("%(supervised)d of %(places)d places supervised") % {
            "supervised": self.supervised,
            "places": self.places,
        }
        return f"{text}, {_('below the norm')}" if self.gap else text


@dataclass
class ClusterWeek:
    cluster: Cluster
    places: list[PlaceWeek]
    grid: list[tuple[int, str, list[ClusterCell]]] = field(default_factory=list)

    @property
    def meeting_norm(self) -> int:
        return sum(p.meets_norm for p in self.places)

    @property
    def percentage(self) -> float | None:
        return weighted_percentage(self.places)


def weighted_percentage(places: list[PlaceWeek]) -> float | None:
    """Supervised norm minutes of all places over their norm minutes; None without places."""
    norm_minutes = sum(p.check.norm_minutes for p in places)
    if not places or not norm_minutes:
        return None
    covered = sum(p.check.norm_minutes * p.check.covered_fraction for p in places)
    return round(100 * covered / norm_minutes, 1)


def norm_report(places, norm: dict | None = None) -> list[ClusterWeek]:
    """Places (prefetched, in cluster order) grouped per cluster, each with its grids."""
    norm = norm or settings.OPENING_NORM
    clusters: dict[int, ClusterWeek] = {}
    for location in places:
        week = place_week(location, norm)
        if location.cluster_id not in clusters:
            clusters[location.cluster_id] = ClusterWeek(location.cluster, [])
        clusters[location.cluster_id].places.append(week)
    for cluster_week in clusters.values():
        for weekday, day_name in Weekday.choices:
            cells = []
            for index, hour in enumerate(GRID_HOURS):
                supervised = sum(
                    p.grid[weekday][2][index].state == Slot.SUPERVISED for p in cluster_week.places
                )
                cells.append(
                    ClusterCell(supervised, len(cluster_week.places), in_norm(weekday, hour, norm))
                )
            cluster_week.grid.append((weekday, str(day_name), cells))
    return sorted(clusters.values(), key=lambda c: c.cluster.number)


# --- Supervision ------------------------------------------------------------------


@dataclass
class Supervisors:
    cluster_managers: list[str] = field(default_factory=list)
    sports_coaches: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return bool(self.cluster_managers and self.sports_coaches)

    @property
    def none(self) -> bool:
        return not self.cluster_managers and not self.sports_coaches


class SupervisorIndex:
    """Cluster managers and sports coaches per place: of its cluster, or assigned to it.

    Loaded once, in three queries (the people, their clusters, their places), so a long
    list of places (or a streamed export, chunk by chunk) asks nothing more per place.
    """

    def __init__(self):
        people = Person.objects.filter(role__in=SUPERVISOR_ROLES).order_by("name", "pk")
        self.people = {
            pk: (name, role) for pk, name, role in people.values_list("pk", "name", "role")
        }
        self.by_cluster: dict[int, set[int]] = defaultdict(set)
        self.by_place: dict[int, set[int]] = defaultdict(set)
        for person_id, cluster_id in Person.clusters.through.objects.filter(
            person__role__in=SUPERVISOR_ROLES
        ).values_list("person_id", "cluster_id"):
            self.by_cluster[cluster_id].add(person_id)
        for person_id, location_id in Person.locations.through.objects.filter(
            person__role__in=SUPERVISOR_ROLES
        ).values_list("person_id", "location_id"):
            self.by_place[location_id].add(person_id)
        self.order = {pk: index for index, pk in enumerate(self.people)}

    def for_place(self, place) -> Supervisors:
        found = Supervisors()
        ids = (self.by_cluster[place.cluster_id] | self.by_place[place.pk]) & self.people.keys()
        for person_id in sorted(ids, key=self.order.get):
            name, role = self.people[person_id]
            if role == Person.Role.CLUSTER_MANAGER:
                found.cluster_managers.append(name)
            else:
                found.sports_coaches.append(name)
        return found


@dataclass
class SupervisionRow:
    week: PlaceWeek
    supervisors: Supervisors

    @property
    def location(self):
        return self.week.location


def supervision_report(places, norm: dict | None = None) -> list[SupervisionRow]:
    supervisors = SupervisorIndex()
    return [SupervisionRow(place_week(p, norm), supervisors.for_place(p)) for p in places]


# --- Offer ----------------------------------------------------------------------------


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of the week that holds ``day``."""
    return day - datetime.timedelta(days=day.weekday())


def week_bounds(monday: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """[start, end) of the week from ``monday`` 00:00 to the next Monday 00:00, local time."""
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(monday + datetime.timedelta(days=7), datetime.time.min)
    )
    return start, end


@dataclass
class OfferCount:
    """Occurrences, distinct activities and hours for one theme, organiser, place …"""

    key: str
    label: str
    occurrences: int = 0
    activities: set = field(default_factory=set)
    minutes: int = 0

    @property
    def activity_count(self) -> int:
        return len(self.activities)

    @property
    def hours(self) -> float:
        return round(self.minutes / HOUR, 2)

    def add(self, occurrence) -> None:
        self.occurrences += 1
        self.activities.add(occurrence.activity.pk)
        self.minutes += int((occurrence.end - occurrence.start).total_seconds() // 60)


@dataclass
class OfferReport:
    monday: datetime.date
    occurrences: list
    themes: list[OfferCount]
    target_groups: list[OfferCount]
    organisers: list[OfferCount]
    clusters: list[OfferCount]
    places: list[OfferCount]

    @property
    def sunday(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=6)

    @property
    def activity_count(self) -> int:
        return len({o.activity.pk for o in self.occurrences})

    @property
    def total_hours(self) -> float:
        minutes = sum((o.end - o.start).total_seconds() // 60 for o in self.occurrences)
        return round(minutes / HOUR, 2)


def _tally(occurrences, keys) -> list[OfferCount]:
    """Count occurrences per key; ``keys(occurrence)`` gives (key, label) pairs."""
    counts: dict[str, OfferCount] = {}
    for occurrence in occurrences:
        for key, label in keys(occurrence):
            counts.setdefault(key, OfferCount(key, label)).add(occurrence)
    return sorted(counts.values(), key=lambda c: (-c.occurrences, c.label.lower()))


def offer_report(activities, monday: datetime.date, *, keep=None, places=None) -> OfferReport:
    """What ``activities`` offer in the week from ``monday``: dates that do not go ahead
    (cancelled, or on a day their place is closed) left out.

    ``keep`` narrows the occurrences further (the agenda filter's day and part of day);
    ``places`` (a list) adds those without any activity that week to the hours per place.
    An occurrence with two themes counts once for each theme; one without a theme counts
    under "no theme", so each list adds up to at least the number of occurrences.
    """
    start, end = week_bounds(monday)
    occurrences = activities.occurrences(start, end)
    if keep is not None:
        occurrences = keep(occurrences)
    no_theme, no_group = str(_("(no theme)")), str(_("(no target group)"))
    themes = _tally(
        occurrences,
        lambda o: [(t.slug, str(t)) for t in o.activity.themes.all()] or [("", no_theme)],
    )
    groups = _tally(
        occurrences,
        lambda o: [(g.slug, str(g)) for g in o.activity.target_groups.all()] or [("", no_group)],
    )
    organisers = _tally(
        occurrences, lambda o: [(o.activity.organiser.slug, o.activity.organiser.name)]
    )
    clusters = _tally(
        occurrences,
        lambda o: [(o.activity.location.cluster.slug, str(o.activity.location.cluster))],
    )
    per_place = _tally(
        occurrences, lambda o: [(o.activity.location.slug, o.activity.location.name)]
    )
    if places is not None:
        seen = {c.key for c in per_place}
        per_place += [OfferCount(p.slug, p.name) for p in places if p.slug not in seen]
    return OfferReport(monday, occurrences, themes, groups, organisers, clusters, per_place)


# --- Data quality ------------------------------------------------------------------


def last_date(schedule) -> datetime.date | None:
    """The date of a schedule's last occurrence; None if it never ends (or has no dates)."""
    if schedule.frequency == Schedule.Frequency.ONCE:
        return schedule.start_date
    if schedule.until is None and schedule.count is None:
        return None
    last = None
    # At most 1000 dates (count) or the dates up to `until`: cheap, and exact for rules
    # whose last date is not the `until` itself.
    for last in schedule_rules.rule(schedule):  # noqa: B007
        pass
    return last.date() if last else None


def has_ended(schedule, today: datetime.date) -> bool:
    """Whether a schedule has no dates from ``today`` on: until passed or count used up."""
    if schedule.frequency != Schedule.Frequency.ONCE and not (schedule.until or schedule.count):
        return False
    last = last_date(schedule)
    return last is None or last < today


@dataclass
class EndedSchedule:
    activity: Activity
    schedule: Schedule
    last: datetime.date | None


@dataclass
class QualityReport:
    no_coordinates: list[Location]
    no_hours: list[Location]
    no_supervisor: list[Location]
    not_verified: list[Activity]
    ended_schedules: list[EndedSchedule]
    published_at_unpublished: list[Activity]
    verified_before: datetime.date

    @property
    def total(self) -> int:
        return sum(
            len(items)
            for items in (
                self.no_coordinates,
                self.no_hours,
                self.no_supervisor,
                self.not_verified,
                self.ended_schedules,
                self.published_at_unpublished,
            )
        )


def quality_report(filterset: LocationFilter, today: datetime.date) -> QualityReport:
    """The data-quality gaps among the filtered places and their published activities.

    * "Not verified": published activities whose ``last_verified`` is empty or more than
      90 days ago.
    * "Ended schedules": schedules of *published* activities that have no date from today
      on (``until`` passed, ``count`` used up, or a one-off in the past), listed only when
      the activity has no other schedule that is still running. An activity with past and
      future schedules is fine; a published activity with nothing left to show is not.
    """
    place_ids = filterset.qs.order_by().values("pk")
    places = list(
        filterset.qs.annotate(
            has_hours=Exists(OpeningHours.objects.filter(location=OuterRef("pk")))
        )
        .select_related("cluster")
        .order_by("cluster__number", "name", "pk")
    )
    supervisors = SupervisorIndex()
    verified_before = today - datetime.timedelta(days=NOT_VERIFIED_DAYS)
    published = (
        Activity.objects.filter(status=Activity.Status.PUBLISHED, location__in=place_ids)
        .select_related("location", "location__cluster", "organiser")
        .order_by("location__cluster__number", "title", "pk")
    )
    # SQL narrows to activities that may have ended (no open-ended or future schedule);
    # Python then checks the count-limited rules, which SQL cannot expand.
    schedules = Schedule.objects.filter(activity=OuterRef("pk"))
    running = schedules.filter(
        Q(until__gte=today)
        | Q(frequency=Schedule.Frequency.ONCE, start_date__gte=today)
        | (~Q(frequency=Schedule.Frequency.ONCE) & Q(until__isnull=True, count__isnull=True))
    )
    candidates = published.filter(Exists(schedules)).exclude(Exists(running))
    ended = []
    for activity in candidates.prefetch_related("schedules"):
        plans = list(activity.schedules.all())
        if plans and all(has_ended(s, today) for s in plans):
            ended.extend(EndedSchedule(activity, s, last_date(s)) for s in plans)
    return QualityReport(
        no_coordinates=[p for p in places if not p.has_coordinates],
        no_hours=[p for p in places if not p.has_hours],
        no_supervisor=[p for p in places if supervisors.for_place(p).none],
        not_verified=list(
            published.filter(Q(last_verified__isnull=True) | Q(last_verified__lt=verified_before))
        ),
        ended_schedules=ended,
        published_at_unpublished=list(published.filter(location__published=False)),
        verified_before=verified_before,
    )
