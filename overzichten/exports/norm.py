"""The norm: the grid per place and weekday, and the sums per cluster."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from locaties.models import Location

from ..reports.grid import Cell, DayCoverage, grid_hours_for, place_week
from ..reports.norm import ClusterWeek
from .tables import CHUNK_SIZE, Column, Table, number_column, text_column


class PlaceDay(NamedTuple):
    location: Location
    day: DayCoverage


def _place_days(places, hours: tuple[int, ...]) -> Iterator[PlaceDay]:
    for place in places.iterator(chunk_size=CHUNK_SIZE):
        for day in place_week(place, hours).grid:
            yield PlaceDay(place, day)


def norm_table(places) -> Table:
    """The grid per place: one row per place and weekday, one column per hour, then the
    day's hours open and supervised. The hours follow the data and the norms (two queries
    before the places stream)."""
    hours = grid_hours_for(places)

    # A cell's words depend on its state only: translate each once.
    @functools.cache
    def label(cell: Cell) -> str:
        return cell.label

    hour_columns = [
        Column(f"{hour:02d}:00", lambda row, index=index: label(row.day.cells[index]), 16)
        for index, hour in enumerate(hours)
    ]
    columns = [
        text_column(_("Place"), "location.name", 32),
        text_column(_("Cluster"), lambda row: str(row.location.cluster), 22),
        Column(_("Day"), "day.name", 11),
        *hour_columns,
        number_column(_("Open (hours)"), "day.open_hours", 10),
        number_column(_("Supervised (hours)"), "day.supervised_hours", 10),
    ]
    return Table(columns, _place_days(places, hours))


def _with_all_places(cluster_weeks: list[ClusterWeek]) -> Iterator[ClusterWeek]:
    yield from cluster_weeks
    # All places as one more cluster: its sums are those of every place.
    everyone = [place for cluster_week in cluster_weeks for place in cluster_week.places]
    yield ClusterWeek(gettext_lazy("All places"), everyone)


def norm_clusters_table(cluster_weeks: list[ClusterWeek]) -> Table:
    columns = [
        text_column(_("Cluster"), lambda cluster_week: str(cluster_week.cluster), 26),
        number_column(_("Places"), lambda cluster_week: len(cluster_week.places)),
        number_column(_("Places with a norm"), "with_norm"),
        number_column(_("Meeting the norm"), "meeting_norm"),
        number_column(_("Norm met (%)"), "percentage"),
        number_column(_("Open (hours per week)"), "open_hours"),
        number_column(_("Supervised (hours per week)"), "supervised_hours"),
    ]
    return Table(columns, _with_all_places(cluster_weeks))
