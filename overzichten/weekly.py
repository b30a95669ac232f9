"""The printable weekly sheet of a cluster: places, this week's hours and people, activities.

For residents without internet: a helper prints it (A4, print CSS, no PDF engine) and
hangs it up or hands it out. QR codes lead to the live pages for those with a phone;
they are made here with ``segno`` (pure Python) as inline SVG, so nothing is fetched.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

import segno
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from activiteiten import agenda
from activiteiten.models import Activity
from clusters.models import Cluster
from locaties import opening
from locaties.models import Location, Person

from .reports.common import week_bounds


def qr_svg(url: str, label: str) -> SafeString:
    """A QR code for ``url`` as inline SVG markup, named for screen readers."""
    code = segno.make(url, error="m", micro=False)
    # No title element: its tooltip would repeat the label; the role and name say it all.
    markup = code.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr", lineclass=None)
    return format_html(
        '<svg role="img" aria-label="{}"{}',
        label,
        mark_safe(markup.removeprefix("<svg")),  # segno's own, well-formed SVG
    )


@dataclass
class SheetPlace:
    location: Location
    days: list[opening.DayHours]
    people: list[Person]
    url: str
    qr: SafeString


@dataclass
class Sheet:
    cluster: Cluster
    monday: datetime.date
    days: list[datetime.date]
    places: list[SheetPlace]
    cluster_people: list[Person]
    occurrences_by_day: list[tuple[datetime.date, list]] = field(default_factory=list)
    agenda_url: str = ""
    agenda_qr: str = ""

    @property
    def sunday(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=6)


def weekly_sheet(cluster: Cluster, monday: datetime.date, build_url) -> Sheet:
    """Everything the sheet shows, in a fixed number of queries.

    ``build_url`` turns a path into an absolute URL (the request's, usually).
    """
    places = list(
        Location.objects.published()
        .in_cluster(cluster)
        .select_related("cluster", "kind")
        .with_hours()
    )
    # People of the cluster itself (the cluster managers and sports coaches who cover every
    # place), and people assigned to one place: as on the place page (Person.for_location).
    cluster_people = list(Person.objects.in_cluster(cluster))
    links = (
        Person.locations.through.objects.filter(location__in=[p.pk for p in places])
        .select_related("person", "person__organisation")
        .order_by("person__role", "person__name")
    )
    assigned: dict[int, list[Person]] = {}
    for link in links:
        assigned.setdefault(link.location_id, []).append(link.person)
    sheet_places = []
    for place in places:
        url = build_url(place.get_absolute_url())
        sheet_places.append(
            SheetPlace(
                location=place,
                days=opening.week_hours(place, monday),
                people=assigned.get(place.pk, []),
                url=url,
                qr=qr_svg(url, f"QR-code: {url}"),
            )
        )
    start, end = week_bounds(monday)
    occurrences = agenda.occurrences(Activity.objects.published().in_cluster(cluster), start, end)
    days = [monday + datetime.timedelta(days=n) for n in range(7)]
    by_day = {day: [] for day in days}
    for occurrence in occurrences:
        day = timezone.localtime(occurrence.start).date()
        by_day.setdefault(day, []).append(occurrence)
    agenda_url = build_url(
        f"{reverse('activiteiten:agenda')}?{urlencode({'cluster': cluster.slug})}"
    )
    return Sheet(
        cluster=cluster,
        monday=monday,
        days=days,
        places=sheet_places,
        cluster_people=cluster_people,
        occurrences_by_day=[(day, by_day[day]) for day in days if by_day[day]],
        agenda_url=agenda_url,
        agenda_qr=qr_svg(agenda_url, f"QR-code: {agenda_url}"),
    )
