"""The stored week slots: always those of the activity's schedules.

The triggers of migration 0012 keep them; these tests take every way schedules change
(saves, bulk writes, queryset updates, deletions, a move to another activity, a stale
activity saved over them) and check that the stored slots (``ActivityQuerySet.scheduled_on``)
find exactly the activities the schedules' own filter (``filters.matching_schedules``)
finds, for every choice of days and parts of the day.
"""

import datetime
import threading
import time

import pytest
from django.db import connection, transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from activiteiten.filters import matching_schedules
from activiteiten.models import Activity, Schedule
from activiteiten.schedules import ANY_DAY, PART_BOUNDS, week_slots
from tests.conftest import examples
from tests.factories import ActivityFactory, ScheduleFactory

pytestmark = pytest.mark.django_db

PARTS = list(PART_BOUNDS)
CHOICES_OF_DAYS = [(), *[(day,) for day in range(7)], (1, 5), tuple(range(7))]
CHOICES_OF_PARTS = [(), *[(part,) for part in PARTS], ("morning", "evening"), tuple(PARTS)]


def assert_slots_current():
    assert Activity.objects.exists(), "no activities to compare"
    for days in CHOICES_OF_DAYS:
        for parts in CHOICES_OF_PARTS:
            if not days and not parts:
                continue
            expected = Activity.objects.with_schedule_in(matching_schedules(days, parts))
            found = Activity.objects.scheduled_on(days, parts)
            assert set(found) == set(expected), (days, parts)


def slots_of(activity) -> list[int]:
    return Activity.objects.values_list("week_slots", flat=True).get(pk=activity.pk)


def test_the_slots_of_a_choice():
    assert week_slots(days=[1], parts=["morning"]) == [3]
    assert week_slots(days=[1]) == [3, 4, 5]
    assert week_slots(parts=["evening", "morning"]) == [ANY_DAY * 3, ANY_DAY * 3 + 2]
    assert week_slots(days=[6, 0], parts=["afternoon"]) == [1, 19]


def test_a_weekly_schedule_and_a_one_off_give_their_days_and_part():
    activity = ActivityFactory()
    assert slots_of(activity) == []
    ScheduleFactory(activity=activity)  # Tuesdays 10:00
    assert slots_of(activity) == [3, 21]
    ScheduleFactory(
        activity=activity,
        frequency=Schedule.Frequency.ONCE,
        weekdays=[],
        start_date=datetime.date(2026, 12, 5),  # a Saturday
        start_time=datetime.time(17, 0),
        end_time=datetime.time(18, 0),
    )
    assert slots_of(activity) == [3, 17, 21, 23]
    assert_slots_current()


@pytest.mark.parametrize(
    ("start", "part"),
    [("00:00", 0), ("11:59", 0), ("12:00", 1), ("16:59", 1), ("17:00", 2), ("23:30", 2)],
)
def test_the_part_of_the_day_is_that_of_the_start_time(start, part):
    hour, minute = map(int, start.split(":"))
    schedule = ScheduleFactory(
        weekdays=[0], start_time=datetime.time(hour, minute), end_time=datetime.time(0, 0)
    )
    assert slots_of(schedule.activity) == [part, ANY_DAY * 3 + part]
    assert_slots_current()


def test_changing_moving_and_deleting_schedules_keep_the_slots():
    first, second = ActivityFactory(), ActivityFactory()
    schedule = ScheduleFactory(activity=first)
    schedule.weekdays = [4]
    schedule.start_time = datetime.time(19, 0)
    schedule.end_time = datetime.time(21, 0)
    schedule.save()
    assert slots_of(first) == [14, 23]
    schedule.activity = second
    schedule.save()
    assert (slots_of(first), slots_of(second)) == ([], [14, 23])
    schedule.delete()
    assert slots_of(second) == []
    ScheduleFactory(activity=first)
    assert_slots_current()


def test_bulk_writes_and_queryset_updates_keep_the_slots():
    activities = ActivityFactory.create_batch(3)
    Schedule.objects.bulk_create(
        [
            Schedule(
                activity=activity,
                start_date=datetime.date(2026, 12, 1),
                start_time=datetime.time(10, 0),
                end_time=datetime.time(0, 0),
                frequency=Schedule.Frequency.WEEKLY,
                weekdays=[day],
            )
            for day, activity in enumerate(activities)
        ]
    )
    assert [slots_of(a) for a in activities] == [[0, 21], [3, 21], [6, 21]]
    Schedule.objects.filter(activity=activities[0]).update(start_time=datetime.time(13, 0))
    assert slots_of(activities[0]) == [1, 22]
    Schedule.objects.filter(activity=activities[1]).delete()
    assert slots_of(activities[1]) == []
    assert_slots_current()


def test_an_activity_saved_with_old_slots_keeps_those_of_its_schedules():
    # The admin saves the activity it read before its inlines wrote the schedules; an
    # import may write the column itself. The trigger reads the schedules either way.
    activity = ActivityFactory()
    stale = Activity.objects.get(pk=activity.pk)
    ScheduleFactory(activity=activity)
    stale.title = "Koffie en een praatje"
    stale.save()
    assert slots_of(activity) == [3, 21]
    Activity.objects.filter(pk=activity.pk).update(week_slots=[0, 1, 2])
    assert slots_of(activity) == [3, 21]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE activiteiten_activity SET week_slots = '{}'")
    assert slots_of(activity) == [3, 21]


def test_deleting_an_activity_deletes_its_schedules_without_error():
    schedule = ScheduleFactory()
    other = ScheduleFactory(weekdays=[6])
    schedule.activity.delete()
    assert list(Activity.objects.all()) == [other.activity]
    assert slots_of(other.activity) == [18, 21]


@pytest.mark.django_db(transaction=True)
def test_schedules_added_at_the_same_moment_in_two_transactions_both_count():
    # Two people add a schedule to one activity at once. The second waits for the first's
    # lock on the activity, and must then read the schedules the first committed meanwhile:
    # the triggers' function runs after the wait, with a snapshot of its own.
    activity = ActivityFactory()
    first_wrote, first_may_commit = threading.Event(), threading.Event()
    errors = []

    def add(weekday, *, hold=False):
        try:
            with transaction.atomic():
                ScheduleFactory(activity=activity, weekdays=[weekday])
                if hold:
                    first_wrote.set()
                    first_may_commit.wait(30)
        except Exception as exc:  # reported below, in the test's own thread
            errors.append(exc)
        finally:
            connection.close()

    first = threading.Thread(target=add, args=(0,), kwargs={"hold": True})
    first.start()
    assert first_wrote.wait(30)
    second = threading.Thread(target=add, args=(2,))
    second.start()
    deadline = time.monotonic() + 30
    while not (waited := waiting_for_a_lock()) and time.monotonic() < deadline:
        time.sleep(0.05)
    first_may_commit.set()
    first.join(30)
    second.join(30)
    assert waited, "the second transaction never waited for the first"
    assert not errors
    assert slots_of(activity) == [0, 6, 21]


def waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_emptying_the_schedules_table_empties_the_slots():
    schedule = ScheduleFactory()
    with connection.cursor() as cursor:
        # The foreign keys' checks wait for the commit; TRUNCATE would not run before them.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE activiteiten_schedule CASCADE")
    assert slots_of(schedule.activity) == []
    assert_slots_current()


def test_the_triggers_work_with_an_empty_search_path():
    # As a data-only restore (pg_dump's output) runs them: its SET search_path = ''
    # would otherwise leave them without the tables, the text-search configuration and
    # the other functions they name.
    schedule = ScheduleFactory()
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema(), current_setting('search_path')")
        schema, search_path = cursor.fetchone()
        cursor.execute("SET search_path = ''")
        try:
            cursor.execute(
                f"UPDATE {schema}.activiteiten_schedule SET weekdays = '{{4}}' WHERE id = %s",
                [schedule.pk],
            )
            cursor.execute(
                f"UPDATE {schema}.activiteiten_activity SET title = 'Taalcafé' WHERE id = %s",
                [schedule.activity_id],
            )
        finally:
            cursor.execute("SELECT set_config('search_path', %s, false)", [search_path])
    assert slots_of(schedule.activity) == [12, 21]
    assert Activity.objects.search("taalcafe").get() == schedule.activity


TIMES = [datetime.time(h, m) for h, m in [(0, 0), (9, 30), (11, 59), (12, 0), (16, 59), (17, 0)]]
SCHEDULES = st.fixed_dictionaries(
    {
        "frequency": st.sampled_from(Schedule.Frequency.values),
        "weekdays": st.lists(st.integers(0, 6), max_size=3, unique=True),
        "start_date": st.dates(datetime.date(2026, 11, 30), datetime.date(2026, 12, 6)),
        "start_time": st.sampled_from(TIMES),
    }
)


@settings(max_examples=examples(25), deadline=None)
@given(st.lists(st.lists(SCHEDULES, max_size=3), min_size=1, max_size=4))
def test_any_schedules_give_the_slots_of_the_schedule_filter(activities):
    Activity.objects.all().delete()
    for schedules in activities:
        activity = ActivityFactory()
        for values in schedules:
            ScheduleFactory(activity=activity, end_time=datetime.time(0, 0), **values)
    assert_slots_current()
