"""The agenda's SQL (activiteiten/agenda.py) gives exactly the dates dateutil gives.

schedules.occurrences_of is the reference: generated schedules of every kind, with end
dates, counts, intervals, cancelled dates and times around midnight and in the night of a
daylight-saving change, at places with generated closures (closed days, special hours,
public holidays), over generated periods, must come out the same from both.
"""

import dataclasses
import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from activiteiten import agenda, schedules
from activiteiten.models import Activity, Schedule
from activiteiten.schedules import PartOfDay, part_of_day
from activiteiten.services import agenda_dates_extend
from locaties.models import OpeningException
from locaties.opening import public_holiday
from tests.conftest import examples
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    OpeningExceptionFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db

# The nights clocks change in the Netherlands: 29 March and 25 October 2026, 28 March 2027.
DST_DAYS = [datetime.date(2026, 3, 29), datetime.date(2026, 10, 25), datetime.date(2027, 3, 28)]
NIGHT_MINUTES = [m for m in range(0, 24 * 60, 15) if m < 4 * 60]
# Christmas 2026, Ascension Day 2026 and King's Day 2027 (Easter 2027 is at a DST change).
HOLIDAYS = [datetime.date(2026, 12, 25), datetime.date(2026, 5, 14), datetime.date(2027, 4, 27)]


def local(day: datetime.date, minutes: int) -> datetime.datetime:
    naive = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(minutes=minutes)
    return timezone.make_aware(naive)


days_near_changes = st.builds(
    lambda base, offset: base + datetime.timedelta(days=offset),
    st.sampled_from(DST_DAYS),
    st.integers(-40, 10),
)
days_near_holidays = st.builds(
    lambda base, offset: base + datetime.timedelta(days=offset),
    st.sampled_from(HOLIDAYS),
    st.integers(-6, 2),
)
any_day = st.dates(datetime.date(2026, 1, 1), datetime.date(2027, 6, 30))
start_minutes = st.one_of(
    st.sampled_from(NIGHT_MINUTES), st.integers(0, 24 * 4 - 1).map(lambda q: q * 15)
)


@st.composite
def schedule_values(draw):
    start_minute = draw(start_minutes)
    start_time = datetime.time(start_minute // 60, start_minute % 60)
    # 23:45 can only end at midnight.
    if (draw(st.booleans()) and start_minute) or start_minute + 15 >= 24 * 60:
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
            days_near_holidays,
        )
    )
    start = local(day, draw(st.integers(0, 24 * 60 - 1)))
    return start, start + datetime.timedelta(hours=draw(st.integers(1, 24 * 10)))


@st.composite
def exception_values(draw):
    """A closed day or days, or special hours, near the period; reasons that may repeat."""
    kind = draw(st.sampled_from(OpeningException.Kind.values))
    values = {
        "offset": draw(st.integers(-3, 11)),
        "length": draw(st.sampled_from([0, 0, 1, 3])),
        "kind": kind,
        "reason": draw(st.sampled_from(["", "Verbouwing", "Kerst"])),
    }
    if kind == OpeningException.Kind.SPECIAL_HOURS:
        values["opens"], values["closes"] = datetime.time(10), datetime.time(14)
    return values


def key(occurrence):
    # Instants: in the hour skipped in spring, Python says "02:00+01:00" where PostgreSQL
    # says "03:00+02:00", the same moment.
    return (
        occurrence.schedule.pk,
        occurrence.start.timestamp(),
        occurrence.end.timestamp(),
        occurrence.cancelled,
        occurrence.cancellation_reason,
        occurrence.place_closed,
        occurrence.closure_reason,
    )


@settings(
    max_examples=examples(200),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    values=st.lists(schedule_values(), min_size=1, max_size=2),
    data=st.data(),
    cancelled_offsets=st.lists(st.integers(-1, 10), max_size=2, unique=True),
    closures=st.lists(exception_values(), max_size=3),
    closed_on_holidays=st.booleans(),
    days=st.one_of(st.just(set()), st.sets(st.integers(0, 6), min_size=1, max_size=4)),
    parts=st.one_of(st.just(set()), st.sets(st.sampled_from(PartOfDay.values), min_size=1)),
)
@pytest.mark.parametrize("stored", [False, True], ids=["computed", "stored"])
def test_the_sql_agenda_gives_the_dates_dateutil_gives(
    stored, values, data, cancelled_offsets, closures, closed_on_holidays, days, parts
):
    activity = ActivityFactory(
        location=LocationFactory(closed_on_public_holidays=closed_on_holidays)
    )
    for schedule in values:
        ScheduleFactory(activity=activity, **schedule)
    start, end = data.draw(windows(near=values[0]["start_date"]))
    first_day = timezone.localdate(start)
    for offset in cancelled_offsets:
        CancellationFactory(activity=activity, date=first_day + datetime.timedelta(days=offset))
    for closure in closures:
        begins = first_day + datetime.timedelta(days=closure.pop("offset"))
        OpeningExceptionFactory(
            location=activity.location,
            start_date=begins,
            end_date=begins + datetime.timedelta(days=closure.pop("length")),
            **closure,
        )
    activity = Activity.objects.for_display().with_closures().get(pk=activity.pk)
    if stored:  # the dates kept in the table, for a horizon around the period
        agenda_dates_extend(today=first_day, days=12, rebuild=True)

    expected = [
        o
        for o in schedules.occurrences_of([activity], start, end, include_cancelled=True)
        if (not days or timezone.localtime(o.start).weekday() in days)
        and (not parts or part_of_day(timezone.localtime(o.start).time()) in parts)
    ]
    found = agenda.occurrences(
        Activity.objects.filter(pk=activity.pk), start, end, days=days, parts=parts
    )
    found_list = list(found)
    assert found.stored is stored

    event(f"dates: {min(len(expected), 3)}{'+' if len(expected) > 3 else ''}")
    event(f"closed dates: {min(sum(o.place_closed for o in expected), 2)}")
    assert [key(o) for o in found_list] == [key(o) for o in expected]
    assert len(found) == len(expected)
    # Counted no further than a limit, in the database: the same dates, cut there.
    limit = data.draw(st.integers(0, 4), label="limit")
    fresh = agenda.occurrences(
        Activity.objects.filter(pk=activity.pk), start, end, days=days, parts=parts
    )
    assert fresh.count(limit=limit) == min(len(expected), limit)


@settings(
    max_examples=examples(100),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    weekdays=st.sets(st.integers(0, 6), min_size=3),
    first_day=st.one_of(days_near_holidays, any_day),
    length=st.integers(7, 14),
    closures=st.lists(exception_values(), max_size=4),
    closed_on_holidays=st.booleans(),
    country=st.sampled_from(["NL", "NL", "BE", "DE"]),
    cancelled_offsets=st.lists(st.integers(0, 13), max_size=2, unique=True),
)
def test_the_sql_agenda_marks_the_closed_days_python_marks(
    weekdays, first_day, length, closures, closed_on_holidays, country, cancelled_offsets
):
    """Many dates, many closures: the agenda's SQL and closure_on agree on every date.

    The holidays come from the configured country (Belgium closes on 21 July, Germany on
    3 October, the Netherlands on neither).
    """
    from django.test import override_settings

    activity = ActivityFactory(
        location=LocationFactory(closed_on_public_holidays=closed_on_holidays)
    )
    ScheduleFactory(
        activity=activity,
        start_date=first_day - datetime.timedelta(days=30),
        weekdays=sorted(weekdays),
        start_time=datetime.time(23),
        end_time=datetime.time(0),
    )
    for offset in cancelled_offsets:
        CancellationFactory(activity=activity, date=first_day + datetime.timedelta(days=offset))
    for closure in closures:
        begins = first_day + datetime.timedelta(days=closure.pop("offset"))
        OpeningExceptionFactory(
            location=activity.location,
            start_date=begins,
            end_date=begins + datetime.timedelta(days=closure.pop("length")),
            **closure,
        )
    activity = Activity.objects.for_display().with_closures().get(pk=activity.pk)
    start = local(first_day, 0)
    end = local(first_day + datetime.timedelta(days=length), 0)

    with override_settings(PUBLIC_HOLIDAYS_COUNTRY=country):
        expected = schedules.occurrences_of([activity], start, end, include_cancelled=True)
        found = list(agenda.occurrences(Activity.objects.filter(pk=activity.pk), start, end))
        on_holidays = [o for o in expected if public_holiday(o.date)]

    event(f"closed dates: {min(sum(o.place_closed for o in expected), 3)}")
    event(f"holiday dates closed: {min(sum(o.place_closed for o in on_holidays), 1)}")
    assert expected
    assert [key(o) for o in found] == [key(o) for o in expected]


@pytest.mark.parametrize(
    ("country", "day", "closed"),
    [
        ("BE", datetime.date(2027, 7, 21), "Nationale feestdag"),
        ("NL", datetime.date(2027, 7, 21), ""),
        ("NL", datetime.date(2027, 4, 27), "Koningsdag"),
        ("BE", datetime.date(2027, 4, 27), ""),
    ],
)
def test_the_holidays_are_those_of_the_configured_country(settings, country, day, closed):
    settings.PUBLIC_HOLIDAYS_COUNTRY = country
    ScheduleFactory(start_date=day, weekdays=[day.weekday()], activity__location__name="Plek")
    (occurrence,) = agenda.occurrences(Activity.objects.all(), local(day, 0), local(day, 24 * 60))
    assert occurrence.place_closed == bool(closed)
    assert closed in occurrence.closure_reason


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
    (found,) = agenda.occurrences(Activity.objects.all(), start, start + datetime.timedelta(days=1))
    assert found.start.isoformat() == "2026-10-25T02:30:00+02:00"
    assert found.end.isoformat() == "2026-10-25T03:30:00+01:00"


def test_pages_are_counted_and_cut_in_the_database(django_assert_num_queries):
    listed = twelve_dates_a_week()
    with django_assert_num_queries(2):  # whether the dates are stored, then the count
        assert len(listed) == 12
    with django_assert_num_queries(2):  # the page's rows, then its schedules and activities
        page = listed[10:20]
    assert [o.start.hour for o in page] == [18, 19]
    assert listed[0].start.hour == 8
    with pytest.raises(IndexError):
        listed[12]


def twelve_dates_a_week():
    for hour in range(8, 20):
        ScheduleFactory(start_time=datetime.time(hour), end_time=datetime.time(hour, 30))
    return the_week()


def the_week():
    start = local(datetime.date(2026, 12, 7), 0)
    return agenda.occurrences(
        Activity.objects.published(), start, start + datetime.timedelta(days=7)
    )


def test_an_empty_agenda_is_known_from_a_count_of_one():
    assert not the_week()
    ScheduleFactory()
    assert the_week()


@pytest.mark.parametrize("stored", [False, True], ids=["computed", "stored"])
def test_a_page_is_read_with_one_date_more_and_nothing_is_counted(
    stored, django_assert_num_queries
):
    if stored:
        agenda_dates_extend(today=datetime.date(2026, 12, 6), days=12, rebuild=True)
    listed = twelve_dates_a_week()
    pages = agenda.AgendaPaginator(listed, 5, max_pages=2)
    with django_assert_num_queries(3):  # whether the dates are stored, the dates, their activities
        page = pages.get_page("1")
    assert listed.stored is stored
    assert [o.start.hour for o in page] == [8, 9, 10, 11, 12]
    assert (pages.count, pages.more_than, pages.num_pages, pages.has_more) == (None, 5, None, False)
    assert (page.has_previous(), page.has_next(), page.next_page_number()) == (False, True, 2)

    # The last page allowed, with dates after it: there are more than these pages show.
    page = pages.get_page("2")
    assert [o.start.hour for o in page] == [13, 14, 15, 16, 17]
    assert (pages.count, pages.more_than, pages.num_pages, pages.has_more) == (None, 10, 2, True)
    assert (page.has_previous(), page.has_next(), page.previous_page_number()) == (True, False, 1)


def test_where_the_dates_end_their_number_is_known(django_assert_num_queries):
    twelve_dates_a_week()
    pages = agenda.AgendaPaginator(the_week(), 5, max_pages=3)
    page = pages.get_page(3)
    assert [o.start.hour for o in page] == [18, 19]
    assert (pages.count, pages.more_than, pages.num_pages, pages.has_more) == (12, None, 3, False)
    assert (page.has_next(), page.has_other_pages()) == (False, True)

    pages = agenda.AgendaPaginator(the_week(), 20, max_pages=2)
    with django_assert_num_queries(3):
        page = pages.get_page(None)
    assert (pages.count, pages.num_pages, page.has_other_pages()) == (12, 1, False)
    assert len(page) == 12


@pytest.mark.parametrize(
    ("asked", "shown"),
    [(None, 1), ("", 1), ("een", 1), ("1.5", 1), ("0", 1), ("-2", 1), ("3", 3), ("99", 3)],
)
def test_the_page_asked_for_is_one_that_can_be_shown(asked, shown):
    """Not a whole number from 1: the first page; past ``max_pages``: the last of those."""
    twelve_dates_a_week()
    assert agenda.AgendaPaginator(the_week(), 2, max_pages=3).get_page(asked).number == shown


def test_an_old_link_past_the_dates_shows_the_last_page(django_assert_num_queries):
    twelve_dates_a_week()
    pages = agenda.AgendaPaginator(the_week(), 5, max_pages=10)
    # Whether stored, the empty page, a count as far as that page, the last page (its dates
    # and their activities).
    with django_assert_num_queries(5):
        page = pages.get_page("7")
    assert page.number == 3
    assert [o.start.hour for o in page] == [18, 19]
    assert pages.count == 12

    # Exactly full pages: the last is the one where the dates end.
    pages = agenda.AgendaPaginator(the_week(), 6, max_pages=10)
    page = pages.get_page("4")
    assert (page.number, len(page), pages.count, page.has_next()) == (2, 6, 12, False)


def test_rows_read_as_values_show_what_the_models_show(django_assert_num_queries):
    """The agenda's page reads its rows as values (rows=True): the same dates, marks and
    words as the models other pages read, and the same HTML written from them."""
    from activiteiten.templatetags.agenda import agenda_days

    place = LocationFactory(name="Wijkhuis 't Oosten", cluster__name="Oost & West")
    monday = datetime.date(2026, 12, 7)
    ScheduleFactory(
        activity=ActivityFactory(title="Koffie", location=place, is_free=True),
        weekdays=[0, 2],
        until=datetime.date(2027, 2, 1),
    )
    ScheduleFactory(
        activity=ActivityFactory(title="Yoga <zacht>", support_need_welcome=True),
        frequency="monthly",
        month_week=2,
        weekdays=[1],
        count=6,
    )
    once = ScheduleFactory(frequency="once", start_date=monday + datetime.timedelta(days=3))
    CancellationFactory(activity=once.activity, date=once.start_date, reason="Ziek")
    weekly = ScheduleFactory(interval=2, weekdays=[4, 5])
    OpeningExceptionFactory(
        location=weekly.activity.location,
        start_date=monday + datetime.timedelta(days=4),
        reason="Verbouwing",
    )
    start = local(monday, 0)
    period = (Activity.objects.published(), start, start + datetime.timedelta(days=14))

    models = agenda.occurrences(*period)[0:100]
    with django_assert_num_queries(3):  # stored or not, the dates, then their rows
        rows = agenda.occurrences(*period, rows=True)[0:100]

    assert len(rows) == len(models) >= 8
    marks = lambda o: (o.start, o.end, o.cancelled, o.cancellation_reason, o.closure_reason)  # noqa: E731
    assert [marks(o) for o in rows] == [marks(o) for o in models]
    assert {o.schedule.repeats for o in rows} == {o.schedule.repeats for o in models}
    assert agenda_days(rows, monday) == agenda_days(models, monday)


def test_a_schedule_row_holds_the_fields_of_the_rule_in_their_order():
    """schedule_rows() fills a ScheduleRow from its columns by position."""
    names = [field.name for field in dataclasses.fields(agenda.ScheduleRow)]
    assert names == ["pk", "last_date", *schedules.FIELDS]
    assert agenda.ROW_COLUMNS[: len(names)] == ("pk", "last_date", *schedules.FIELDS)
