"""The places by status per cluster and kind, and the buildings (the overview's first page)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from locaties.models import LocationKind

from ..reports.status import BuildingRow, ClusterStatus, StatusReport
from .tables import Table, number_column, text_column


def _with_all_places(report: StatusReport) -> Iterator[ClusterStatus]:
    yield from report.clusters
    # The sums over all places, as one more row that the same columns read.
    yield ClusterStatus(
        gettext_lazy("All places"), [tally for _kind, tally in report.by_kind], report.total
    )


def status_table(report: StatusReport) -> Table:
    """Places per cluster and kind, designated and planned: the overview's first table."""
    columns = [text_column(_("Cluster"), lambda status: str(status.cluster), 26)]
    # A cluster's tallies are in the order of the kinds.
    for index, kind in enumerate(report.kinds):
        columns += [
            number_column(
                _("%(kind)s: designated") % {"kind": kind.label},
                lambda status, index=index: status.tallies[index].designated,
                14,
            ),
            number_column(
                _("%(kind)s: planned") % {"kind": kind.label},
                lambda status, index=index: status.tallies[index].planned,
                14,
            ),
        ]
    columns += [
        number_column(_("Designated"), "total.designated"),
        number_column(_("Planned"), "total.planned"),
        number_column(_("Total"), "total.total"),
    ]
    return Table(columns, _with_all_places(report))


class KindBuilding(NamedTuple):
    kind: LocationKind
    place: BuildingRow


def buildings_table(report: StatusReport) -> Table:
    """The places of the kinds that have building statuses, and their buildings."""
    columns = [
        text_column(_("Place"), "place.name", 32),
        text_column(_("Kind"), "kind.label", 22),
        text_column(_("Cluster"), "place.cluster", 22),
        text_column(_("Building"), "place.building_label", 22),
        number_column(_("Year of the new building"), "place.year", 10),
    ]
    items = (
        KindBuilding(group.kind, place) for group in report.buildings for place in group.places
    )
    return Table(columns, items)
