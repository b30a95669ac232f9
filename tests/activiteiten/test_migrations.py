"""Data migrations, run on rows made in the state before them.

Each test migrates back to just before a migration, makes rows with the models of that
state (what an older installation holds), migrates forward again and checks the rows.
Transactional: migrations change the tables themselves.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from activiteiten import schedules
from activiteiten.models import Activity, Cancellation, Schedule
from locaties.models import Location, OpeningException
from ontmoeting.dates import EARLIEST_DATE, LATEST_DATE

DAY = datetime.timedelta(days=1)
T = datetime.time
BEFORE_THE_RANGE = [("activiteiten", "0004_schedule_last_date"), ("locaties", "0002_history")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_older_rows_into_the_range():
    """The forms took any year before; the migration that adds the constraints first moves
    such rows into the range, keeping every date inside it as it was."""
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE_THE_RANGE)
    old = executor.loader.project_state(BEFORE_THE_RANGE).apps
    cluster = old.get_model("clusters", "Cluster").objects.create(number=1, name="Noord", slug="n")
    place = old.get_model("locaties", "Location").objects.create(
        name="Huis",
        slug="huis",
        kind="house",
        cluster=cluster,
        last_verified=datetime.date(1, 1, 1),
    )
    exception = old.get_model("locaties", "OpeningException").objects
    christmas = exception.create(
        location=place, start_date=datetime.date(2026, 12, 24), end_date=datetime.date(9999, 12, 31)
    )
    long_ago = exception.create(
        location=place, start_date=datetime.date(1990, 1, 1), end_date=datetime.date(1990, 1, 2)
    )
    organiser = old.get_model("locaties", "Organisation").objects.create(name="Alifa", slug="a")
    activity = old.get_model("activiteiten", "Activity").objects.create(
        title="Koffie",
        slug="koffie",
        organiser=organiser,
        location=place,
        last_verified=datetime.date(9999, 12, 31),
    )
    make = old.get_model("activiteiten", "Schedule").objects.create
    tuesdays = {"start_time": T(10), "end_time": T(12), "weekdays": [1]}
    forever = make(
        activity=activity,
        start_date=datetime.date(2026, 12, 1),
        until=datetime.date(9999, 12, 31),
        **tuesdays,
    )
    end_of_time = make(
        activity=activity,
        frequency="once",
        start_date=datetime.date(9999, 12, 31),
        start_time=T(23),
        end_time=T(0),
    )
    # Every other Tuesday from the year 26 (a typing error for 2026) on, without end.
    year_26 = make(activity=activity, start_date=datetime.date(26, 12, 1), interval=2, **tuesdays)
    # Five Tuesdays from 7 December 1999: four of them in 1999.
    five = make(activity=activity, start_date=datetime.date(1999, 12, 7), count=5, **tuesdays)
    cancellations = old.get_model("activiteiten", "Cancellation").objects
    kept = cancellations.create(activity=activity, date=datetime.date(2026, 12, 8))
    cancellations.create(activity=activity, date=datetime.date(9999, 12, 28))
    every_other = schedules.rule(year_26)
    from_2000 = every_other.xafter(datetime.datetime(2000, 1, 1), count=30)

    executor = MigrationExecutor(connection)
    executor.migrate(leaves)

    forever = Schedule.objects.get(pk=forever.pk)
    assert (forever.start_date, forever.until, forever.last_date) == (
        datetime.date(2026, 12, 1),
        LATEST_DATE,
        LATEST_DATE,
    )
    end_of_time = Schedule.objects.get(pk=end_of_time.pk)
    assert (end_of_time.start_date, end_of_time.last_date) == (LATEST_DATE, LATEST_DATE)
    year_26 = Schedule.objects.get(pk=year_26.pk)
    assert EARLIEST_DATE <= year_26.start_date < EARLIEST_DATE + 14 * DAY
    assert list(schedules.rule(year_26).xafter(datetime.datetime(2000, 1, 1), count=30)) == list(
        from_2000
    )
    five = Schedule.objects.get(pk=five.pk)
    assert (five.start_date, five.count, five.last_date) == (
        datetime.date(2000, 1, 4),
        1,
        datetime.date(2000, 1, 4),
    )
    assert list(Cancellation.objects.values_list("pk", flat=True)) == [kept.pk]
    assert Activity.objects.get(pk=activity.pk).last_verified is None
    assert Location.objects.get(pk=place.pk).last_verified is None
    christmas = OpeningException.objects.get(pk=christmas.pk)
    assert (christmas.start_date, christmas.end_date) == (datetime.date(2026, 12, 24), LATEST_DATE)
    long_ago = OpeningException.objects.get(pk=long_ago.pk)
    assert (long_ago.start_date, long_ago.end_date) == (EARLIEST_DATE, EARLIEST_DATE)


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_older_activities_their_week_slots():
    before = [("activiteiten", "0011_activity_slug_not_a_page")]
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    cluster = old.get_model("clusters", "Cluster").objects.create(number=1, name="Noord", slug="n")
    kind = old.get_model("locaties", "LocationKind").objects.create(slug="huis", name_nl="Huis")
    place = old.get_model("locaties", "Location").objects.create(
        name="Huis", slug="huis", kind=kind, cluster=cluster
    )
    organiser = old.get_model("locaties", "Organisation").objects.create(name="Alifa", slug="a")
    make_activity = old.get_model("activiteiten", "Activity").objects.create
    coffee = make_activity(title="Koffie", slug="koffie", organiser=organiser, location=place)
    quiet = make_activity(title="Stil", slug="stil", organiser=organiser, location=place)
    old.get_model("activiteiten", "Schedule").objects.create(
        activity=coffee,
        frequency="once",
        start_date=datetime.date(2026, 12, 5),  # a Saturday
        start_time=T(14),
        end_time=T(16),
    )

    executor = MigrationExecutor(connection)
    executor.migrate(leaves)

    assert Activity.objects.get(pk=coffee.pk).week_slots == [16, 22]
    assert Activity.objects.get(pk=quiet.pk).week_slots == []
    assert list(Activity.objects.scheduled_on(days=[5], parts=["afternoon"])) == [
        Activity.objects.get(pk=coffee.pk)
    ]
