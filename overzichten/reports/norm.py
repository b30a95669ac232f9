"""The norm per cluster: the places' grids side by side, and the norms in words."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster
from locaties import opening
from locaties.models import LocationKind, Weekday

from .common import Hours
from .grid import PlaceWeek, Slot, grid_hours, place_week


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
class ClusterWeek(Hours):
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
    def open_minutes(self) -> int:
        return sum(p.open_minutes for p in self.places)

    @property
    def supervised_minutes(self) -> int:
        return sum(p.supervised_minutes for p in self.places)


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
