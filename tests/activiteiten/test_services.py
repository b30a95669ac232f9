"""Duplicate an activity; restore a deleted one from its history; mark it verified."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from activiteiten import schedules
from activiteiten.models import Activity, Cancellation, Schedule
from activiteiten.services import (
    activity_duplicate,
    activity_mark_verified,
    activity_publish,
    activity_restore,
    activity_unpublish,
    deleted_activities,
)
from ontmoeting import roles
from tests.admin_helpers import staff_client
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    OrganisationFactory,
    PersonFactory,
    ScheduleFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def staff_user(role, **membership):
    client = staff_client(role, **membership)
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


@pytest.fixture
def full_activity():
    activity = ActivityFactory(
        title="Taalcafé",
        slug="taalcafe",
        room="Zaal 1",
        last_verified=datetime.date(2026, 11, 1),
        contact_person=PersonFactory(),
    )
    activity.themes.set([ThemeFactory(), ThemeFactory()])
    activity.target_groups.set([TargetGroupFactory()])
    ScheduleFactory(activity=activity, weekdays=[1, 3], interval=2, count=10)
    ScheduleFactory(
        activity=activity,
        frequency="monthly",
        weekdays=[4],
        month_week=-1,
        until=datetime.date(2027, 6, 30),
    )
    CancellationFactory(activity=activity, date=datetime.date(2026, 12, 8))
    return activity


def schedule_rows(activity):
    return sorted(
        tuple(getattr(s, name) for name in schedules.FIELDS) for s in activity.schedules.all()
    )


# --- Duplicate ----------------------------------------------------------------------


def test_duplicate_copies_schedules_themes_and_groups_as_a_draft(admin_user, full_activity):
    copy = activity_duplicate(activity=full_activity, user=admin_user)

    assert copy.pk != full_activity.pk
    assert copy.title == "Taalcafé (kopie)"
    assert copy.slug == "taalcafe-kopie"
    assert copy.status == Activity.Status.DRAFT
    assert copy.last_verified is None
    for field in ("description", "organiser", "location", "room", "contact_person", "is_free"):
        assert getattr(copy, field) == getattr(full_activity, field), field
    assert set(copy.themes.all()) == set(full_activity.themes.all())
    assert set(copy.target_groups.all()) == set(full_activity.target_groups.all())
    assert schedule_rows(copy) == schedule_rows(full_activity)
    # The original keeps its own rows; cancelled dates are not copied.
    assert full_activity.schedules.count() == 2
    assert not copy.cancellations.exists()
    assert {h.history_user for h in copy.history.all()} == {admin_user}


def test_every_copy_gets_its_own_slug(admin_user, full_activity):
    first = activity_duplicate(activity=full_activity, user=admin_user)
    second = activity_duplicate(activity=full_activity, user=admin_user)
    third = activity_duplicate(activity=first, user=admin_user)
    assert [first.slug, second.slug] == ["taalcafe-kopie", "taalcafe-kopie-2"]
    assert third.title == "Taalcafé (kopie) (kopie)"
    assert len({a.slug for a in Activity.objects.all()}) == 4


def test_a_long_title_still_fits(admin_user):
    activity = ActivityFactory(title="x" * 150, slug="x" * 170)
    copy = activity_duplicate(activity=activity, user=admin_user)
    assert len(copy.title) == 150
    assert copy.title.endswith(" (kopie)")
    assert len(copy.slug) <= 170


def test_duplicate_checks_the_users_organisation(full_activity):
    own = staff_user(roles.WELFARE_WORKER, organisations=[full_activity.organiser])
    other = staff_user(roles.WELFARE_WORKER, organisations=[OrganisationFactory()])
    manager = staff_user(roles.CLUSTER_MANAGER)

    assert activity_duplicate(activity=full_activity, user=own).organiser == full_activity.organiser
    for user in (other, manager):
        with pytest.raises(PermissionDenied):
            activity_duplicate(activity=full_activity, user=user)
    assert Activity.objects.count() == 2


# --- Mark verified ------------------------------------------------------------------


@time_machine.travel(datetime.datetime(2026, 12, 1, 23, 30, tzinfo=datetime.UTC), tick=False)
def test_mark_verified_records_the_local_day_and_who_did_it():
    activity = ActivityFactory(last_verified=datetime.date(2026, 1, 5))
    own = staff_user(roles.WELFARE_WORKER, organisations=[activity.organiser])

    activity_mark_verified(activities=[activity], user=own)

    activity.refresh_from_db()
    # 23:30 UTC is already 2 December in Amsterdam.
    assert activity.last_verified == datetime.date(2026, 12, 2)
    record = activity.history.latest()
    assert record.history_user == own
    assert record.last_verified == datetime.date(2026, 12, 2)


def test_mark_verified_checks_the_users_rights():
    activity = ActivityFactory(last_verified=datetime.date(2026, 1, 5))
    other = staff_user(roles.WELFARE_WORKER, organisations=[OrganisationFactory()])
    manager = staff_user(roles.CLUSTER_MANAGER)
    municipality = staff_user(roles.MUNICIPALITY)

    for user in (other, manager, municipality):
        with pytest.raises(PermissionDenied):
            activity_mark_verified(activities=[activity], user=user)
    activity.refresh_from_db()
    assert activity.last_verified == datetime.date(2026, 1, 5)


# --- Restore ------------------------------------------------------------------------


def delete(activity, user=None):
    """Delete as the admin does: with the user recorded in the history."""
    from simple_history.models import HistoricalRecords

    class Request:
        pass

    request = Request()
    request.user = user
    pk = activity.pk
    HistoricalRecords.context.request = request
    try:
        activity.delete()
    finally:
        del HistoricalRecords.context.request
    activity.pk = pk
    return Activity.history.filter(id=pk).latest()


def test_restore_brings_back_everything(admin_user, full_activity):
    themes, groups = set(full_activity.themes.all()), set(full_activity.target_groups.all())
    rows = schedule_rows(full_activity)
    created = full_activity.created
    record = delete(full_activity, admin_user)
    assert not Schedule.objects.exists()
    assert list(deleted_activities()) == [record]

    restored = activity_restore(history_id=record.history_id, user=admin_user)

    assert restored.pk == full_activity.pk
    restored = Activity.objects.get(pk=restored.pk)
    assert (restored.title, restored.slug, restored.status, restored.room) == (
        "Taalcafé",
        "taalcafe",
        Activity.Status.PUBLISHED,
        "Zaal 1",
    )
    assert restored.created == created
    assert restored.contact_person == full_activity.contact_person
    assert set(restored.themes.all()) == themes
    assert set(restored.target_groups.all()) == groups
    assert schedule_rows(restored) == rows
    assert [(c.date, c.reason) for c in restored.cancellations.all()] == [
        (datetime.date(2026, 12, 8), "Zaal bezet")
    ]
    assert list(deleted_activities()) == []
    # Its history runs on: created, deleted, created again.
    types = [h.history_type for h in restored.history.order_by("history_date", "history_id")]
    assert types[0] == "+"
    assert types[types.index("-") + 1] == "+"


def test_restore_twice_is_refused(admin_user, full_activity):
    record = delete(full_activity, admin_user)
    activity_restore(history_id=record.history_id, user=admin_user)
    with pytest.raises(ValidationError):
        activity_restore(history_id=record.history_id, user=admin_user)
    with pytest.raises(ValidationError):
        activity_restore(history_id=10**9, user=admin_user)
    assert Activity.objects.count() == 1


def test_rows_deleted_before_the_activity_stay_deleted(admin_user, full_activity):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=1)):
        gone = full_activity.schedules.first()
        gone.delete()
    record = delete(full_activity, admin_user)

    restored = activity_restore(history_id=record.history_id, user=admin_user)

    assert restored.schedules.count() == 1
    assert not Schedule.objects.filter(pk=gone.pk).exists()


def test_a_taken_slug_and_a_deleted_contact_person_are_dealt_with(admin_user, full_activity):
    record = delete(full_activity, admin_user)
    ActivityFactory(slug="taalcafe")
    full_activity.contact_person.delete()

    restored = activity_restore(history_id=record.history_id, user=admin_user)

    assert restored.slug == "taalcafe-2"
    assert Activity.objects.get(pk=restored.pk).contact_person is None


def test_an_activity_whose_place_is_gone_cannot_be_restored(admin_user, full_activity):
    place = full_activity.location
    record = delete(full_activity, admin_user)
    place.delete()
    with pytest.raises(ValidationError) as error:
        activity_restore(history_id=record.history_id, user=admin_user)
    assert error.value.code == "no_location"
    assert not Activity.objects.exists()
    assert not Schedule.objects.exists()


def test_restore_is_for_the_activitys_own_organisation(full_activity):
    organiser = full_activity.organiser
    own = staff_user(roles.WELFARE_WORKER, organisations=[organiser])
    other = staff_user(roles.WELFARE_WORKER, organisations=[OrganisationFactory()])
    municipality = staff_user(roles.MUNICIPALITY)
    record = delete(full_activity, own)

    assert list(deleted_activities(own)) == [record]
    assert list(deleted_activities(other)) == []
    for user in (other, municipality):
        with pytest.raises(PermissionDenied):
            activity_restore(history_id=record.history_id, user=user)
    assert not Activity.objects.exists()

    restored = activity_restore(history_id=record.history_id, user=own)
    assert restored.organiser == organiser
    assert Cancellation.objects.filter(activity=restored).count() == 1


def test_a_place_elsewhere_does_not_matter(admin_user):
    """Only the activity's own rows come back, not those of another activity deleted with it."""
    first, second = ActivityFactory(), ActivityFactory(location=LocationFactory())
    ScheduleFactory(activity=first)
    ScheduleFactory(activity=second)
    record = delete(first, admin_user)
    delete(second, admin_user)

    restored = activity_restore(history_id=record.history_id, user=admin_user)

    assert restored.schedules.count() == 1
    assert Schedule.objects.count() == 1
    assert len(deleted_activities()) == 1


# --- Bulk actions: publish, unpublish, mark verified ------------------------------------


@pytest.fixture
def welfare_world():
    own, other = OrganisationFactory(name="Alifa"), OrganisationFactory(name="Vizier")
    user = staff_user(roles.WELFARE_WORKER, organisations=[own])
    return user, own, other


@pytest.mark.parametrize(
    ("service", "before", "after"),
    [
        (activity_publish, Activity.Status.DRAFT, Activity.Status.PUBLISHED),
        (activity_unpublish, Activity.Status.PUBLISHED, Activity.Status.DRAFT),
    ],
)
def test_bulk_status_change_records_history_under_the_user(welfare_world, service, before, after):
    user, own, _other = welfare_world
    chosen = ActivityFactory.create_batch(2, organiser=own, status=before)
    already = ActivityFactory(organiser=own, status=after)
    assert service(activities=[*chosen, already], user=user) == 2
    for activity in chosen:
        activity.refresh_from_db()
        assert activity.status == after
        last = activity.history.latest("history_date")
        assert (last.history_type, last.history_user, last.status) == ("~", user, after)
    # Nothing changed for the one that had the status already: no empty history row.
    assert already.history.count() == 1


def test_mark_verified_records_history_under_the_user(welfare_world):
    user, own, _other = welfare_world
    # Created under the same frozen clock: at the real one (a later year under
    # make test-clock) the creation would be the newest record.
    with time_machine.travel(
        datetime.datetime(2026, 12, 31, 23, 30, tzinfo=timezone.get_current_timezone()), tick=False
    ):
        activity = ActivityFactory(organiser=own, last_verified=datetime.date(2025, 1, 1))
        assert activity_mark_verified(activities=[activity], user=user) == 1
    activity.refresh_from_db()
    assert activity.last_verified == datetime.date(2026, 12, 31)
    last = activity.history.order_by("history_id").last()
    assert (last.history_user, last.last_verified) == (user, datetime.date(2026, 12, 31))


@pytest.mark.parametrize("service", [activity_publish, activity_unpublish, activity_mark_verified])
def test_bulk_actions_refuse_another_organisations_activity(welfare_world, service):
    """All or nothing: one activity of another organisation refuses the whole selection."""
    user, own, other = welfare_world
    mine = ActivityFactory(organiser=own, status=Activity.Status.DRAFT)
    theirs = ActivityFactory(organiser=other, status=Activity.Status.PUBLISHED)
    before = sorted(Activity.objects.values_list("pk", "status", "last_verified", "updated"))
    with pytest.raises(PermissionDenied):
        service(activities=[mine, theirs], user=user)
    assert (
        sorted(Activity.objects.values_list("pk", "status", "last_verified", "updated")) == before
    )
    assert theirs.history.count() == mine.history.count() == 1


@pytest.mark.parametrize("role", [roles.MUNICIPALITY, roles.CLUSTER_MANAGER, None])
def test_bulk_actions_need_the_right_to_change_activities(role):
    user = staff_user(role)
    activity = ActivityFactory(status=Activity.Status.DRAFT)
    with pytest.raises(PermissionDenied):
        activity_publish(activities=[activity], user=user)
    activity.refresh_from_db()
    assert activity.status == Activity.Status.DRAFT
