"""The places by status per cluster and kind, and the buildings (the overview's first page)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..reports.status import StatusReport
from .tables import Table, number_column, text_column


def status_table(report: StatusReport) -> Table:
    """Places per cluster and kind, designated and planned: the overview's first table."""
    columns = [text_column(_("Cluster"), 26)]
    for kind in report.kinds:
        columns.append(number_column(_("%(kind)s: designated") % {"kind": kind.label}, 14))
        columns.append(number_column(_("%(kind)s: planned") % {"kind": kind.label}, 14))
    columns += [
        number_column(_("Designated")),
        number_column(_("Planned")),
        number_column(_("Total")),
    ]

    def rows():
        for status in report.clusters:
            row = [str(status.cluster)]
            for tally in status.tallies:
                row += [tally.designated, tally.planned]
            yield [*row, status.total.designated, status.total.planned, status.total.total]
        total = [str(_("All places"))]
        for _kind, tally in report.by_kind:
            total += [tally.designated, tally.planned]
        yield [*total, report.total.designated, report.total.planned, report.total.total]

    return Table("stand", _("Places by status"), columns, rows())


def buildings_table(report: StatusReport) -> Table:
    """The places of the kinds that have building statuses, and their buildings."""
    return Table(
        "gebouwen",
        _("Buildings"),
        [
            text_column(_("Place"), 32),
            text_column(_("Kind"), 22),
            text_column(_("Cluster"), 22),
            text_column(_("Building"), 22),
            number_column(_("Year of the new building"), 10),
        ],
        (
            (p.name, group.kind.label, p.cluster, p.building_label, p.year)
            for group in report.buildings
            for p in group.places
        ),
    )
