"""The warnings' rules (activiteiten/checks.py): a closed day, outside the opening hours,
overlapping in the same room; once per date, in the active language, with real dates."""

import datetime

import pytest
import time_machine
from django.utils import timezone, translation

from activiteiten import checks
from activiteiten.models import Activity
from locaties.models import Location, OpeningException
from tests.factories import (
    CancellationFactory,
    LocationFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db

# Tuesdays 1 … 29 December 2026 (the ScheduleFactory's Tuesdays).
START = timezone.make_aware(datetime.datetime(2026, 12, 1))
END = timezone.make_aware(datetime.datetime(2026, 12, 31))
TUESDAYS = [datetime.date(2026, 12, day) for day in (1, 8, 15, 22, 29)]


def occurrences_of(activity, start=START, end=END):
    return Activity.objects.filter(pk=activity.pk).occurrences(start, end, include_cancelled=True)


def warnings_for(activity, place, others=(), start=START, end=END):
    """What the rules say about ``activity``'s dates at ``place`` (hours prefetched)."""
    return checks.date_warnings(
        occurrences_of(activity, start, end), location=place, room=activity.room, others=others
    )


def outside(warnings):
    return [w.start.date() for w in warnings if w.hours is not None]


def place_with_hours(**hours):
    place = LocationFactory()
    OpeningHoursFactory(location=place, weekday=1, **hours)
    return Location.objects.with_hours().get(pk=place.pk)


def test_inside_the_opening_hours_is_fine():
    place = place_with_hours()  # Tuesday 08:30–20:00
    schedule = ScheduleFactory(activity__location=place)
    assert warnings_for(schedule.activity, place) == []


def test_an_activity_running_past_closing_time_is_outside():
    place = place_with_hours(closes=datetime.time(11))
    schedule = ScheduleFactory(activity__location=place)  # 10:00–12:00
    warnings = warnings_for(schedule.activity, place)
    assert outside(warnings) == TUESDAYS
    # Once per date, with the day's hours to say why.
    assert [w.hours.day for w in warnings] == TUESDAYS
    with translation.override("nl"):
        assert warnings[0].label == "di 1 dec 2026 10:00–12:00"
        assert warnings[0].reasons(place) == [
            f"Buiten de openingstijden van {place} (die dag open 08:30–11:00)."
        ]
    with translation.override("en"):
        assert warnings[0].label == "Tue 1 Dec 2026 10:00–12:00"
        assert warnings[0].reasons(place) == [
            f"Outside the opening hours of {place} (that day open 08:30–11:00)."
        ]


def test_a_day_without_hours_says_the_place_is_not_open():
    place = place_with_hours()  # open on Tuesdays only
    schedule = ScheduleFactory(activity__location=place, weekdays=[2], count=1)  # Wednesday 2 Dec
    (warning,) = warnings_for(schedule.activity, place)
    with translation.override("nl"):
        assert warning.reasons(place) == [
            f"Buiten de openingstijden: {place} is die dag niet open."
        ]


def test_touching_intervals_count_as_one_opening():
    place = LocationFactory()
    OpeningHoursFactory(location=place, weekday=1, opens=datetime.time(8), closes=datetime.time(11))
    OpeningHoursFactory(
        location=place, weekday=1, opens=datetime.time(11), closes=datetime.time(13)
    )
    place = Location.objects.with_hours().get(pk=place.pk)
    schedule = ScheduleFactory(activity__location=place)
    assert warnings_for(schedule.activity, place) == []


def test_an_evening_until_midnight_fits_hours_until_midnight():
    place = place_with_hours(opens=datetime.time(18), closes=datetime.time(0))
    schedule = ScheduleFactory(
        activity__location=place, start_time=datetime.time(20), end_time=datetime.time(0)
    )
    assert warnings_for(schedule.activity, place) == []


def test_exceptions_holidays_and_cancelled_dates_count():
    place = LocationFactory()  # closed on public holidays (the default)
    OpeningHoursFactory(location=place, weekday=1)
    OpeningHoursFactory(location=place, weekday=4)
    OpeningExceptionFactory(
        location=place,
        start_date=datetime.date(2026, 12, 8),
        kind=OpeningException.Kind.SPECIAL_HOURS,
        opens=datetime.time(13),
        closes=datetime.time(17),
    )
    OpeningExceptionFactory(
        location=place, start_date=datetime.date(2026, 12, 15), reason="Verbouwing"
    )
    OpeningExceptionFactory(location=place, start_date=datetime.date(2026, 12, 22))  # closed
    place = Location.objects.with_hours().get(pk=place.pk)
    schedule = ScheduleFactory(activity__location=place)
    ScheduleFactory(activity=schedule.activity, weekdays=[4], count=4)  # Fridays 4 … 25 Dec
    CancellationFactory(activity=schedule.activity, date=datetime.date(2026, 12, 22))

    warnings = warnings_for(schedule.activity, place)

    # The 8th: open 13:00–17:00 only, the activity is at 10:00. The 15th: closed for the
    # building work, so the date does not go ahead (not "outside the hours" as well). The
    # 22nd: closed too, but the organiser cancelled it already: nothing to say. The 25th is
    # Christmas Day, a public holiday on which the place closes.
    assert [(w.start.date(), bool(w.closure), w.hours is not None) for w in warnings] == [
        (datetime.date(2026, 12, 8), False, True),
        (datetime.date(2026, 12, 15), True, False),
        (datetime.date(2026, 12, 25), True, False),
    ]
    with translation.override("nl"):
        assert warnings[1].reasons(place) == [
            f"{place} is die dag dicht (Verbouwing): deze datum gaat niet door."
        ]
        assert warnings[2].label == "vr 25 dec 2026 10:00–12:00"
        assert warnings[2].reasons(place) == [
            f"{place} is die dag dicht (Eerste kerstdag): deze datum gaat niet door."
        ]


def test_a_place_open_on_holidays_has_no_closed_day():
    place = LocationFactory(closed_on_public_holidays=False)
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday)
    place = Location.objects.with_hours().get(pk=place.pk)
    schedule = ScheduleFactory(activity__location=place, weekdays=[4], count=4)
    assert warnings_for(schedule.activity, place) == []


def test_a_place_without_any_hours_is_not_checked_against_them():
    place = Location.objects.with_hours().get(pk=LocationFactory().pk)
    schedule = ScheduleFactory(activity__location=place, weekdays=[4], count=4)
    # Not "outside the hours" every time; but Christmas Day still closes it.
    assert [(w.start.date(), bool(w.closure)) for w in warnings_for(schedule.activity, place)] == [
        (datetime.date(2026, 12, 25), True)
    ]


def test_summer_time_keeps_the_wall_clock():
    # Sundays 08:00–10:00 around the switch to summer time on 28 March 2027; the place opens
    # at 09:00. The dates are outside the hours by the wall clock on both sides, and named
    # at 08:00, not at 07:00 or 09:00. (28 March 2027 is Easter Sunday too: this place opens
    # on public holidays.)
    place = LocationFactory(closed_on_public_holidays=False)
    OpeningHoursFactory(location=place, weekday=6, opens=datetime.time(9), closes=datetime.time(17))
    place = Location.objects.with_hours().get(pk=place.pk)
    early = ScheduleFactory(
        activity__location=place,
        start_date=datetime.date(2027, 3, 21),
        weekdays=[6],
        start_time=datetime.time(8),
        end_time=datetime.time(10),
        count=3,
    )
    fitting = ScheduleFactory(
        activity__location=place,
        start_date=datetime.date(2027, 3, 21),
        weekdays=[6],
        start_time=datetime.time(9),
        end_time=datetime.time(17),
        count=3,
    )
    start = timezone.make_aware(datetime.datetime(2027, 3, 20))
    end = timezone.make_aware(datetime.datetime(2027, 4, 5))

    with translation.override("nl"):
        labels = [w.label for w in warnings_for(early.activity, place, start=start, end=end)]
    assert labels == [
        "zo 21 mrt 2027 08:00–10:00",
        "zo 28 mrt 2027 08:00–10:00",
        "zo 4 apr 2027 08:00–10:00",
    ]
    assert warnings_for(fitting.activity, place, start=start, end=end) == []


def test_the_rules_read_only_prefetched_data(django_assert_num_queries):
    place = place_with_hours(closes=datetime.time(11))
    found = occurrences_of(ScheduleFactory(activity__location=place).activity)
    with django_assert_num_queries(0):
        warnings = checks.date_warnings(found, location=place, room="")
        assert len(warnings) == 5
        assert warnings[0].reasons(place)


@pytest.mark.parametrize(
    ("room", "other_room", "same"),
    [
        ("", "", True),
        ("Zaal 1", "", True),
        ("", "Keuken", True),
        ("Zaal 1", " zaal  1 ", True),
        ("Zaal 1", "Zaal 2", False),
    ],
)
def test_rooms(room, other_room, same):
    assert checks.same_space(room, other_room) is same


def test_overlapping_activities_in_the_same_room_once_per_date():
    place = LocationFactory()
    mine = ScheduleFactory(activity__location=place, activity__room="Zaal 1").activity
    # 11:00–13:00 on Tuesdays overlaps 10:00–12:00; 12:00–13:00 only touches it.
    clash = ScheduleFactory(
        activity__location=place,
        activity__title="Breiclub",
        activity__room="zaal 1",
        start_time=datetime.time(11),
        end_time=datetime.time(13),
        count=2,
    ).activity
    # Two schedules of one other activity overlapping the same date: still one warning.
    twice = ScheduleFactory(
        activity__location=place,
        activity__title="Taalcafé",
        start_time=datetime.time(9),
        end_time=datetime.time(10, 30),
        count=2,
    ).activity
    ScheduleFactory(
        activity=twice, start_time=datetime.time(11, 30), end_time=datetime.time(12), count=2
    )
    ScheduleFactory(
        activity__location=place, start_time=datetime.time(12), end_time=datetime.time(13)
    )
    ScheduleFactory(activity__location=place, activity__room="Zaal 2")
    CancellationFactory(activity=mine, date=datetime.date(2026, 12, 1))
    place = Location.objects.with_hours().get(pk=place.pk)

    others = Activity.objects.exclude(pk=mine.pk).occurrences(START, END)
    warnings = warnings_for(mine, place, others)

    # 1 December is cancelled; the others run on 1 and 8 December.
    assert [w.start.date() for w in warnings] == [datetime.date(2026, 12, 8)]
    (warning,) = warnings
    assert warning.overlapping_titles == ["Taalcafé", "Breiclub"]
    with translation.override("nl"):
        assert warning.reasons(place) == [
            "Overlapt in dezelfde ruimte met Taalcafé (09:00–10:30), Breiclub (11:00–13:00) "
            "en Taalcafé (11:30–12:00)."
        ]
    assert {o.activity for o in warning.overlaps} == {clash, twice}


@time_machine.travel(datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC), tick=False)
def test_activity_warnings_and_their_summary(django_assert_max_num_queries):
    place = LocationFactory(name="De Magneet")
    for weekday in range(5):
        OpeningHoursFactory(location=place, weekday=weekday, closes=datetime.time(11))
    organiser = OrganisationFactory()
    mine = ScheduleFactory(activity__location=place, activity__organiser=organiser, weekdays=[1, 4])
    ScheduleFactory(activity__location=place, activity__title="Breiclub", count=1)
    stopped = ScheduleFactory(activity__location=place, activity__status="cancelled").activity
    start, end = checks.window()

    with django_assert_max_num_queries(12):
        found = checks.activity_warnings([mine.activity, stopped], start=start, end=end)

    assert list(found) == [mine.activity]
    with translation.override("nl"):
        texts = checks.summarise(found[mine.activity], place)
    assert texts[0] == (
        "2 datums in de komende 90 dagen gaan niet door, omdat De Magneet die dagen dicht is: "
        "vr 25 dec 2026 10:00–12:00 (Eerste kerstdag), vr 1 jan 2027 10:00–12:00 (Nieuwjaarsdag)."
    )
    assert texts[1].startswith(
        "22 datums in de komende 90 dagen vallen buiten de openingstijden van De Magneet: "
        "di 1 dec 2026 10:00–12:00, vr 4 dec 2026 10:00–12:00, di 8 dec 2026 10:00–12:00,"
    )
    assert texts[1].endswith("en nog 17.")
    assert texts[2] == (
        "1 datum overlapt met een andere gepubliceerde activiteit in dezelfde ruimte "
        "(Breiclub): di 1 dec 2026 10:00–12:00."
    )
    assert len(texts) == 3


def test_the_number_of_queries_does_not_grow_with_the_activities(django_assert_max_num_queries):
    places = [LocationFactory() for _ in range(3)]
    # Three at each place, starting an hour apart and two hours long: each overlaps another.
    activities = [
        ScheduleFactory(
            activity__location=places[n % 3], start_time=datetime.time(8 + n // 3)
        ).activity
        for n in range(9)
    ]
    with django_assert_max_num_queries(12):
        found = checks.activity_warnings(activities, start=START, end=END)
    assert set(found) == set(activities)
    assert all(len(warnings) == len(TUESDAYS) for warnings in found.values())


def test_occurs_on():
    weekly = ScheduleFactory.build(count=3)  # Tuesdays 1, 8, 15 December
    once = ScheduleFactory.build(
        frequency="once", weekdays=[], start_date=datetime.date(2026, 12, 24)
    )
    assert checks.occurs_on([weekly], datetime.date(2026, 12, 8))
    assert not checks.occurs_on([weekly], datetime.date(2026, 12, 22))
    assert not checks.occurs_on([weekly], datetime.date(2026, 12, 9))
    assert checks.occurs_on([weekly, once], datetime.date(2026, 12, 24))
    assert not checks.occurs_on([], datetime.date(2026, 12, 8))
