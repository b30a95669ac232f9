"""Who supervises each place."""

import datetime

import pytest

from locaties.models import OpeningHours
from overzichten.reports.common import filtered_places
from overzichten.reports.supervision import supervision_report
from tests.overzichten.conftest import MONDAY, place_filter

pytestmark = pytest.mark.django_db


# --- Supervision --------------------------------------------------------------------


def test_supervisors_from_the_cluster_or_assigned_to_the_place(city):
    rows = {r.location.slug: r for r in supervision_report(filtered_places(place_filter()))}
    assert rows["de-magneet"].supervisors.cluster_managers == ["Sanne de Vries"]
    assert rows["de-magneet"].supervisors.sports_coaches == ["Mo Bakker"]
    assert rows["victoria"].supervisors.sports_coaches == ["Ahmet Yilmaz"]
    assert rows["victoria"].supervisors.cluster_managers == []
    # A host is not a supervisor.
    assert rows["sportlust"].supervisors.none
    incomplete = {slug for slug, row in rows.items() if not row.supervisors.complete}
    assert incomplete == {"victoria", "kinderboerderij", "sportlust"}


def test_hours_without_supervision_per_place(city):
    rows = {r.location.slug: r for r in supervision_report(filtered_places(place_filter()))}
    for slug, row in rows.items():
        hours = OpeningHours.objects.filter(location__slug=slug)
        unsupervised = sum(
            (
                datetime.datetime.combine(MONDAY, h.closes)
                - datetime.datetime.combine(MONDAY, h.opens)
            ).seconds
            // 60
            for h in hours.filter(supervised=False)
        )
        assert row.week.unsupervised_minutes == unsupervised, slug
    assert rows["rigtersbleek"].week.unsupervised_hours == 6
