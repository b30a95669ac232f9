"""Activities and schedules: validation with clear messages, QuerySet filters."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from activiteiten.models import Activity, Cancellation, Schedule
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    ClusterFactory,
    LocationFactory,
    ScheduleFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

MO, TU, WE, TH, FR, SA, SU = range(7)


def t(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def errors_of(instance) -> dict[str, list[str]]:
    """full_clean()'s messages per field, in English."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as info:
            instance.full_clean()
        return info.value.message_dict


def schedule(activity, **kwargs) -> Schedule:
    """An unsaved schedule: weekly on Tuesday 10:00–12:00 from Tuesday 1 December 2026."""
    values = {
        "activity": activity,
        "start_date": datetime.date(2026, 12, 1),
        "start_time": t("10:00"),
        "end_time": t("12:00"),
        "frequency": Schedule.Frequency.WEEKLY,
        "weekdays": [TU],
    }
    values.update(kwargs)
    return Schedule(**values)


# --- Schedule validation ---------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"interval": 3, "weekdays": [MO, TH], "count": 10},
        {"end_time": t("00:00"), "start_time": t("20:00")},
        {"frequency": "monthly", "weekdays": [FR], "month_week": -1},
        {"frequency": "once", "weekdays": []},
        {"until": datetime.date(2026, 12, 1)},
    ],
)
def test_good_schedules_pass(activity, kwargs):
    schedule(activity, **kwargs).full_clean()


def test_until_before_the_start_date(activity):
    errors = errors_of(schedule(activity, until=datetime.date(2026, 11, 30)))

    assert errors == {"until": ["The last date cannot be before the first date."]}


@pytest.mark.parametrize("end", ["09:00", "10:00"])
def test_end_time_before_start_time(activity, end):
    errors = errors_of(schedule(activity, end_time=t(end)))

    assert errors == {"end_time": ["The end time must be later than the start time."]}


def test_weekly_without_days(activity):
    errors = errors_of(schedule(activity, weekdays=[]))

    assert errors == {"weekdays": ["Choose at least one day."]}


def test_monthly_without_week(activity):
    errors = errors_of(schedule(activity, frequency="monthly"))

    assert errors == {"month_week": ["Choose which week of the month (first, second … last)."]}


def test_weekly_with_a_week_of_the_month(activity):
    errors = errors_of(schedule(activity, month_week=1))

    assert errors == {"month_week": ["The week of the month only applies to a monthly schedule."]}


@pytest.mark.parametrize(
    "kwargs",
    [{"weekdays": [TU]}, {"until": datetime.date(2026, 12, 31)}, {"count": 3}, {"month_week": 1}],
)
def test_once_with_repeat_details(activity, kwargs):
    errors = errors_of(schedule(activity, frequency="once", **{"weekdays": [], **kwargs}))

    assert list(errors) == ["frequency"]
    assert errors["frequency"][0].startswith("A one-off activity has no days, end date")


def test_until_and_count_both(activity):
    errors = errors_of(schedule(activity, until=datetime.date(2026, 12, 31), count=3))

    assert errors == {"count": ["Choose an end date or a number of times, not both."]}


def test_a_schedule_without_any_date(activity):
    # Fridays, from Monday 30 November to Tuesday 1 December 2026: no Friday in between.
    impossible = schedule(
        activity,
        start_date=datetime.date(2026, 11, 30),
        weekdays=[FR],
        until=datetime.date(2026, 12, 1),
    )

    errors = errors_of(impossible)

    assert errors == {
        NON_FIELD_ERRORS: ["This schedule has no dates at all: check the days and the end date."]
    }


def test_several_schedule_errors_are_reported_together(activity):
    errors = errors_of(
        schedule(activity, end_time=t("09:00"), weekdays=[], until=datetime.date(2026, 1, 1))
    )

    assert set(errors) == {"end_time", "weekdays", "until"}


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"weekdays": [7]}, "weekdays"),
        ({"weekdays": [TU, -1]}, "weekdays"),
        ({"frequency": "monthly", "month_week": 0}, "month_week"),
        ({"frequency": "monthly", "month_week": 9}, "month_week"),
        ({"frequency": "yearly"}, "frequency"),
        ({"interval": 0}, "interval"),
        ({"count": 0}, "count"),
    ],
)
def test_out_of_range_values_are_field_errors_not_crashes(activity, kwargs, field):
    errors = errors_of(schedule(activity, **kwargs))

    assert field in errors


def test_missing_times_are_field_errors(activity):
    errors = errors_of(schedule(activity, start_time=None, end_time=None))

    assert set(errors) == {"start_time", "end_time"}


def test_schedule_constraints_are_enforced_by_the_database(activity):
    with pytest.raises(IntegrityError), transaction.atomic():
        schedule(activity, until=datetime.date(2026, 11, 1)).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        schedule(activity, end_time=t("09:00")).save()


def test_one_cancellation_per_activity_and_day(activity):
    CancellationFactory(activity=activity, date=datetime.date(2026, 12, 8))
    duplicate = Cancellation(activity=activity, date=datetime.date(2026, 12, 8))

    assert NON_FIELD_ERRORS in errors_of(duplicate)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


# --- Activity ------------------------------------------------------------------------


def test_a_free_activity_has_no_cost(activity):
    activity.cost = "€ 2"

    assert errors_of(activity) == {
        "cost": ["A free activity has no cost; untick 'free' to give a price."]
    }
    activity.is_free = False
    activity.full_clean()


def test_published_in_cluster_at_location():
    north, south = ClusterFactory(), ClusterFactory()
    here = LocationFactory(cluster=north)
    there = LocationFactory(cluster=south)
    hidden = LocationFactory(cluster=north, published=False)
    coffee = ActivityFactory(location=here)
    walk = ActivityFactory(location=there)
    ActivityFactory(location=here, status=Activity.Status.DRAFT)
    ActivityFactory(location=here, status=Activity.Status.CANCELLED)
    ActivityFactory(location=hidden)

    assert set(Activity.objects.published()) == {coffee, walk}
    assert set(Activity.objects.published().in_cluster(north)) == {coffee}
    assert set(Activity.objects.published().at_location(there)) == {walk}


def test_running_between():
    place = LocationFactory()
    past = ScheduleFactory(
        activity=ActivityFactory(location=place, title="Voorbij"), until=datetime.date(2026, 12, 6)
    )
    current = ScheduleFactory(activity=ActivityFactory(location=place, title="Loopt"))
    ScheduleFactory(activity=current.activity, weekdays=[TH])  # a second schedule: no duplicate
    later = ScheduleFactory(
        activity=ActivityFactory(location=place, title="Later"),
        start_date=datetime.date(2027, 1, 4),
    )
    ActivityFactory(location=place, title="Zonder schema")

    found = list(
        Activity.objects.running_between(datetime.date(2026, 12, 7), datetime.date(2026, 12, 31))
    )

    assert found == [current.activity]
    assert set(
        Activity.objects.running_between(datetime.date(2026, 12, 6), datetime.date(2027, 1, 4))
    ) == {past.activity, current.activity, later.activity}


def test_vocabulary_names_follow_the_language():
    theme = ThemeFactory(name="Eenzaamheid", name_en="Loneliness", slug="eenzaamheid")

    with translation.override("en"):
        assert str(theme) == "Loneliness"
    with translation.override("nl"):
        assert str(theme) == "Eenzaamheid"
