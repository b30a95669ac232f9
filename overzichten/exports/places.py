"""The tables with a row per place: its facts, and who supervises it. Both stream the places."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from locaties import opening

from ..reports.grid import place_week
from ..reports.supervision import SupervisionRow, SupervisorIndex
from .links import Links
from .tables import CHUNK_SIZE, Column, Table, date_column, number_column, text_column, words


def place_rows(places) -> Iterator[SupervisionRow]:
    """The places, read in chunks, each with its regular week and its supervisors (who are
    read in three queries before the first place, and never per place)."""
    supervisors = SupervisorIndex()
    for place in places.iterator(chunk_size=CHUNK_SIZE):
        yield SupervisionRow(place_week(place), supervisors.for_place(place))


def _building(row: SupervisionRow) -> str:
    place = row.location
    return str(place.get_building_status_display()) if place.building_status else ""


def _address(row: SupervisionRow) -> str:
    return " ".join(part for part in (row.location.street, row.location.house_number) if part)


def _coordinate(value) -> float | None:
    return None if value is None else float(value)


def _norm(row: SupervisionRow) -> str:
    # Empty for a place whose kind has no norm: no pass and no fail.
    return opening.describe_norm(row.week.norm) if row.week.norm else ""


def supervision_columns() -> list[Column]:
    """Who supervises a place, and its hours open and supervised in a week."""
    return [
        text_column(_("Cluster managers"), lambda row: words(row.supervisors.cluster_managers), 26),
        text_column(_("Sports coaches"), lambda row: words(row.supervisors.sports_coaches), 26),
        number_column(_("Open (hours per week)"), "week.open_hours"),
        number_column(_("Supervised (hours per week)"), "week.supervised_hours"),
        number_column(_("Open without supervision (hours per week)"), "week.unsupervised_hours"),
    ]


def places_table(places, links: Links) -> Table:
    """One row per place: facts, supervision, hours and the norm. Streams the places."""
    columns = [
        text_column(_("Name"), "location.name", 32),
        text_column(_("Cluster"), lambda row: str(row.location.cluster), 22),
        text_column(_("Kind"), "location.kind.label", 22),
        text_column(_("Status"), lambda row: str(row.location.get_status_display()), 12),
        text_column(_("Building"), _building, 20),
        number_column(_("Year of the new building"), "location.new_building_year", 10),
        Column(_("Published"), "location.published", 10),
        text_column(_("Address"), _address, 26),
        text_column(_("Postcode"), "location.postcode", 10),
        text_column(_("City"), "location.city", 14),
        number_column(_("Latitude"), lambda row: _coordinate(row.location.latitude), 11),
        number_column(_("Longitude"), lambda row: _coordinate(row.location.longitude), 11),
        *supervision_columns(),
        text_column(_("Norm"), _norm, 30),
        number_column(_("Norm hours missed (hours per week)"), "week.gap_hours"),
        number_column(_("Norm met (%)"), "week.percentage"),
        Column(_("Meets the norm"), "week.meets_norm", 10),
        date_column(_("Last verified"), "location.last_verified"),
        text_column(_("Page"), lambda row: links(row.location.get_absolute_url()), 40),
    ]
    return Table(columns, place_rows(places))


def supervision_table(places) -> Table:
    columns = [
        text_column(_("Place"), "location.name", 32),
        text_column(_("Cluster"), lambda row: str(row.location.cluster), 22),
        *supervision_columns(),
        number_column(_("Norm hours missed (hours per week)"), "week.gap_hours"),
    ]
    return Table(columns, place_rows(places))
