"""The "now" engine: open or closed, until when, supervised, next opening, in words."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone, translation

from locaties import opening
from locaties.models import OpeningException
from tests.factories import (
    LocationFactory,
    LocationKindFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
)

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC
EVERY_DAY = range(7)
WEEKDAYS = range(5)


def at(year, month, day, hour=0, minute=0, second=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=AMS)


def t(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def add_hours(location, opens, closes, *, days=EVERY_DAY, supervised=True):
    for weekday in days:
        OpeningHoursFactory(
            location=location,
            weekday=weekday,
            opens=t(opens),
            closes=t(closes),
            supervised=supervised,
        )


def describe_en(state) -> str:
    with translation.override("en"):
        return opening.describe_state(state)


@pytest.fixture
def holiday_place():
    """Open every day 08:30–20:00, public holidays included."""
    place = LocationFactory(closed_on_public_holidays=False)
    add_hours(place, "08:30", "20:00")
    return place


@pytest.fixture
def norm_place():
    """Open and supervised every day 08:30–20:00, closed on public holidays (the default)."""
    place = LocationFactory()
    add_hours(place, "08:30", "20:00")
    return place


# --- Ordinary days -------------------------------------------------------------------


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


# --- Public holidays -----------------------------------------------------------------


def test_kings_day_2027_closes_a_place_closed_on_holidays(norm_place):
    state = opening.state_at(norm_place, at(2027, 4, 27, 12, 0))  # a Tuesday

    assert not state.is_open
    assert state.reason == opening.Reason.HOLIDAY
    assert state.note == "Koningsdag"
    assert state.next_opening == at(2027, 4, 28, 8, 30)
    assert describe_en(state) == "Closed · opens tomorrow at 08:30"


def test_kings_day_2025_was_on_saturday_because_the_27th_was_a_sunday(norm_place):
    assert opening.public_holiday(datetime.date(2025, 4, 26)) == "Koningsdag"
    assert opening.public_holiday(datetime.date(2025, 4, 27)) == ""

    saturday = opening.hours_on(norm_place, datetime.date(2025, 4, 26))
    sunday = opening.hours_on(norm_place, datetime.date(2025, 4, 27))

    assert saturday.is_closed
    assert saturday.reason == opening.Reason.HOLIDAY
    assert not sunday.is_closed
    assert sunday.reason == opening.Reason.REGULAR


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (datetime.date(2026, 12, 25), "Eerste kerstdag"),
        (datetime.date(2026, 12, 26), "Tweede kerstdag"),
    ],
)
def test_christmas_closes_a_place_closed_on_holidays(norm_place, day, name):
    state = opening.state_at(norm_place, datetime.datetime.combine(day, t("12:00"), tzinfo=AMS))

    assert not state.is_open
    assert state.reason == opening.Reason.HOLIDAY
    assert state.note == name
    assert state.next_opening == at(2026, 12, 27, 8, 30)


def test_christmas_leaves_a_place_open_that_opens_on_holidays():
    place = LocationFactory(closed_on_public_holidays=False)
    add_hours(place, "08:30", "20:00")

    state = opening.state_at(place, at(2026, 12, 25, 12, 0))

    assert state.is_open
    assert state.reason == opening.Reason.REGULAR
    assert state.note == "Eerste kerstdag"
    assert state.closes_at == at(2026, 12, 25, 20, 0)


def test_next_opening_skips_the_christmas_days(norm_place):
    state = opening.state_at(norm_place, at(2026, 12, 24, 21, 0))

    assert state.next_opening == at(2026, 12, 27, 8, 30)
    assert describe_en(state) == "Closed · opens on Sunday at 08:30"


def test_week_hours_apply_holidays(norm_place):
    week = opening.week_hours(norm_place, datetime.date(2026, 12, 21))

    assert [d.day for d in week] == [datetime.date(2026, 12, 21 + n) for n in range(7)]
    assert [d.is_closed for d in week] == [False, False, False, False, True, True, False]
    assert [d.reason for d in week][4:6] == [opening.Reason.HOLIDAY, opening.Reason.HOLIDAY]
    assert week[0].intervals == (opening.Interval(t("08:30"), t("20:00"), True),)


# --- Exceptions ------------------------------------------------------------------------


def test_a_closed_range_overrides_the_weekly_hours_and_next_opening_skips_it(norm_place):
    OpeningExceptionFactory(
        location=norm_place,
        start_date=datetime.date(2026, 11, 24),
        end_date=datetime.date(2026, 11, 26),
        reason="Verbouwing",
    )

    for day in (24, 25, 26):
        hours = opening.hours_on(norm_place, datetime.date(2026, 11, day))
        assert hours.is_closed
        assert hours.reason == opening.Reason.EXCEPTION
        assert hours.note == "Verbouwing"
    state = opening.state_at(norm_place, at(2026, 11, 23, 21, 0))
    during = opening.state_at(norm_place, at(2026, 11, 25, 12, 0))

    assert state.next_opening == at(2026, 11, 27, 8, 30)
    assert describe_en(state) == "Closed · opens on Friday at 08:30"
    assert not during.is_open
    assert during.reason == opening.Reason.EXCEPTION
    assert during.note == "Verbouwing"
    assert opening.state_at(norm_place, at(2026, 11, 27, 8, 30)).is_open


def test_a_long_closure_names_the_date_of_reopening(norm_place):
    OpeningExceptionFactory(
        location=norm_place,
        start_date=datetime.date(2026, 7, 1),
        end_date=datetime.date(2026, 7, 31),
        reason="Zomersluiting",
    )

    state = opening.state_at(norm_place, at(2026, 7, 10, 12, 0))

    assert state.next_opening == at(2026, 8, 1, 8, 30)
    assert describe_en(state) == "Closed · opens on 1 August at 08:30"


def test_special_hours_on_a_normal_day(norm_place):
    OpeningExceptionFactory(
        location=norm_place,
        start_date=datetime.date(2026, 11, 25),
        kind=OpeningException.Kind.SPECIAL_HOURS,
        opens=t("10:00"),
        closes=t("14:00"),
        supervised=False,
        reason="Teamdag",
    )

    noon = opening.state_at(norm_place, at(2026, 11, 25, 12, 0))
    morning = opening.state_at(norm_place, at(2026, 11, 25, 9, 0))
    afternoon = opening.state_at(norm_place, at(2026, 11, 25, 15, 0))

    assert noon.is_open
    assert not noon.supervised
    assert noon.closes_at == at(2026, 11, 25, 14, 0)
    assert noon.reason == opening.Reason.EXCEPTION
    assert noon.note == "Teamdag"
    assert not morning.is_open
    assert morning.next_opening == at(2026, 11, 25, 10, 0)
    assert not afternoon.is_open
    assert afternoon.next_opening == at(2026, 11, 26, 8, 30)


def test_special_hours_on_a_public_holiday_override_the_holiday_closure(norm_place):
    OpeningExceptionFactory(
        location=norm_place,
        start_date=datetime.date(2027, 4, 27),
        kind=OpeningException.Kind.SPECIAL_HOURS,
        opens=t("10:00"),
        closes=t("16:00"),
        supervised=True,
        reason="Koningsdagmarkt",
    )

    state = opening.state_at(norm_place, at(2027, 4, 27, 11, 0))
    early = opening.state_at(norm_place, at(2027, 4, 27, 9, 0))

    assert state.is_open
    assert state.supervised
    assert state.closes_at == at(2027, 4, 27, 16, 0)
    assert state.reason == opening.Reason.EXCEPTION
    assert not early.is_open
    assert early.next_opening == at(2027, 4, 27, 10, 0)


def test_special_hours_inside_a_closed_range_open_that_day(norm_place):
    OpeningExceptionFactory(
        location=norm_place,
        start_date=datetime.date(2026, 12, 28),
        end_date=datetime.date(2027, 1, 3),
        reason="Kerstsluiting",
    )
    OpeningExceptionFactory(
        location=norm_place,
        start_date=datetime.date(2026, 12, 31),
        kind=OpeningException.Kind.SPECIAL_HOURS,
        opens=t("10:00"),
        closes=t("14:00"),
        reason="Oliebollen",
    )

    hours = opening.hours_on(norm_place, datetime.date(2026, 12, 31))

    assert hours.intervals == (opening.Interval(t("10:00"), t("14:00"), False),)
    assert hours.note == "Kerstsluiting; Oliebollen"
    assert opening.state_at(norm_place, at(2026, 12, 28, 12)).next_opening == at(2026, 12, 31, 10)


def test_a_place_closed_beyond_the_lookahead_has_no_next_opening(norm_place):
    OpeningExceptionFactory(
        location=norm_place,
        start_date=datetime.date(2026, 11, 1),
        end_date=datetime.date(2028, 12, 31),
        reason="Nieuwbouw",
    )

    state = opening.state_at(norm_place, at(2026, 11, 23, 12))

    assert state.next_opening is None
    assert describe_en(state) == "Closed"


# --- Closed days: the rule for activities ---------------------------------------------


def closure(place, day):
    """closure_on as a (reason, note) pair, reading the place as a page would (prefetched)."""
    from locaties.models import Location

    found = opening.closure_on(Location.objects.with_hours().get(pk=place.pk), day)
    return None if found is None else (found.reason, found.note)


def test_christmas_closes_a_place_that_closes_on_public_holidays(norm_place):
    assert closure(norm_place, datetime.date(2026, 12, 25)) == (
        opening.Reason.HOLIDAY,
        "Eerste kerstdag",
    )
    assert closure(norm_place, datetime.date(2027, 4, 27)) == (opening.Reason.HOLIDAY, "Koningsdag")


def test_a_holiday_does_not_close_a_place_that_opens_on_holidays(holiday_place):
    assert closure(holiday_place, datetime.date(2026, 12, 25)) is None


def test_a_closed_exception_closes_the_place_with_its_reason(norm_place):
    OpeningExceptionFactory(
        location=norm_place,
        start_date=datetime.date(2026, 12, 28),
        end_date=datetime.date(2027, 1, 3),
        reason="Kerstsluiting",
    )
    assert closure(norm_place, datetime.date(2026, 12, 27)) is None
    assert closure(norm_place, datetime.date(2026, 12, 28)) == (
        opening.Reason.EXCEPTION,
        "Kerstsluiting",
    )
    # New Year's Day is a holiday too, but the exception covering it decides and names it.
    assert closure(norm_place, datetime.date(2027, 1, 1)) == (
        opening.Reason.EXCEPTION,
        "Kerstsluiting",
    )
    assert closure(norm_place, datetime.date(2027, 1, 4)) is None


def test_special_hours_mean_open_even_on_a_holiday_or_in_a_closed_range(norm_place):
    OpeningExceptionFactory(
        location=norm_place,
        start_date=datetime.date(2026, 12, 20),
        end_date=datetime.date(2026, 12, 31),
        reason="Kerstsluiting",
    )
    for day in (datetime.date(2026, 12, 25), datetime.date(2027, 4, 27)):
        OpeningExceptionFactory(
            location=norm_place,
            start_date=day,
            kind=OpeningException.Kind.SPECIAL_HOURS,
            opens=t("10:00"),
            closes=t("14:00"),
            reason="Kerstdiner" if day.month == 12 else "Koningsdagmarkt",
        )
    assert closure(norm_place, datetime.date(2026, 12, 25)) is None
    assert closure(norm_place, datetime.date(2027, 4, 27)) is None
    assert closure(norm_place, datetime.date(2026, 12, 24)) is not None


def test_a_day_without_weekly_hours_is_not_a_closed_day():
    """No hours on Sunday is the editor's "outside the opening hours" warning, not a closure."""
    place = LocationFactory()
    add_hours(place, "08:30", "20:00", days=WEEKDAYS)
    assert opening.hours_on(place, datetime.date(2026, 11, 29)).is_closed  # a Sunday
    assert closure(place, datetime.date(2026, 11, 29)) is None


def test_the_reasons_of_overlapping_closures_are_named_once_in_date_order(norm_place):
    for start, reason in [(3, "Verbouwing"), (1, "Schoonmaak"), (2, "Verbouwing"), (2, "")]:
        OpeningExceptionFactory(
            location=norm_place,
            start_date=datetime.date(2026, 12, start),
            end_date=datetime.date(2026, 12, 5),
            reason=reason,
        )
    assert closure(norm_place, datetime.date(2026, 12, 4)) == (
        opening.Reason.EXCEPTION,
        "Schoonmaak; Verbouwing",
    )
    assert opening.hours_on(norm_place, datetime.date(2026, 12, 4)).note == "Schoonmaak; Verbouwing"


def test_closure_on_reads_only_the_prefetched_exceptions(norm_place, django_assert_num_queries):
    from locaties.models import Location

    OpeningExceptionFactory(location=norm_place, start_date=datetime.date(2026, 12, 28))
    place = Location.objects.with_hours().get(pk=norm_place.pk)
    with django_assert_num_queries(0):
        assert opening.closure_on(place, datetime.date(2026, 12, 28)) is not None
        assert opening.closure_on(place, datetime.date(2026, 12, 25)) is not None


# --- The norm ----------------------------------------------------------------------------


def test_a_place_with_the_norm_hours_meets_the_norm(norm_place):
    check = opening.norm_check(norm_place)

    assert check.meets_norm
    assert check.missing == {}
    assert check.missing_hours == ()
    assert check.covered_fraction == 1.0
    assert check.norm_minutes == 7 * (20 * 60 - (8 * 60 + 30))


def test_longer_hours_also_meet_the_norm():
    place = LocationFactory()
    add_hours(place, "07:00", "12:00")
    add_hours(place, "12:00", "00:00")

    assert opening.norm_check(place).meets_norm


def test_no_hours_on_sunday_misses_the_norm():
    place = LocationFactory()
    add_hours(place, "08:30", "20:00", days=range(6))

    check = opening.norm_check(place)

    assert not check.meets_norm
    assert check.missing == {6: ((510, 1200),)}
    assert check.missing_hours == tuple((6, hour) for hour in range(8, 20))
    assert check.covered_fraction == pytest.approx(6 / 7)


def test_an_unsupervised_lunch_break_is_reported_as_missing_hours():
    place = LocationFactory()
    add_hours(place, "08:30", "12:00")
    add_hours(place, "12:00", "13:00", supervised=False)
    add_hours(place, "13:00", "20:00")

    check = opening.norm_check(place)

    assert not check.meets_norm
    assert check.missing == dict.fromkeys(EVERY_DAY, ((720, 780),))
    assert check.missing_hours == tuple((day, 12) for day in EVERY_DAY)
    assert check.covered_fraction == pytest.approx(1 - 60 / 690)


def test_partial_hours_mark_every_touched_hour():
    place = LocationFactory()
    add_hours(place, "09:00", "19:30")

    check = opening.norm_check(place)

    assert check.missing[0] == ((510, 540), (1170, 1200))
    assert [hour for day, hour in check.missing_hours if day == 0] == [8, 19]


def test_norm_check_with_another_norm():
    place = LocationFactory()
    add_hours(place, "09:00", "17:00", days=WEEKDAYS)

    norm = opening.Norm(weekdays=(0, 1, 2, 3, 4), opens=t("09:00"), closes=t("17:00"))

    assert opening.norm_check(place, norm).meets_norm
    assert not opening.norm_check(place).meets_norm


def office_hours_kind(*, supervised=True):
    """A village hall: Monday to Friday 09:00–17:00, as Noordenveld's places are open."""
    return LocationKindFactory(
        slug="dorpshuis",
        norm_weekdays=list(WEEKDAYS),
        norm_opens=t("09:00"),
        norm_closes=t("17:00"),
        norm_supervised=supervised,
    )


def test_the_norm_is_that_of_the_places_kind():
    place = LocationFactory(kind=office_hours_kind())
    add_hours(place, "09:00", "17:00", days=WEEKDAYS)

    check = opening.norm_check(place)

    assert opening.location_norm(place) == opening.Norm((0, 1, 2, 3, 4), t("09:00"), t("17:00"))
    assert check.meets_norm
    assert check.norm_minutes == 5 * 8 * 60


def test_a_weekdays_only_norm_ignores_the_weekend_and_counts_each_weekday():
    place = LocationFactory(kind=office_hours_kind())
    add_hours(place, "09:00", "12:00", days=WEEKDAYS)  # mornings only
    # Closed at the weekend: the norm does not ask for it.

    check = opening.norm_check(place)

    assert not check.meets_norm
    assert set(check.missing) == set(WEEKDAYS)
    assert check.missing[0] == ((720, 1020),)
    assert {day for day, _hour in check.missing_hours} == set(WEEKDAYS)
    assert [hour for day, hour in check.missing_hours if day == 0] == [12, 13, 14, 15, 16]
    assert check.covered_fraction == pytest.approx(3 / 8)


def test_a_norm_without_supervision_counts_every_open_hour():
    place = LocationFactory(kind=office_hours_kind(supervised=False))
    add_hours(place, "09:00", "17:00", days=WEEKDAYS, supervised=False)

    assert opening.norm_check(place).meets_norm
    # The same hours miss a norm that asks for supervision.
    supervised = opening.Norm((0, 1, 2, 3, 4), t("09:00"), t("17:00"), supervised=True)
    assert opening.norm_check(place, supervised).covered_fraction == 0


def test_a_kind_without_a_norm_has_no_pass_and_no_fail():
    place = LocationFactory(kind=LocationKindFactory(slug="bibliotheek"))
    add_hours(place, "10:00", "16:00")

    assert place.kind.norm is None
    assert opening.location_norm(place) is None
    assert opening.norm_check(place) is None


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (range(7), "every day"),
        (range(5), "Monday to Friday"),
        ((0, 2, 4), "Monday, Wednesday and Friday"),
        ((5, 6), "Saturday and Sunday"),
        ((0, 1, 2, 5), "Monday to Wednesday and Saturday"),
    ],
)
def test_norm_days_in_words(days, words):
    with translation.override("en"):
        assert opening.describe_weekdays(days) == words


def test_a_norm_in_words_says_whether_it_is_supervised():
    with translation.override("en"):
        supervised = opening.Norm((0, 1, 2, 3, 4), t("09:00"), t("17:00"))
        assert opening.describe_norm(supervised) == "Monday to Friday 09:00–17:00, supervised"
        open_only = opening.Norm((5, 6), t("10:00"), t("00:00"), supervised=False)
        assert opening.describe_norm(open_only) == "Saturday and Sunday 10:00–00:00"
        assert open_only.window == (600, 1440)


# --- Overlap helper --------------------------------------------------------------------


def test_find_overlap_allows_touching_intervals():
    morning = opening.Interval(t("08:30"), t("12:00"))
    afternoon = opening.Interval(t("12:00"), t("20:00"))
    late = opening.Interval(t("19:00"), t("00:00"))

    assert opening.find_overlap([afternoon, morning]) is None
    assert opening.find_overlap([morning, afternoon, late]) == (afternoon, late)
