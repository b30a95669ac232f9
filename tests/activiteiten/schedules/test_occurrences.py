"""activiteiten.schedules.occurrences_of: the dates in a window, in local time, with their
cancellations and closed days, in a fixed number of queries."""

import datetime

import pytest
import time_machine
from django.utils import timezone, translation

from activiteiten.models import Activity
from tests.activiteiten.schedules.helpers import AMS, FR, MO, SU, TU, UTC, WE, at, t
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    OpeningExceptionFactory,
    ScheduleFactory,
)


@pytest.mark.django_db
def test_occurrences_in_a_window_and_a_cancelled_date():
    schedule = ScheduleFactory()  # Tuesdays 10:00–12:00 from 1 December 2026
    activity = schedule.activity
    CancellationFactory(activity=activity, date=datetime.date(2026, 12, 8), reason="Zaal bezet")
    start, end = at(2026, 12, 1), at(2026, 12, 22)

    default = Activity.objects.filter(pk=activity.pk).occurrences(start, end)
    with_cancelled = Activity.objects.filter(pk=activity.pk).occurrences(
        start, end, include_cancelled=True
    )

    assert [o.start for o in default] == [at(2026, 12, 1, 10), at(2026, 12, 15, 10)]
    assert all(not o.cancelled for o in default)
    assert [(o.date, o.cancelled) for o in with_cancelled] == [
        (datetime.date(2026, 12, 1), False),
        (datetime.date(2026, 12, 8), True),
        (datetime.date(2026, 12, 15), False),
    ]
    assert with_cancelled[1].cancellation_reason == "Zaal bezet"
    assert with_cancelled[0].end == at(2026, 12, 1, 12)
    assert with_cancelled[0].activity == activity
    assert with_cancelled[0].schedule == schedule
    # An activity's own page lists its cancelled dates too.
    assert [o.cancelled for o in activity.occurrences(start, end)] == [False, True, False]


@pytest.mark.django_db
def test_a_day_the_place_is_closed_does_not_go_ahead_and_says_why():
    """Christmas Day 2026 (a Friday) and a closed day of the place's own."""
    place = LocationFactory()  # closed on public holidays, the default
    OpeningExceptionFactory(location=place, start_date=datetime.date(2027, 1, 8), reason="")
    schedule = ScheduleFactory(
        activity=ActivityFactory(title="Samen eten", location=place),
        start_date=datetime.date(2026, 12, 18),
        weekdays=[FR],
        start_time=t("12:00"),
        end_time=t("13:30"),
    )
    activities = Activity.objects.filter(pk=schedule.activity_id)
    start, end = at(2026, 12, 18), at(2027, 1, 9)

    going_ahead = activities.occurrences(start, end)
    every_date = activities.occurrences(start, end, include_cancelled=True)

    assert [o.date for o in going_ahead] == [datetime.date(2026, 12, 18)]
    assert [(o.date, o.place_closed, o.closure_reason) for o in every_date] == [
        (datetime.date(2026, 12, 18), False, ""),
        (datetime.date(2026, 12, 25), True, "Eerste kerstdag"),
        (datetime.date(2027, 1, 1), True, "Nieuwjaarsdag"),
        (datetime.date(2027, 1, 8), True, ""),  # an exception without a reason
    ]
    christmas = every_date[1]
    assert not christmas.cancelled  # kept apart from the organiser's own cancelled dates
    assert not christmas.goes_ahead
    with translation.override("nl"):
        assert christmas.closure_text == "Gaat niet door: de plek is dicht (Eerste kerstdag)"
        assert every_date[3].closure_text == "Gaat niet door: de plek is dicht"
    with translation.override("en"):
        assert christmas.closure_text == "Not going ahead: the place is closed (Eerste kerstdag)"
    assert every_date[0].closure_text == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start_date", "switch", "before", "after"),
    [
        (datetime.date(2027, 3, 21), datetime.date(2027, 3, 28), 1, 2),
        (datetime.date(2026, 10, 18), datetime.date(2026, 10, 25), 2, 1),
    ],
)
def test_occurrences_keep_wall_clock_time_over_dst(start_date, switch, before, after):
    schedule = ScheduleFactory(start_date=start_date, weekdays=[SU], count=2)

    found = schedule.activity.occurrences(
        datetime.datetime.combine(start_date, t("00:00"), tzinfo=AMS),
        datetime.datetime.combine(switch, t("23:00"), tzinfo=AMS),
    )

    assert [o.start.date() for o in found] == [start_date, switch]
    assert [f"{o.start:%H:%M}–{o.end:%H:%M}" for o in found] == ["10:00–12:00"] * 2
    assert [o.start.utcoffset() for o in found] == [
        datetime.timedelta(hours=before),
        datetime.timedelta(hours=after),
    ]
    assert [o.start.astimezone(UTC).hour for o in found] == [10 - before, 10 - after]


@pytest.mark.django_db
def test_an_occurrence_running_into_the_window_is_included():
    schedule = ScheduleFactory(frequency="once", weekdays=[], start_date=datetime.date(2026, 12, 1))
    activity = Activity.objects.filter(pk=schedule.activity_id)

    def found(start, end):
        return [o.start for o in activity.occurrences(start, end)]

    assert found(at(2026, 12, 1, 11), at(2026, 12, 1, 18)) == [at(2026, 12, 1, 10)]
    assert found(at(2026, 12, 1, 8), at(2026, 12, 1, 10, 1)) == [at(2026, 12, 1, 10)]
    assert found(at(2026, 12, 1, 12), at(2026, 12, 1, 18)) == []  # ended as the window starts
    assert found(at(2026, 12, 1, 8), at(2026, 12, 1, 10)) == []  # the window ends as it starts


@pytest.mark.django_db
def test_an_evening_until_midnight_runs_into_the_next_day_window():
    schedule = ScheduleFactory(
        start_time=t("21:00"), end_time=t("00:00"), until=datetime.date(2026, 12, 1)
    )
    activity = Activity.objects.filter(pk=schedule.activity_id)

    late = activity.occurrences(at(2026, 12, 1, 23), at(2026, 12, 2, 6))

    assert [(o.start, o.end) for o in late] == [(at(2026, 12, 1, 21), at(2026, 12, 2, 0))]
    assert activity.occurrences(at(2026, 12, 2, 0), at(2026, 12, 2, 6)) == []


@pytest.mark.django_db
def test_a_window_given_in_utc_finds_the_same_occurrences():
    # Wednesday 6 January 2027, 00:00–01:00: the window's end in UTC is still 5 January.
    schedule = ScheduleFactory(
        frequency="once",
        weekdays=[],
        start_date=datetime.date(2027, 1, 6),
        start_time=t("00:00"),
        end_time=t("01:00"),
    )
    activity = Activity.objects.filter(pk=schedule.activity_id)
    start = datetime.datetime(2027, 1, 5, 22, 0, tzinfo=UTC)
    end = datetime.datetime(2027, 1, 5, 23, 30, tzinfo=UTC)

    found = activity.occurrences(start, end)

    assert [o.start for o in found] == [at(2027, 1, 6, 0, 0)]


@pytest.mark.django_db
@time_machine.travel(at(2026, 12, 7, 9, 0), tick=False)
def test_published_occurrences_this_week_in_time_order(django_assert_max_num_queries):
    place, hidden_place = LocationFactory(), LocationFactory(published=False)
    late = ScheduleFactory(
        activity=ActivityFactory(title="Avondwandeling", location=place),
        weekdays=[MO, WE],
        start_time=t("19:00"),
        end_time=t("20:30"),
    )
    early = ScheduleFactory(
        activity=ActivityFactory(title="Koffie", location=place), weekdays=[TU, WE]
    )
    ScheduleFactory(activity=ActivityFactory(title="Concept", status=Activity.Status.DRAFT))
    ScheduleFactory(activity=ActivityFactory(title="Afgelast", status=Activity.Status.CANCELLED))
    ScheduleFactory(activity=ActivityFactory(title="Verborgen plek", location=hidden_place))
    ScheduleFactory(
        activity=ActivityFactory(title="Voorbij", location=place), until=datetime.date(2026, 12, 6)
    )
    ScheduleFactory(
        activity=ActivityFactory(title="Later", location=place),
        start_date=datetime.date(2027, 1, 1),
    )
    now = timezone.now()

    # The activities, then their schedules, cancellations, themes, target groups and the
    # places' exceptions.
    with django_assert_max_num_queries(6):
        found = Activity.objects.published().occurrences(now, now + datetime.timedelta(days=7))

    assert [(o.activity.title, o.start) for o in found] == [
        ("Avondwandeling", at(2026, 12, 7, 19)),
        ("Koffie", at(2026, 12, 8, 10)),
        ("Koffie", at(2026, 12, 9, 10)),
        ("Avondwandeling", at(2026, 12, 9, 19)),
    ]
    assert {o.schedule for o in found} == {late, early}


@pytest.mark.django_db
def test_occurrences_of_fifty_activities_take_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    place = LocationFactory()
    for n in range(50):
        schedule = ScheduleFactory(
            activity=ActivityFactory(location=place),
            weekdays=[n % 7],
            start_time=datetime.time(8 + n % 10, 0),
            end_time=datetime.time(9 + n % 10, 30),
        )
        CancellationFactory(activity=schedule.activity, date=datetime.date(2026, 12, 8))
    start, end = at(2026, 12, 7), at(2026, 12, 21)

    with django_assert_max_num_queries(6):
        found = Activity.objects.published().occurrences(start, end)
        for occurrence in found:
            # What an agenda line shows.
            str(occurrence.activity.location.cluster)
            str(occurrence.activity.organiser)
            list(occurrence.activity.themes.all())
            list(occurrence.activity.target_groups.all())

    assert len(found) == 50 * 2 - sum(1 for n in range(50) if n % 7 == TU)
    assert [o.start for o in found] == sorted(o.start for o in found)
