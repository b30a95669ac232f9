"""The agenda's stored dates follow every change, and the horizon moves on nightly.

Whether a date goes ahead (cancelled, place closed, activity or place hidden) is joined at
query time, so those changes show at once; schedules are written again on every save.
"""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from activiteiten import agenda
from activiteiten.models import Activity, AgendaHorizon, Schedule, ScheduleDate
from activiteiten.services import agenda_dates_extend
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    OpeningExceptionFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db

# Monday 7 December 2026, 09:00 in Amsterdam.
MONDAY = datetime.date(2026, 12, 7)
NOW = timezone.make_aware(datetime.datetime(2026, 12, 7, 9, 0))


def week(start=NOW):
    return start, start + datetime.timedelta(days=7)


def dates(activity=None) -> list[tuple[str, datetime.date]]:
    listed = agenda.occurrences(Activity.objects.published(), *week())
    found = [(o.activity.title, timezone.localdate(o.start)) for o in listed]
    assert listed.stored is True  # these tests are about the stored dates
    return found


@pytest.fixture
def stored():
    """A horizon around the week of NOW, as the nightly command makes it."""
    with time_machine.travel(NOW, tick=False):
        yield agenda_dates_extend(today=MONDAY, days=30)


def tuesday_coffee(title="Koffie", **fields):
    activity = ActivityFactory(title=title, **fields)
    ScheduleFactory(activity=activity, start_date=MONDAY, weekdays=[1])  # Tuesdays 10:00
    return activity


def test_a_saved_schedule_is_stored_at_once(stored):
    tuesday_coffee()
    assert ScheduleDate.objects.count() == 5  # Tuesdays from 8 December to 5 January
    assert dates() == [("Koffie", datetime.date(2026, 12, 8))]


def test_a_changed_schedule_moves_its_dates(stored):
    activity = tuesday_coffee()
    schedule = activity.schedules.get()
    schedule.weekdays = [3]  # Thursdays instead
    schedule.save()
    assert dates() == [("Koffie", datetime.date(2026, 12, 10))]


def test_a_deleted_schedule_or_activity_takes_its_dates_along(stored):
    kept, gone = tuesday_coffee(), tuesday_coffee(title="Yoga")
    gone.schedules.get().delete()
    assert dates() == [("Koffie", datetime.date(2026, 12, 8))]
    kept.delete()
    assert ScheduleDate.objects.count() == 0


def test_cancellations_closures_and_hiding_show_without_a_rebuild(stored):
    activity = tuesday_coffee()
    CancellationFactory(activity=activity, date=datetime.date(2026, 12, 8), reason="Ziek")
    (occurrence,) = agenda.occurrences(Activity.objects.published(), *week())
    assert (occurrence.cancelled, occurrence.cancellation_reason) == (True, "Ziek")
    OpeningExceptionFactory(
        location=activity.location,
        start_date=datetime.date(2026, 12, 8),
        end_date=datetime.date(2026, 12, 8),
        reason="Verbouwing",
    )
    (occurrence,) = agenda.occurrences(Activity.objects.published(), *week())
    assert (occurrence.place_closed, occurrence.closure_reason) == (True, "Verbouwing")
    activity.location.published = False
    activity.location.save()
    assert dates() == []


def test_a_period_outside_the_horizon_is_computed_with_the_same_answer(stored):
    tuesday_coffee()
    later = NOW + datetime.timedelta(days=60)
    listed = agenda.occurrences(Activity.objects.published(), *week(later))
    assert [timezone.localdate(o.start) for o in listed] == [datetime.date(2027, 2, 9)]
    assert listed.stored is False


def test_without_a_horizon_nothing_is_stored_and_the_agenda_computes():
    tuesday_coffee()
    assert ScheduleDate.objects.count() == 0
    listed = agenda.occurrences(Activity.objects.published(), *week())
    assert len(listed) == 1
    assert listed.stored is False


def test_the_night_moves_the_horizon_on(stored):
    tuesday_coffee()
    assert (stored["first_day"], stored["last_day"]) == (
        datetime.date(2026, 12, 5),
        datetime.date(2027, 1, 6),
    )
    result = agenda_dates_extend(today=MONDAY + datetime.timedelta(days=7), days=30)
    assert (result["deleted"], result["added"]) == (1, 1)  # 8 December gone; 12 January
    horizon = AgendaHorizon.objects.get()
    assert (horizon.first_day, horizon.last_day) == (
        datetime.date(2026, 12, 12),
        datetime.date(2027, 1, 13),
    )
    days = sorted(ScheduleDate.objects.values_list("day", flat=True))
    assert days[0] == datetime.date(2026, 12, 15)  # 8 December dropped
    assert days[-1] == datetime.date(2027, 1, 12)
    assert len(days) == 5


def test_the_night_after_a_missed_month_rebuilds(stored):
    tuesday_coffee()
    result = agenda_dates_extend(today=MONDAY + datetime.timedelta(days=60), days=30)
    assert result["deleted"] == 5  # the old horizon's five Tuesdays
    assert result["added"] == 4  # 9 February to 2 March 2027
    assert ScheduleDate.objects.count() == 4


@time_machine.travel(NOW, tick=False)
def test_the_command_stores_the_dates_and_says_so():
    tuesday_coffee()
    Schedule.objects.update(start_time=datetime.time(11))  # bypasses save(): rebuild
    out = io.StringIO()
    call_command("extend_agenda_dates", "--days", "30", "--rebuild", stdout=out)
    assert "2026-12-05" in out.getvalue()
    assert "2027-01-06" in out.getvalue()
    assert "5 added" in out.getvalue()
    (occurrence,) = agenda.occurrences(Activity.objects.published(), *week())
    assert timezone.localtime(occurrence.start).hour == 11
    with pytest.raises(Exception, match="--days"):
        call_command("extend_agenda_dates", "--days", "3", stdout=out)
