"""The offer of a week, counted per theme, organiser and place."""

import datetime

import pytest

from activiteiten.models import Activity
from locaties.models import Location
from overzichten.reports.offer import offer_report
from tests.factories import (
    OpeningExceptionFactory,
    ScheduleFactory,
)
from tests.overzichten.conftest import MONDAY, T

pytestmark = pytest.mark.django_db


# --- Offer --------------------------------------------------------------------------


def offer(monday=MONDAY, activities=None):
    return offer_report(
        activities if activities is not None else Activity.objects.published(), monday
    )


def test_offer_counts_the_week_occurrences(city):
    report = offer()
    # Koffie Tue + Thu, football Mon + Wed (Fri cancelled), market Sat: the hidden and
    # the draft activities and the ended courses do not count.
    titles = [o.activity.title for o in report.occurrences]
    assert titles == [
        "Walking football",
        "Koffieochtend",
        "Walking football",
        "Koffieochtend",
        "Buurtmarkt",
    ]
    assert (report.activity_count, report.total_hours) == (3, 9)
    themes = {c.key: (c.occurrences, c.activity_count, c.hours) for c in report.themes}
    assert themes == {"eenzaamheid": (4, 2, 7), "sport": (2, 1, 3), "": (1, 1, 2)}  # "": no theme
    organisers = {c.label: (c.occurrences, c.hours) for c in report.organisers}
    assert organisers == {"Alifa": (3, 6), "Vizier": (2, 3)}
    clusters = {c.key: c.occurrences for c in report.clusters}
    assert clusters == {"noord": 4, "oost": 1}
    groups = {c.key: c.occurrences for c in report.target_groups}
    assert groups == {"ouderen": 2, "": 3}


def test_offer_in_another_week(city):
    report = offer(MONDAY + datetime.timedelta(days=7))
    # Football three times (Friday 13 is not cancelled), koffie twice, no market.
    assert len(report.occurrences) == 5
    assert {c.key: c.occurrences for c in report.places} == {"rigtersbleek": 3, "de-magneet": 2}


def test_hours_per_place_lists_quiet_places_too(city):
    quiet = list(Location.objects.published().order_by("name"))
    report = offer_report(Activity.objects.published(), MONDAY, places=quiet)
    hours = {c.key: c.hours for c in report.places}
    assert hours == {
        "de-magneet": 4,
        "rigtersbleek": 3,
        "victoria": 2,
        "speeltuin-zuid": 0,
        "sportlust": 0,
    }


def test_offer_count_equals_a_hand_count_with_many_schedules(city):
    # Every day 18:00–19:00 at Victoria for this week only: seven more, one hour each.
    daily = Activity.objects.get(slug="buurtmarkt")
    ScheduleFactory(
        activity=daily,
        start_date=MONDAY,
        until=MONDAY + datetime.timedelta(days=6),
        weekdays=list(range(7)),
        start_time=T(18, 0),
        end_time=T(19, 0),
    )
    report = offer()
    assert len(report.occurrences) == 5 + 7
    assert {c.key: c.hours for c in report.places}["victoria"] == 2 + 7


def test_a_day_the_place_is_closed_is_left_out_of_the_offer(city):
    # De Magneet is closed on Thursday 5 March: Koffie goes ahead on Tuesday only.
    OpeningExceptionFactory(
        location=Location.objects.get(slug="de-magneet"),
        start_date=datetime.date(2026, 3, 5),
        reason="Studiedag",
    )
    report = offer()
    titles = [o.activity.title for o in report.occurrences]
    assert titles == ["Walking football", "Koffieochtend", "Walking football", "Buurtmarkt"]
    assert (report.activity_count, report.total_hours) == (3, 7)
    assert {c.key: c.occurrences for c in report.places} == {
        "rigtersbleek": 2,
        "de-magneet": 1,
        "victoria": 1,
    }
