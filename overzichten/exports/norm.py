"""The norm: the grid per place and weekday, and the sums per cluster."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..reports.common import in_hours
from ..reports.grid import grid_hours_for, place_week
from ..reports.norm import ClusterWeek, weighted_percentage
from .tables import CHUNK_SIZE, Column, Table, number_column, text_column


def norm_table(places) -> Table:
    """The grid per place: one row per place and weekday, one column per hour, then the
    day's hours open and supervised. The hours follow the data and the norms (two queries
    before the places stream)."""
    hours = grid_hours_for(places)

    def rows():
        labels: dict = {}  # a cell's words depend on its state only: translate each once
        for place in places.iterator(chunk_size=CHUNK_SIZE):
            week = place_week(place, hours)
            for day in week.grid:
                for cell in day.cells:
                    if cell not in labels:
                        labels[cell] = cell.label
                yield (
                    place.name,
                    str(place.cluster),
                    day.name,
                    *(labels[c] for c in day.cells),
                    day.open_hours,
                    day.supervised_hours,
                )

    hour_columns = [Column(f"{hour:02d}:00", 16) for hour in hours]
    return Table(
        "norm",
        _("Norm per place"),
        [
            text_column(_("Place"), 32),
            text_column(_("Cluster"), 22),
            Column(_("Day"), 11),
            *hour_columns,
            number_column(_("Open (hours)"), 10),
            number_column(_("Supervised (hours)"), 10),
        ],
        rows(),
    )


def norm_clusters_table(cluster_weeks: list[ClusterWeek]) -> Table:
    def rows():
        for cluster_week in cluster_weeks:
            yield (
                str(cluster_week.cluster),
                len(cluster_week.places),
                cluster_week.with_norm,
                cluster_week.meeting_norm,
                cluster_week.percentage,
                cluster_week.open_hours,
                cluster_week.supervised_hours,
            )
        everyone = [p for c in cluster_weeks for p in c.places]
        yield (
            str(_("All places")),
            len(everyone),
            sum(p.has_norm for p in everyone),
            sum(bool(p.meets_norm) for p in everyone),
            weighted_percentage(everyone),
            in_hours(sum(p.open_minutes for p in everyone)),
            in_hours(sum(p.supervised_minutes for p in everyone)),
        )

    return Table(
        "norm-clusters",
        _("Norm per cluster"),
        [
            text_column(_("Cluster"), 26),
            number_column(_("Places")),
            number_column(_("Places with a norm")),
            number_column(_("Meeting the norm")),
            number_column(_("Norm met (%)")),
            number_column(_("Open (hours per week)")),
            number_column(_("Supervised (hours per week)")),
        ],
        rows(),
    )
