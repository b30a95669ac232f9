"""locaties.opening.state: open or closed at a moment, until when, supervised, the next
opening, in words; over midnight and the switches of daylight saving time."""

import datetime

import pytest
import time_machine
from django.utils import timezone, translation

from locaties import opening
from tests.factories import LocationFactory, OpeningExceptionFactory, OpeningHoursFactory
from tests.locaties.opening.helpers import AMS, UTC, add_hours, at, describe_en, t

pytestmark = pytest.mark.django_db


def test_open_during_the_day_closes_at_closing_time(norm_place):
    state = opening.state_at(norm_place, at(2026, 11, 23, 12))  # a Monday

    assert state.is_open
    assert state.supervised
    assert state.closes_at == at(2026, 11, 23, 20)
    assert state.supervised_until == at(2026, 11, 23, 20)
    assert state.next_opening is None
    assert state.reason == opening.Reason.REGULAR
    assert describe_en(state) == "Open · closes at 20:00"
    with translation.override("nl"):
        dutch = opening.describe_state(state)
    assert dutch.startswith("Open · ")
    assert dutch.endswith(" 20:00")


@time_machine.travel(at(2026, 11, 23, 12, 15), tick=False)
def test_state_now_uses_the_clock(norm_place):
    state = norm_place.state_at(timezone.now())

    assert state.is_open
    assert state.moment == at(2026, 11, 23, 12, 15)
    assert state.moment.utcoffset() == datetime.timedelta(hours=1)


def test_before_opening_the_next_opening_is_today(norm_place):
    state = opening.state_at(norm_place, at(2026, 11, 23, 7, 0))

    assert not state.is_open
    assert not state.supervised
    assert state.closes_at is None
    assert state.next_opening == at(2026, 11, 23, 8, 30)
    assert describe_en(state) == "Closed · opens today at 08:30"


def test_after_closing_the_next_opening_is_tomorrow(norm_place):
    state = opening.state_at(norm_place, at(2026, 11, 23, 21, 0))

    assert not state.is_open
    assert state.next_opening == at(2026, 11, 24, 8, 30)
    assert describe_en(state) == "Closed · opens tomorrow at 08:30"


def test_opening_time_is_inclusive_and_closing_time_exclusive(norm_place):
    assert opening.state_at(norm_place, at(2026, 11, 23, 8, 30)).is_open
    assert not opening.state_at(norm_place, at(2026, 11, 23, 8, 29, 59)).is_open
    assert opening.state_at(norm_place, at(2026, 11, 23, 19, 59, 59)).is_open
    closed = opening.state_at(norm_place, at(2026, 11, 23, 20, 0))
    assert not closed.is_open
    assert closed.next_opening == at(2026, 11, 24, 8, 30)


def test_next_opening_later_in_the_week_names_the_weekday():
    place = LocationFactory()
    add_hours(place, "09:00", "17:00", days=[1, 4])  # Tuesday and Friday

    state = opening.state_at(place, at(2026, 11, 24, 18, 0))  # Tuesday evening

    assert state.next_opening == at(2026, 11, 27, 9, 0)
    assert describe_en(state) == "Closed · opens on Friday at 09:00"
    with translation.override("nl"):
        dutch = opening.describe_state(state)
    # No Dutch catalogue of our own yet: only the structure and Django's day name.
    assert "vrijdag" in dutch
    assert "09:00" in dutch


def test_a_place_without_hours_is_not_open_and_says_its_hours_are_not_known():
    place = LocationFactory()

    state = opening.state_at(place, at(2026, 11, 23, 12))

    assert not state.is_open
    assert state.next_opening is None
    assert describe_en(state) == "Opening hours not known"
    with translation.override("nl"):
        assert opening.describe_state(state) == "Openingstijden niet bekend"


def test_a_place_closed_for_good_says_closed():
    """A place with hours that stays closed beyond the look-ahead (a long closure) is closed."""
    place = LocationFactory()
    OpeningHoursFactory(location=place, weekday=0)
    OpeningExceptionFactory(
        location=place,
        start_date=datetime.date(2026, 11, 1),
        end_date=datetime.date(2028, 1, 1),
    )

    state = opening.state_at(place, at(2026, 11, 23, 12))

    assert state.next_opening is None
    assert describe_en(state) == "Closed"


# --- Several intervals a day -----------------------------------------------------------


def test_lunch_break_closes_and_reopens():
    place = LocationFactory()
    add_hours(place, "08:30", "12:00")
    add_hours(place, "13:00", "20:00")

    morning = opening.state_at(place, at(2026, 11, 23, 11, 0))
    lunch = opening.state_at(place, at(2026, 11, 23, 12, 30))

    assert morning.is_open
    assert morning.closes_at == at(2026, 11, 23, 12, 0)
    assert not lunch.is_open
    assert lunch.next_opening == at(2026, 11, 23, 13, 0)
    assert describe_en(lunch) == "Closed · opens today at 13:00"
    assert opening.hours_on(place, datetime.date(2026, 11, 23)).intervals == (
        opening.Interval(t("08:30"), t("12:00"), True),
        opening.Interval(t("13:00"), t("20:00"), True),
    )


def test_touching_intervals_merge_and_supervision_has_its_own_end():
    place = LocationFactory()
    add_hours(place, "08:30", "12:00", supervised=True)
    add_hours(place, "12:00", "13:00", supervised=False)
    add_hours(place, "13:00", "20:00", supervised=True)

    morning = opening.state_at(place, at(2026, 11, 23, 10, 0))
    lunch = opening.state_at(place, at(2026, 11, 23, 12, 30))
    afternoon = opening.state_at(place, at(2026, 11, 23, 13, 0))

    assert morning.is_open
    assert morning.supervised
    assert morning.closes_at == at(2026, 11, 23, 20, 0)
    assert morning.supervised_until == at(2026, 11, 23, 12, 0)
    assert lunch.is_open
    assert not lunch.supervised
    assert lunch.supervised_until is None
    assert lunch.closes_at == at(2026, 11, 23, 20, 0)
    assert afternoon.supervised
    assert afternoon.supervised_until == at(2026, 11, 23, 20, 0)


def test_unsupervised_opening_hours():
    place = LocationFactory()
    add_hours(place, "18:00", "22:00", supervised=False)

    state = opening.state_at(place, at(2026, 11, 23, 19, 0))

    assert state.is_open
    assert not state.supervised
    assert state.supervised_until is None
    assert state.closes_at == at(2026, 11, 23, 22, 0)


# --- Midnight --------------------------------------------------------------------------


def test_interval_ending_at_midnight():
    place = LocationFactory()
    add_hours(place, "18:00", "00:00", days=[4])  # Friday
    add_hours(place, "10:00", "16:00", days=[5])  # Saturday

    late = opening.state_at(place, at(2026, 11, 27, 23, 59))
    after = opening.state_at(place, at(2026, 11, 28, 0, 0))

    assert late.is_open
    assert late.closes_at == at(2026, 11, 28, 0, 0)
    assert describe_en(late) == "Open · closes at 00:00"
    assert not after.is_open
    assert after.next_opening == at(2026, 11, 28, 10, 0)
    assert describe_en(after) == "Closed · opens today at 10:00"


def test_a_run_continues_past_midnight_into_the_next_day():
    place = LocationFactory()
    add_hours(place, "18:00", "00:00", days=[4], supervised=True)  # Friday
    add_hours(place, "00:00", "02:00", days=[5], supervised=False)  # Saturday night

    friday = opening.state_at(place, at(2026, 11, 27, 23, 0))
    saturday = opening.state_at(place, at(2026, 11, 28, 1, 0))

    assert friday.is_open
    assert friday.closes_at == at(2026, 11, 28, 2, 0)
    assert friday.supervised_until == at(2026, 11, 28, 0, 0)
    assert describe_en(friday) == "Open · closes tomorrow at 02:00"
    assert saturday.is_open
    assert not saturday.supervised
    assert saturday.closes_at == at(2026, 11, 28, 2, 0)
    assert describe_en(saturday) == "Open · closes at 02:00"


def test_easter_sunday_2027_is_also_the_spring_dst_switch(norm_place):
    state = opening.state_at(norm_place, at(2027, 3, 28, 12, 0))

    assert not state.is_open
    assert state.note == "Eerste paasdag"
    # Easter Monday too; Tuesday 30 March opens at 08:30 summer time.
    assert state.next_opening == at(2027, 3, 30, 8, 30)
    assert state.next_opening.utcoffset() == datetime.timedelta(hours=2)


def test_a_place_that_never_closes_has_no_closing_time():
    place = LocationFactory()
    add_hours(place, "00:00", "00:00", supervised=False)

    state = opening.state_at(place, at(2026, 11, 23, 3, 0))

    assert state.is_open
    assert state.closes_at is None
    assert describe_en(state) == "Open"


def test_closing_at_a_later_midnight_is_not_tonight():
    place = LocationFactory()
    add_hours(place, "08:00", "00:00", days=[0])
    add_hours(place, "00:00", "00:00", days=[1])

    state = opening.state_at(place, at(2026, 11, 23, 20, 0))  # Monday

    assert state.closes_at == at(2026, 11, 25, 0, 0)
    assert describe_en(state) == "Open · closes on Wednesday at 00:00"


# --- Daylight saving time ---------------------------------------------------------------

# Last Sunday of March 2027 (clocks go forward) and of October 2026 (clocks go back).
# 28 March 2027 is also Easter Sunday: these tests use a place that opens on holidays.
SPRING_SUNDAY = datetime.date(2027, 3, 28)
AUTUMN_SUNDAY = datetime.date(2026, 10, 25)


@pytest.mark.parametrize(
    ("day", "offset_before", "offset_after"),
    [(SPRING_SUNDAY, 1, 2), (AUTUMN_SUNDAY, 2, 1)],
)
def test_wall_clock_hours_hold_on_both_sides_of_a_dst_switch(
    holiday_place, day, offset_before, offset_after
):
    saturday = day - datetime.timedelta(days=1)
    for date, offset in ((saturday, offset_before), (day, offset_after)):
        opens = datetime.datetime.combine(date, t("08:30"), tzinfo=AMS)
        state = opening.state_at(holiday_place, opens)
        assert state.is_open
        assert state.closes_at == datetime.datetime.combine(date, t("20:00"), tzinfo=AMS)
        assert state.closes_at.utcoffset() == datetime.timedelta(hours=offset)
        assert f"{state.closes_at:%H:%M}" == "20:00"
        assert not opening.state_at(holiday_place, opens - datetime.timedelta(seconds=1)).is_open


def test_next_opening_over_the_spring_switch_keeps_local_time(holiday_place):
    state = opening.state_at(holiday_place, at(2027, 3, 27, 21, 0))

    assert state.next_opening == at(2027, 3, 28, 8, 30)
    assert state.next_opening.astimezone(UTC) == datetime.datetime(2027, 3, 28, 6, 30, tzinfo=UTC)
    assert describe_en(state) == "Closed · opens tomorrow at 08:30"


def test_a_moment_given_in_utc_is_converted_to_local_time(holiday_place):
    # 06:30 UTC is 08:30 summer time on 28 March 2027, but 07:30 on 27 March (winter time).
    spring = opening.state_at(holiday_place, datetime.datetime(2027, 3, 28, 6, 30, tzinfo=UTC))
    saturday = opening.state_at(holiday_place, datetime.datetime(2027, 3, 27, 6, 30, tzinfo=UTC))
    # 07:29 UTC is 08:29 winter time on 25 October 2026: not open yet.
    autumn = opening.state_at(holiday_place, datetime.datetime(2026, 10, 25, 7, 29, tzinfo=UTC))

    assert spring.is_open
    assert spring.moment.tzinfo == AMS
    assert spring.closes_at == datetime.datetime(2027, 3, 28, 18, 0, tzinfo=UTC)
    assert not saturday.is_open
    assert saturday.next_opening == datetime.datetime(2027, 3, 27, 7, 30, tzinfo=UTC)
    assert not autumn.is_open
    assert autumn.next_opening == datetime.datetime(2026, 10, 25, 7, 30, tzinfo=UTC)


def test_a_night_interval_over_the_autumn_switch():
    place = LocationFactory()
    add_hours(place, "00:00", "04:00", days=[6], supervised=False)  # Sunday night

    # 02:30 happens twice on 25 October 2026; both are inside 00:00–04:00.
    first = opening.state_at(place, datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC))
    second = opening.state_at(place, datetime.datetime(2026, 10, 25, 1, 30, tzinfo=UTC))

    assert f"{first.moment:%H:%M}" == f"{second.moment:%H:%M}" == "02:30"
    assert first.is_open
    assert second.is_open
    assert first.closes_at == second.closes_at == at(2026, 10, 25, 4, 0)
