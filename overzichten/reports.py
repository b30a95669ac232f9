"""The counting behind the overviews, shared by the pages, the downloads and the command.

Everything here takes QuerySets or lists of prefetched places and returns plain data, so
a page, a spreadsheet and a scheduled export say the same thing, and tests can check the
numbers without a request. Every function runs a fixed number of queries whatever the
number of places or activities (the hours are prefetched; people are read in one go).

How the norm grid counts
------------------------
The norm is the municipality's, per kind of place (``LocationKind.norm``): some days and
hours open, supervised or not. A kind may have none, and then its places have no pass or
fail: the overviews show their coverage (hours open and supervised per weekday) only.

The grid has one cell per weekday and clock hour, from the earliest opening to the latest
closing among the places shown and their norms (whole hours), and judges the *regular
weekly hours* (not this week's exceptions or holidays: the norm is about how a place is
organised, not about one Christmas week). A cell says:

* ``supervised`` – open and supervised for the whole hour;
* ``open`` – open for the whole hour, but not supervised all of it;
* ``partly`` – open for part of the hour only;
* ``closed`` – closed for the whole hour.

For an hour the norm covers only in part (say 08:00–09:00 with a norm from 08:30), only
the minutes the norm asks for count: a place supervised from 08:30 has that hour fully
supervised. Outside the norm the whole hour counts. A cell inside the place's norm that
is not covered throughout (supervised, or for a norm without supervision open) is a
*gap* (``locaties.opening.norm_check`` decides, so the grid and the check never disagree).

The compliance percentage is counted in minutes, not cells: covered minutes inside the
norm divided by the norm's minutes. With a norm of every day 08:30–20:00, a place
supervised 09:00–20:00 misses half an hour a day: 30 of 690 minutes, so 95.7 %, although
its 08:00 cells are gaps. A cluster's percentage is the same sum over its places that
have a norm (every place weighs the same).
"""

from __future__ import annotations

import datetime
import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.utils import timezone, translation
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activiteiten import schedules as schedule_rules
from activiteiten.models import Activity, Schedule
from clusters.models import Cluster
from locaties import opening
from locaties.filters import LocationFilter
from locaties.models import MIDNIGHT, Location, LocationKind, OpeningHours, Person, Weekday

NOT_VERIFIED_DAYS = 90
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
        data or None, queryset=Location.objects.select_related("cluster", "kind"), now=now
    )


def filtered_places(filterset: LocationFilter, *, exceptions: bool = False):
    """The places the filter selects, with their weekly hours prefetched, in cluster order.

    The norm and the hours per week read the weekly hours only; ``exceptions`` adds what
    "open now" needs too (the map's GeoJSON).
    """
    places = filterset.qs.select_related("cluster", "kind").order_by(
        "cluster__number", "name", "pk"
    )
    return places.with_hours() if exceptions else places.prefetch_related("opening_hours")


# --- Places by kind and status ------------------------------------------------------


@dataclass
class Tally:
    designated: int = 0
    planned: int = 0

    @property
    def total(self) -> int:
        return self.designated + self.planned

    def add(self, status: str, count: int) -> None:
        if status == Location.Status.DESIGNATED:
            self.designated += count
        else:
            self.planned += count


@dataclass
class ClusterStatus:
    cluster: Cluster
    tallies: list[Tally]  # one per kind, in the order of StatusReport.by_kind
    total: Tally


@dataclass
class BuildingRow:
    name: str
    slug: str
    cluster: str
    building_status: str
    building_label: str
    year: int | None


@dataclass
class KindBuildings:
    """The places of one kind and the state of their buildings (e.g. Enschede's parks:
    half future-proof, half getting a new building). Only kinds of which at least one
    place shown has a building status are listed: elsewhere the question does not arise."""

    kind: LocationKind
    places: list[BuildingRow]

    @property
    def heading(self) -> str:
        return self.kind.count_label(len(self.places))

    @property
    def future_proof(self) -> int:
        return sum(p.building_status == Location.BuildingStatus.FUTURE_PROOF for p in self.places)

    @property
    def new_building(self) -> int:
        return sum(
            p.building_status == Location.BuildingStatus.NEW_BUILDING_PLANNED for p in self.places
        )

    @property
    def unknown(self) -> int:
        return len(self.places) - self.future_proof - self.new_building

    @property
    def new_building_years(self) -> list[tuple[int | None, int]]:
        """(year, number of places) for the planned new buildings, earliest first."""
        years = Counter(
            p.year
            for p in self.places
            if p.building_status == Location.BuildingStatus.NEW_BUILDING_PLANNED
        )
        return sorted(years.items(), key=lambda item: (item[0] is None, item[0] or 0))


@dataclass
class StatusReport:
    by_kind: list[tuple[LocationKind, Tally]]  # every kind that exists, in its order
    clusters: list[ClusterStatus]
    total: Tally
    buildings: list[KindBuildings]

    @property
    def kinds(self) -> list[LocationKind]:
        return [kind for kind, _tally in self.by_kind]


def _clusters_for(filterset: LocationFilter) -> list[Cluster]:
    """All clusters, or the one the filter chose: a cluster without places shows as zeros."""
    clusters = Cluster.objects.order_by("number")
    slug = getattr(filterset.form, "cleaned_data", {}).get("cluster")
    return list(clusters.filter(slug=slug) if slug else clusters)


def status_report(filterset: LocationFilter) -> StatusReport:
    """Places by cluster, kind and status, and the buildings: a fixed number of queries
    (the kinds, the counts, the clusters, the buildings) however many kinds and places."""
    places = filterset.qs.order_by()
    kinds = filterset.kinds
    counts = places.values("cluster_id", "kind_id", "status").annotate(n=Count("pk"))
    by_cluster: dict[int, dict[int, Tally]] = defaultdict(lambda: defaultdict(Tally))
    kinds_total = {kind.pk: Tally() for kind in kinds}
    total = Tally()
    for row in counts:
        by_cluster[row["cluster_id"]][row["kind_id"]].add(row["status"], row["n"])
        # Totals from the counts themselves, not from the cluster rows: with a search, a
        # place may match while its cluster is not among the rows shown.
        kinds_total.setdefault(row["kind_id"], Tally()).add(row["status"], row["n"])
        total.add(row["status"], row["n"])
    clusters = []
    for cluster in _clusters_for(filterset):
        tallies = [by_cluster[cluster.pk].get(kind.pk, Tally()) for kind in kinds]
        cluster_total = Tally(sum(t.designated for t in tallies), sum(t.planned for t in tallies))
        clusters.append(ClusterStatus(cluster, tallies, cluster_total))
    with_building = places.exclude(building_status="").values("kind_id")
    rows: dict[int, list[BuildingRow]] = defaultdict(list)
    for row in (
        places.filter(kind_id__in=with_building)
        .order_by("cluster__number", "name", "pk")
        .values("name", "slug", "cluster__name", "kind_id", "building_status", "new_building_year")
    ):
        rows[row["kind_id"]].append(
            BuildingRow(
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
        )
    return StatusReport(
        by_kind=[(kind, kinds_total[kind.pk]) for kind in kinds],
        clusters=clusters,
        total=total,
        buildings=[KindBuildings(kind, rows[kind.pk]) for kind in kinds if kind.pk in rows],
    )


# --- Norm and hours -----------------------------------------------------------------


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


def counted_part(weekday: int, hour: int, norm: opening.Norm | None) -> tuple[int, int]:
    """The minutes of a grid cell that count: the norm's part of it, or the whole hour."""
    slot = (hour * HOUR, hour * HOUR + HOUR)
    if norm is not None and norm.covers(weekday, *slot):
        window = norm.window
        return max(slot[0], window[0]), min(slot[1], window[1])
    return slot


def _hour_span(starts: list[int], ends: list[int]) -> tuple[int, ...]:
    """Whole clock hours from the earliest start to the latest end (in minutes)."""
    if not starts:
        return ()
    return tuple(range(min(starts) // HOUR, -(-max(ends) // HOUR)))


def grid_hours(places) -> tuple[int, ...]:
    """The clock hours a grid shows for ``places`` (with prefetched weekly hours and kinds):
    from the earliest opening to the latest closing among their hours and their norms.

    Empty when none of them has hours or a norm: there is nothing to draw.
    """
    starts, ends = [], []
    for place in places:
        for hours in place.opening_hours.all():
            starts.append(hours.interval.start)
            ends.append(hours.interval.end)
        norm = opening.location_norm(place)
        if norm is not None:
            starts.append(norm.window[0])
            ends.append(norm.window[1])
    return _hour_span(starts, ends)


def grid_hours_for(places) -> tuple[int, ...]:
    """:func:`grid_hours` for a QuerySet of places, in two queries (for streamed exports)."""
    ids = places.order_by().values("pk")
    bounds = OpeningHours.objects.filter(location__in=ids).aggregate(
        first=Min("opens"),
        last=Max("closes", filter=~Q(closes=MIDNIGHT)),
        midnight=Count("pk", filter=Q(closes=MIDNIGHT)),
    )
    starts, ends = [], []
    if bounds["first"] is not None:
        starts.append(bounds["first"].hour * HOUR + bounds["first"].minute)
        if bounds["midnight"]:
            ends.append(24 * HOUR)
        elif bounds["last"] is not None:
            ends.append(bounds["last"].hour * HOUR + bounds["last"].minute)
    for kind in LocationKind.objects.filter(pk__in=places.order_by().values("kind_id")):
        if kind.norm is not None:
            starts.append(kind.norm.window[0])
            ends.append(kind.norm.window[1])
    return _hour_span(starts, ends)


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


@dataclass(frozen=True)
class DayCoverage:
    """A weekday of a place's regular week: its grid cells and how long it is open."""

    weekday: int
    name: str
    cells: tuple[Cell, ...]
    open_minutes: int
    supervised_minutes: int

    @property
    def open_hours(self) -> float:
        return round(self.open_minutes / HOUR, 2)

    @property
    def supervised_hours(self) -> float:
        return round(self.supervised_minutes / HOUR, 2)


@dataclass
class PlaceWeek:
    """One place's regular week: the grid, its hours and (if its kind has one) the norm check.

    Without a norm there is no pass or fail: ``check``, ``percentage``, ``meets_norm`` and
    ``gap_minutes`` are None, and the hours open and supervised are the whole story.
    """

    location: Location
    norm: opening.Norm | None
    check: opening.NormCheck | None
    grid: tuple[DayCoverage, ...]
    open_minutes: int
    supervised_minutes: int
    covered_in_norm_minutes: int

    @property
    def has_norm(self) -> bool:
        return self.check is not None

    @property
    def unsupervised_minutes(self) -> int:
        return self.open_minutes - self.supervised_minutes

    @property
    def gap_minutes(self) -> int | None:
        if self.check is None:
            return None
        return self.check.norm_minutes - self.covered_in_norm_minutes

    @property
    def percentage(self) -> float | None:
        return None if self.check is None else round(100 * self.check.covered_fraction, 1)

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
    def gap_hours(self) -> float | None:
        return None if self.gap_minutes is None else round(self.gap_minutes / HOUR, 2)

    @property
    def meets_norm(self) -> bool | None:
        return None if self.check is None else self.check.meets_norm

    @property
    def has_hours(self) -> bool:
        return self.open_minutes > 0


# Cells are values: one shared object per state and gap, not 91 new ones per place.
_CELLS = {
    (state, gap): Cell(state, gap)
    for state in (Slot.SUPERVISED, Slot.OPEN, Slot.PARTLY, Slot.CLOSED)
    for gap in (False, True)
}


def place_week(
    location, hours: tuple[int, ...] = (), norm: opening.Norm | None = None
) -> PlaceWeek:
    """Grid and hours of a place with prefetched ``opening_hours`` and ``kind`` (no queries).

    ``hours`` are the clock hours of the grid (see :func:`grid_hours`; none: no cells);
    ``norm`` is the norm of the place's kind unless given. The figures depend on the weekly
    hours alone, and many places share theirs ("every day 08:30–20:00"), so they are worked
    out once per set of hours, norm and grid (and language, for the day names) and shared.
    """
    norm = norm or opening.location_norm(location)
    weekly = tuple(
        sorted((h.weekday, h.opens, h.closes, h.supervised) for h in location.opening_hours.all())
    )
    figures = _week_figures(weekly, norm, tuple(hours), translation.get_language())
    return PlaceWeek(location, norm, *figures)


@functools.lru_cache(maxsize=1024)
def _week_figures(weekly: tuple, norm: opening.Norm | None, hours: tuple, language: str | None):
    days: list[list[opening.Interval]] = [[] for _day in range(7)]
    for weekday, start, end, supervised in weekly:
        days[weekday].append(opening.Interval(start, end, supervised))
    place = opening.PlaceHours(weekly=tuple(tuple(day) for day in days), norm=norm)
    check = opening.norm_check(place) if norm is not None else None
    gaps = set(check.missing_hours) if check is not None else set()
    open_total = supervised_total = covered_in_norm = 0
    grid = []
    for weekday, day_name in Weekday.choices:
        intervals = place.weekly[weekday]
        open_spans = _union((i.start, i.end) for i in intervals)
        supervised_spans = _union((i.start, i.end) for i in intervals if i.supervised)
        day_open = _covered((0, 24 * HOUR), open_spans)
        day_supervised = _covered((0, 24 * HOUR), supervised_spans)
        open_total += day_open
        supervised_total += day_supervised
        if norm is not None and weekday in norm.weekdays:
            counted = supervised_spans if norm.supervised else open_spans
            covered_in_norm += _covered(norm.window, counted)
        cells = []
        for hour in hours:
            part = counted_part(weekday, hour, norm)
            length = part[1] - part[0]
            if not open_spans:
                state = Slot.CLOSED
            elif _covered(part, supervised_spans) == length:
                state = Slot.SUPERVISED
            else:
                opened = _covered(part, open_spans)
                state = Slot.OPEN if opened == length else Slot.PARTLY if opened else Slot.CLOSED
            cells.append(_CELLS[state, (weekday, hour) in gaps])
        grid.append(DayCoverage(weekday, str(day_name), tuple(cells), day_open, day_supervised))
    return check, tuple(grid), open_total, supervised_total, covered_in_norm


@dataclass(frozen=True)
class ClusterCell:
    supervised: int
    places: int
    gap: bool

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


@dataclass(frozen=True)
class ClusterDay:
    weekday: int
    name: str
    cells: tuple[ClusterCell, ...]


@dataclass
class ClusterWeek:
    cluster: Cluster
    places: list[PlaceWeek]
    grid: list[ClusterDay] = field(default_factory=list)

    @property
    def with_norm(self) -> int:
        return sum(p.has_norm for p in self.places)

    @property
    def meeting_norm(self) -> int:
        return sum(bool(p.meets_norm) for p in self.places)

    @property
    def percentage(self) -> float | None:
        return weighted_percentage(self.places)

    @property
    def open_hours(self) -> float:
        return round(sum(p.open_minutes for p in self.places) / HOUR, 2)

    @property
    def supervised_hours(self) -> float:
        return round(sum(p.supervised_minutes for p in self.places) / HOUR, 2)


def weighted_percentage(places: list[PlaceWeek]) -> float | None:
    """Norm minutes covered by all places that have a norm, over their norm minutes; None
    when none of them has a norm (there is nothing to pass or fail)."""
    checked = [p.check for p in places if p.check is not None]
    norm_minutes = sum(c.norm_minutes for c in checked)
    if not norm_minutes:
        return None
    covered = sum(c.norm_minutes * c.covered_fraction for c in checked)
    return round(100 * covered / norm_minutes, 1)


def norm_report(places, hours: tuple[int, ...] | None = None) -> list[ClusterWeek]:
    """Places (prefetched, in cluster order) grouped per cluster, each with its grids.

    Each place is judged by its own kind's norm; a cluster cell is below the norm when
    one of its places is below its norm in that hour.
    """
    places = list(places)
    hours = grid_hours(places) if hours is None else hours
    clusters: dict[int, ClusterWeek] = {}
    for location in places:
        week = place_week(location, hours)
        if location.cluster_id not in clusters:
            clusters[location.cluster_id] = ClusterWeek(location.cluster, [])
        clusters[location.cluster_id].places.append(week)
    for cluster_week in clusters.values():
        for weekday, day_name in Weekday.choices:
            cells = []
            for index in range(len(hours)):
                day_cells = [p.grid[weekday].cells[index] for p in cluster_week.places]
                supervised = sum(cell.state == Slot.SUPERVISED for cell in day_cells)
                gap = any(cell.gap for cell in day_cells)
                cells.append(ClusterCell(supervised, len(day_cells), gap))
            cluster_week.grid.append(ClusterDay(weekday, str(day_name), tuple(cells)))
    return sorted(clusters.values(), key=lambda c: c.cluster.number)


def _clock(minutes: int) -> str:
    return f"{minutes // HOUR % 24:02d}:{minutes % HOUR:02d}" if minutes < 24 * HOUR else "24:00"


def describe_span(hours: tuple[int, ...]) -> tuple[str, str] | None:
    """The grid's first and last clock time ('08:00', '21:00'); None for an empty grid."""
    if not hours:
        return None
    return _clock(hours[0] * HOUR), _clock((hours[-1] + 1) * HOUR)


def partial_hour_example(norms) -> dict | None:
    """An hour of the grid that one of ``norms`` covers only in part, to explain how such an
    hour counts (the help text is built from the norms, not written with fixed times)."""
    for norm in norms:
        for edge, minute in (("opens", norm.window[0]), ("closes", norm.window[1])):
            if minute % HOUR:
                start = minute - minute % HOUR
                return {
                    "edge": edge,
                    "hour": f"{_clock(start)}–{_clock(start + HOUR)}",
                    "time": _clock(minute),
                }
    return None


@dataclass
class NormGroup:
    """Kinds of places that share one norm, and that norm in words."""

    kinds: list[LocationKind]
    words: str

    @property
    def names(self) -> str:
        """'Ontmoetingsparken en ontmoetingshuizen' (plurals, in the reader's language)."""
        return capfirst(get_text_list([k.plural_label for k in self.kinds], str(_("and"))))


def norms_in_words(kinds) -> list[NormGroup]:
    """The norms of ``kinds`` in words, kinds with the same norm together, in the kinds' order."""
    groups: dict[opening.Norm, NormGroup] = {}
    for kind in kinds:
        norm = kind.norm
        if norm is not None:
            groups.setdefault(norm, NormGroup([], opening.describe_norm(norm))).kinds.append(kind)
    return list(groups.values())


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
        people = Person.objects.supervisors().order_by("name", "pk")
        self.people = {
            pk: (name, role) for pk, name, role in people.values_list("pk", "name", "role")
        }
        self.by_cluster: dict[int, set[int]] = defaultdict(set)
        self.by_place: dict[int, set[int]] = defaultdict(set)
        for person_id, cluster_id in Person.clusters.through.objects.filter(
            person__in=Person.objects.supervisors()
        ).values_list("person_id", "cluster_id"):
            self.by_cluster[cluster_id].add(person_id)
        for person_id, location_id in Person.locations.through.objects.filter(
            person__in=Person.objects.supervisors()
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


def supervision_report(places) -> list[SupervisionRow]:
    supervisors = SupervisorIndex()
    return [SupervisionRow(place_week(p), supervisors.for_place(p)) for p in places]


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


def has_ended(schedule, today: datetime.date) -> bool:
    """Whether a schedule has no dates from ``today`` on: until passed or count used up."""
    if schedule.frequency != Schedule.Frequency.ONCE and not (schedule.until or schedule.count):
        return False
    midnight = datetime.datetime.combine(today, datetime.time.min)
    return schedule_rules.rule(schedule).after(midnight, inc=True) is None


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
            ended.extend(EndedSchedule(activity, s, schedule_rules.last_date(s)) for s in plans)
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
