"""The data-quality gaps."""

import datetime

import pytest
from django.db.models import Q

from activiteiten.models import Activity
from locaties.models import Location
from overzichten.reports.quality import quality_report
from tests.factories import (
    ScheduleFactory,
)
from tests.overzichten.conftest import place_filter

pytestmark = pytest.mark.django_db


# --- Data quality -------------------------------------------------------------------


def test_data_quality_lists(city):
    today = datetime.date(2026, 3, 4)
    report = quality_report(place_filter(), today)
    assert [p.slug for p in report.no_coordinates] == list(
        Location.objects.filter(latitude__isnull=True).values_list("slug", flat=True)
    )
    assert (
        {p.slug for p in report.no_hours}
        == set(Location.objects.filter(opening_hours__isnull=True).values_list("slug", flat=True))
        == {"speeltuin-zuid", "victoria"}
    )
    assert {p.slug for p in report.no_supervisor} == {"kinderboerderij", "sportlust"}
    stale = Activity.objects.filter(status="published").filter(
        Q(last_verified__isnull=True) | Q(last_verified__lt=today - datetime.timedelta(days=90))
    )
    assert {a.slug for a in report.not_verified} == set(stale.values_list("slug", flat=True))
    assert {a.slug for a in report.not_verified} == {"walking-football", "buurtmarkt"}
    ended = {(e.activity.slug, e.last) for e in report.ended_schedules}
    # Weekly on Tuesday until 1 February: last on 27 January; three Tuesdays from 6 January.
    assert ended == {
        ("oude-cursus", datetime.date(2026, 1, 27)),
        ("telcursus", datetime.date(2026, 1, 20)),
    }
    assert [a.slug for a in report.published_at_unpublished] == ["dieren-voeren"]
    assert report.total == 1 + 2 + 2 + 2 + 2 + 1


def test_an_ended_schedule_is_fine_when_another_runs(city):
    course = Activity.objects.get(slug="oude-cursus")
    ScheduleFactory(activity=course, start_date=datetime.date(2026, 3, 3))
    report = quality_report(place_filter(), datetime.date(2026, 3, 4))
    assert "oude-cursus" not in {e.activity.slug for e in report.ended_schedules}


def test_a_one_off_in_the_past_has_ended(city):
    report = quality_report(place_filter(), datetime.date(2026, 3, 8))
    assert ("buurtmarkt", datetime.date(2026, 3, 7)) in {
        (e.activity.slug, e.last) for e in report.ended_schedules
    }


def test_data_quality_follows_the_filter(city):
    report = quality_report(place_filter(cluster="noord"), datetime.date(2026, 3, 4))
    assert [p.slug for p in report.no_hours] == ["speeltuin-zuid"]
    assert report.no_supervisor == []
    assert report.published_at_unpublished == []
    assert {a.slug for a in report.not_verified} == {"walking-football"}
