"""The agenda's SQL (activiteiten/agenda.py) gives exactly the dates dateutil gives.

schedules.occurrences_of is the reference: generated schedules of every kind, with end
dates, counts, intervals, cancelled dates and times around midnight and in the night of a
daylight-saving change, over generated periods, must come out the same from both.
"""

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from activiteiten import schedules
from activiteiten.filters import PartOfDay, part_of_day
from activiteiten.models import Activity, Schedule
from tests.factories import ActivityFactory, CancellationFactory, ScheduleFactory

pytestmark = pytest.mark.django_db

# The nights clocks change in the Netherlands: 29 March and 25 October 2026, 28 March 2027.
DST_DAYS = [datetime.date(2026, 3, 29), datetime.date(2026, 10, 25), datetime.date(2027, 3, 28)]
NIGHT_MINUTES = [m for m in range(0, 24 * 60, 15) if m < 4 * 60]


def local(day: datetime.date, minutes: int) -> datetime.datetime:
    naive = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(minutes=minutes)
    return timezone.make_aware(naive)


days_near_changes = st.builds(
    lambda base, offset: base + datetime.timedelta(days=offset),
    st.sampled_from(DST_DAYS),
    st.integers(-40, 10),
)
any_day = st.dates(datetime.date(2026, 1, 1), datetime.date(2027, 6, 30))
start_minutes = st.one_of(
    st.sampled_from(NIGHT_MINUTES), st.integers(0, 24 * 4 - 1).map(lambda q: q * 15)
)


@st.composite
def schedule_values(draw):
    start_minute = draw(start_minutes)
    start_time = datetime.time(start_minute // 60, start_minute % 60)
    if draw(st.booleans()) and start_minute:
        end_time = datetime.time(0, 0)  # to midnight
    else:
        end_minute = draw(st.integers(start_minute + 15, 24 * 60 - 1))
        end_time = datetime.time(end_minute // 60, end_minute % 60)
    values = {
        "start_date": draw(st.one_of(days_near_changes, any_day)),
        "start_time": start_time,
        "end_time": end_time,
        "frequency": draw(st.sampled_from(Schedule.Frequency.values)),
    }
    if values["frequency"] == Schedule.Frequency.ONCE:
        return values
    values["weekdays"] = sorted(draw(st.sets(st.integers(0, 6), min_size=1, max_size=3)))
    values["interval"] = draw(st.sampled_from([1, 1, 2, 3]))
    if values["frequency"] == Schedule.Frequency.MONTHLY:
        values["month_week"] = draw(st.sampled_from(Schedule.MonthWeek.values))
    ending = draw(st.sampled_from(["none", "until", "count"]))
    if ending == "until":
        values["until"] = values["start_date"] + datetime.timedelta(days=draw(st.integers(0, 200)))
    elif ending == "count":
        values["count"] = draw(st.integers(1, 60))
    return values


@st.composite
def windows(draw, near: datetime.date):
    """A period of up to ten days, mostly in the first months of the schedule, or at a change."""
    day = draw(
        st.one_of(
            st.integers(-2, 60).map(lambda n: near + datetime.timedelta(days=n)),
            st.integers(-2, 60).map(lambda n: near + datetime.timedelta(days=n)),
            days_near_changes,
        )
    )
    start = local(day, draw(st.integers(0, 24 * 60 - 1)))
    return start, start + datetime.timedelta(hours=draw(st.integers(1, 24 * 10)))


def key(occurrence):
    # Instants: in the hour skipped in spring, Python says "02:00+01:00" where PostgreSQL
    # says "03:00+02:00", the same moment.
    return (
        occurrence.schedule.pk,
        occurrence.start.timestamp(),
        occurrence.end.timestamp(),
        occurrence.cancelled,
        occurrence.cancellation_reason,
    )


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    values=st.lists(schedule_values(), min_size=1, max_size=2),
    data=st.data(),
    cancelled_offsets=st.lists(st.integers(-1, 10), max_size=2, unique=True),
    days=st.one_of(st.just(set()), st.sets(st.integers(0, 6), min_size=1, max_size=4)),
    parts=st.one_of(st.just(set()), st.sets(st.sampled_from(PartOfDay.values), min_size=1)),
)
def test_the_sql_agenda_gives_the_dates_dateutil_gives(
    values, data, cancelled_offsets, days, parts
):
    activity = ActivityFactory()
    for schedule in values:
        ScheduleFactory(activity=activity, **schedule)
    start, end = data.draw(windows(near=values[0]["start_date"]))
    for offset in cancelled_offsets:
        CancellationFactory(
            activity=activity, date=timezone.localdate(start) + datetime.timedelta(days=offset)
        )
    activity = Activity.objects.for_display().get(pk=activity.pk)

    expected = [
        o
        for o in schedules.occurrences_of([activity], start, end, include_cancelled=True)
        if (not days or timezone.localtime(o.start).weekday() in days)
        and (not parts or part_of_day(timezone.localtime(o.start).time()) in parts)
    ]
    found = Activity.objects.filter(pk=activity.pk).agenda(start, end, days=days, parts=parts)

    event(f"dates: {min(len(expected), 3)}{'+' if len(expected) > 3 else ''}")
    assert [key(o) for o in found] == [key(o) for o in expected]
    assert len(found) == len(expected)


def test_a_time_that_occurs_twice_is_read_as_the_first(django_assert_num_queries):
    """02:30 on 25 October 2026 happens in summer time and again in winter time."""
    ScheduleFactory(
        start_date=DST_DAYS[1],
        start_time=datetime.time(2, 30),
        end_time=datetime.time(3, 30),
        frequency=Schedule.Frequency.ONCE,
        weekdays=[],
    )
    start = local(DST_DAYS[1], 0)
    (found,) = Activity.objects.agenda(start, start + datetime.timedelta(days=1))
    assert found.start.isoformat() == "2026-10-25T02:30:00+02:00"
    assert found.end.isoformat() == "2026-10-25T03:30:00+01:00"


def test_pages_are_counted_and_cut_in_the_database(django_assert_num_queries):
    for hour in range(8, 20):
        ScheduleFactory(start_time=datetime.time(hour), end_time=datetime.time(hour, 30))
    start = local(datetime.date(2026, 12, 7), 0)
    agenda = Activity.objects.published().agenda(start, start + datetime.timedelta(days=7))
    with django_assert_num_queries(1):
        assert len(agenda) == 12
    with django_assert_num_queries(2):  # the page's rows, then its schedules and activities
        page = agenda[10:20]
    assert [o.start.hour for o in page] == [18, 19]
    assert agenda[0].start.hour == 8
    with pytest.raises(IndexError):
        agenda[12]
