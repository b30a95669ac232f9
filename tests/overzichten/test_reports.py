"""The counting behind the overviews, against numbers worked out by hand and by plain queries."""

import datetime

import pytest
from django.db.models import Q
from django.http import QueryDict

from activiteiten.models import Activity
from locaties.models import Location, OpeningHours
from overzichten import reports
from overzichten.reports import Slot
from tests.factories import (
    LocationFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    ScheduleFactory,
)
from tests.overzichten.conftest import MONDAY, T

pytestmark = pytest.mark.django_db


def place_filter(**data):
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query[key] = value
    return reports.overview_filter(query)


def places_by_slug(filterset=None):
    places = reports.filtered_places(filterset or place_filter())
    return {p.slug: p for p in places}


# --- Places by kind and status ------------------------------------------------------


def test_status_counts_match_the_database(city):
    report = reports.status_report(place_filter())
    designated = Location.objects.filter(status=Location.Status.DESIGNATED).count()
    assert (report.total.designated, report.total.total) == (designated, Location.objects.count())
    assert (report.total.designated, report.total.total) == (3, 6)  # "3 of 6 designated"
    for kind, _label, tally in report.by_kind:
        of_kind = Location.objects.filter(kind=kind)
        assert tally.designated == of_kind.filter(status="designated").count()
        assert tally.planned == of_kind.filter(status="planned").count()
    for row in report.clusters:
        in_cluster = Location.objects.filter(cluster=row.cluster)
        assert row.total.designated == in_cluster.filter(status="designated").count()
        assert row.total.total == in_cluster.count()
        for kind, tally in row.by_kind.items():
            assert tally.total == in_cluster.filter(kind=kind).count()


def test_parks_future_proof_and_new_building_with_year(city):
    report = reports.status_report(place_filter())
    parks = Location.objects.filter(kind=Location.Kind.PARK)
    assert report.parks_future_proof == parks.filter(building_status="future_proof").count() == 1
    assert report.parks_new_building == parks.filter(building_status="new_building_planned").count()
    assert report.new_building_years == [(2028, 2)]
    assert [p.name for p in report.parks] == ["Rigtersbleek", "Sportlust", "Victoria"]


def test_status_follows_the_public_filter(city):
    report = reports.status_report(place_filter(cluster="oost", kind="park"))
    assert [row.cluster.slug for row in report.clusters] == ["oost"]
    assert (report.total.designated, report.total.total) == (1, 2)
    assert [p.name for p in report.parks] == ["Sportlust", "Victoria"]


def test_a_bad_filter_value_is_ignored_and_reported(city):
    filterset = place_filter(cluster="nowhere", open_at="25:99")
    report = reports.status_report(filterset)
    assert report.total.total == 6
    problems = dict(reports.filter_problems(filterset))
    assert set(problems) == {str(filterset.form.fields[n].label) for n in ("cluster", "open_at")}


def test_staff_see_unpublished_places_too(city):
    assert "kinderboerderij" in places_by_slug()


# --- The norm grid ------------------------------------------------------------------


def states(week, weekday):
    return [cell.state for cell in week.grid[weekday][2]]


def gaps(week, weekday):
    return [cell.gap for cell in week.grid[weekday][2]]


def test_a_place_meeting_the_norm(city):
    week = reports.place_week(places_by_slug()["de-magneet"])
    # 08:00–09:00 is judged on 08:30–09:00 (the norm's part of it): supervised.
    assert all(states(week, day)[:12] == [Slot.SUPERVISED] * 12 for day in range(7))
    assert states(week, 0)[12] == Slot.CLOSED  # 20:00–21:00: outside the norm, closed
    assert not any(cell.gap for _d, _n, cells in week.grid for cell in cells)
    assert (week.percentage, week.meets_norm, week.gap_minutes) == (100.0, True, 0)
    assert (week.open_hours, week.supervised_hours) == (80.5, 80.5)


def test_grid_cells_and_percentage_worked_out_by_hand(city):
    week = reports.place_week(places_by_slug()["rigtersbleek"])
    sup, opn, shut = Slot.SUPERVISED, Slot.OPEN, Slot.CLOSED
    # Monday: supervised from 09:00, so the 08:00 hour is a gap; 20:00 is outside the norm.
    assert states(week, 0) == [shut] + [sup] * 11 + [shut]
    assert gaps(week, 0) == [True] + [False] * 11 + [False]
    # Saturday: open 10:00–16:00 without supervision: open, but gaps all day in the norm.
    assert states(week, 5) == [shut, shut] + [opn] * 6 + [shut] * 5
    assert gaps(week, 5) == [True] * 12 + [False]
    assert states(week, 6) == [shut] * 13
    # 5 × 660 supervised minutes of 7 × 690 in the norm.
    assert week.check.norm_minutes == 4830
    assert week.percentage == round(100 * 3300 / 4830, 1) == 68.3
    assert week.gap_minutes == 4830 - 3300
    assert (week.open_hours, week.supervised_hours, week.unsupervised_hours) == (61, 55, 6)


def test_part_of_an_hour_outside_the_norm_is_partly_open_not_a_gap(city):
    week = reports.place_week(places_by_slug()["sportlust"])
    assert states(week, 1)[12] == Slot.PARTLY  # Tuesday 20:00–20:30
    assert gaps(week, 1)[12] is False
    assert week.unsupervised_minutes == 30


def test_half_hours_inside_the_norm_count_as_minutes(db):
    place = LocationFactory()
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday, opens=T(8, 30), closes=T(19, 30))
    place = Location.objects.with_hours().get(pk=place.pk)
    week = reports.place_week(place)
    assert states(week, 0)[11] == Slot.PARTLY  # 19:00–20:00: open until 19:30
    assert gaps(week, 0)[11] is True
    # 30 minutes a day short: 660 of 690, not 11 of 12 hours.
    assert week.percentage == round(100 * 660 / 690, 1)


def test_touching_intervals_count_as_one(db):
    place = LocationFactory()
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday, opens=T(8, 30), closes=T(12, 0))
        OpeningHoursFactory(location=place, weekday=weekday, opens=T(12, 0), closes=T(20, 0))
    week = reports.place_week(Location.objects.with_hours().get(pk=place.pk))
    assert week.meets_norm
    assert week.open_minutes == 7 * 690


def test_cluster_grid_and_percentage(city):
    clusters = reports.norm_report(reports.filtered_places(place_filter()))
    noord, oost = clusters
    assert [p.location.slug for p in noord.places] == [
        "de-magneet",
        "rigtersbleek",
        "speeltuin-zuid",
    ]
    monday = noord.grid[0][2]
    assert (monday[0].supervised, monday[0].places, monday[0].gap) == (1, 3, True)
    assert (monday[2].supervised, monday[2].places) == (2, 3)
    assert monday[12].gap is False  # 20:00 is outside the norm
    # Minutes over the cluster's places: (4830 + 3300 + 0) / (3 × 4830).
    assert noord.percentage == round(100 * (4830 + 3300) / (3 * 4830), 1)
    assert noord.meeting_norm == 1
    # Oost: Victoria 0, Kinderboerderij 7 × 420, Sportlust 690.
    assert oost.percentage == round(100 * (7 * 420 + 690) / (3 * 4830), 1)


# --- Supervision --------------------------------------------------------------------


def test_supervisors_from_the_cluster_or_assigned_to_the_place(city):
    rows = {
        r.location.slug: r
        for r in reports.supervision_report(reports.filtered_places(place_filter()))
    }
    assert rows["de-magneet"].supervisors.cluster_managers == ["Sanne de Vries"]
    assert rows["de-magneet"].supervisors.sports_coaches == ["Mo Bakker"]
    assert rows["victoria"].supervisors.sports_coaches == ["Ahmet Yilmaz"]
    assert rows["victoria"].supervisors.cluster_managers == []
    # A host is not a supervisor.
    assert rows["sportlust"].supervisors.none
    incomplete = {slug for slug, row in rows.items() if not row.supervisors.complete}
    assert incomplete == {"victoria", "kinderboerderij", "sportlust"}


def test_hours_without_supervision_per_place(city):
    rows = {
        r.location.slug: r
        for r in reports.supervision_report(reports.filtered_places(place_filter()))
    }
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


# --- Offer --------------------------------------------------------------------------


def offer(monday=MONDAY, activities=None):
    return reports.offer_report(
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
    report = reports.offer_report(Activity.objects.published(), MONDAY, places=quiet)
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


# --- Data quality -------------------------------------------------------------------


def test_data_quality_lists(city):
    today = datetime.date(2026, 3, 4)
    report = reports.quality_report(place_filter(), today)
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
    report = reports.quality_report(place_filter(), datetime.date(2026, 3, 4))
    assert "oude-cursus" not in {e.activity.slug for e in report.ended_schedules}


def test_a_one_off_in_the_past_has_ended(city):
    report = reports.quality_report(place_filter(), datetime.date(2026, 3, 8))
    assert ("buurtmarkt", datetime.date(2026, 3, 7)) in {
        (e.activity.slug, e.last) for e in report.ended_schedules
    }


def test_data_quality_follows_the_filter(city):
    report = reports.quality_report(place_filter(cluster="noord"), datetime.date(2026, 3, 4))
    assert [p.slug for p in report.no_hours] == ["speeltuin-zuid"]
    assert report.no_supervisor == []
    assert report.published_at_unpublished == []
    assert {a.slug for a in report.not_verified} == {"walking-football"}


# --- Describing the filter ------------------------------------------------------------


def test_the_filter_in_words(city):
    filterset = place_filter(cluster="noord", kind="park", open_at="10:00")
    described = dict(reports.describe_filter(filterset))
    assert described[str(filterset.form.fields["cluster"].label)] == "Noord"
    assert described[str(filterset.form.fields["open_at"].label)] == "10:00"
    assert str(Location.Kind.PARK.label) in described[str(filterset.form.fields["kind"].label)]
