"""locaties.opening.hours: what changes a day's weekly hours (public holidays, exceptions),
the closed days that stop activities, and overlapping intervals."""

import datetime

import pytest

from locaties import opening
from locaties.models import OpeningException
from tests.factories import LocationFactory, OpeningExceptionFactory
from tests.locaties.opening.helpers import AMS, WEEKDAYS, add_hours, at, describe_en, t

pytestmark = pytest.mark.django_db


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


# --- Overlap helper --------------------------------------------------------------------


def test_find_overlap_allows_touching_intervals():
    morning = opening.Interval(t("08:30"), t("12:00"))
    afternoon = opening.Interval(t("12:00"), t("20:00"))
    late = opening.Interval(t("19:00"), t("00:00"))

    assert opening.find_overlap([afternoon, morning]) is None
    assert opening.find_overlap([morning, afternoon, late]) == (afternoon, late)
