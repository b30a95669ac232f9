"""The tables with a row per place: its facts, and who supervises it. Both stream the places."""

from __future__ import annotations

from django.utils.translation import gettext as _

from locaties import opening

from ..reports.common import in_hours
from ..reports.grid import place_week
from ..reports.supervision import SupervisorIndex
from .links import Links
from .tables import CHUNK_SIZE, Column, Table, date_column, number_column, text_column, words


def places_table(places, links: Links) -> Table:
    """One row per place: facts, supervision, hours and the norm. Streams the places."""

    def rows():
        supervisors = SupervisorIndex()
        for place in places.iterator(chunk_size=CHUNK_SIZE):
            week = place_week(place)
            found = supervisors.for_place(place)
            yield (
                place.name,
                str(place.cluster),
                place.kind.label,
                str(place.get_status_display()),
                str(place.get_building_status_display()) if place.building_status else "",
                place.new_building_year,
                place.published,
                " ".join(p for p in (place.street, place.house_number) if p),
                place.postcode,
                place.city,
                float(place.latitude) if place.latitude is not None else None,
                float(place.longitude) if place.longitude is not None else None,
                words(found.cluster_managers),
                words(found.sports_coaches),
                in_hours(week.open_minutes),
                in_hours(week.supervised_minutes),
                in_hours(week.unsupervised_minutes),
                opening.describe_norm(week.norm) if week.norm else "",
                in_hours(week.gap_minutes),
                week.percentage,
                week.meets_norm,
                place.last_verified,
                links(place.get_absolute_url()),
            )

    return Table(
        "plekken",
        _("Places"),
        [
            text_column(_("Name"), 32),
            text_column(_("Cluster"), 22),
            text_column(_("Kind"), 22),
            text_column(_("Status"), 12),
            text_column(_("Building"), 20),
            number_column(_("Year of the new building"), 10),
            Column(_("Published"), 10),
            text_column(_("Address"), 26),
            text_column(_("Postcode"), 10),
            text_column(_("City"), 14),
            number_column(_("Latitude"), 11),
            number_column(_("Longitude"), 11),
            text_column(_("Cluster managers"), 26),
            text_column(_("Sports coaches"), 26),
            number_column(_("Open (hours per week)")),
            number_column(_("Supervised (hours per week)")),
            number_column(_("Open without supervision (hours per week)")),
            # Empty for a place whose kind has no norm: no pass and no fail.
            text_column(_("Norm"), 30),
            number_column(_("Norm hours missed (hours per week)")),
            number_column(_("Norm met (%)")),
            Column(_("Meets the norm"), 10),
            date_column(_("Last verified")),
            text_column(_("Page"), 40),
        ],
        rows(),
    )


def supervision_table(places) -> Table:
    def rows():
        supervisors = SupervisorIndex()
        for place in places.iterator(chunk_size=CHUNK_SIZE):
            week = place_week(place)
            found = supervisors.for_place(place)
            yield (
                place.name,
                str(place.cluster),
                words(found.cluster_managers),
                words(found.sports_coaches),
                in_hours(week.open_minutes),
                in_hours(week.supervised_minutes),
                in_hours(week.unsupervised_minutes),
                in_hours(week.gap_minutes),
            )

    return Table(
        "begeleiding",
        _("Supervision"),
        [
            text_column(_("Place"), 32),
            text_column(_("Cluster"), 22),
            text_column(_("Cluster managers"), 26),
            text_column(_("Sports coaches"), 26),
            number_column(_("Open (hours per week)")),
            number_column(_("Supervised (hours per week)")),
            number_column(_("Open without supervision (hours per week)")),
            number_column(_("Norm hours missed (hours per week)")),
        ],
        rows(),
    )
