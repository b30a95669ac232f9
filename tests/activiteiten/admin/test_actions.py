"""The activity list's actions: publish, unpublish, mark verified, duplicate."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from activiteiten.models import Activity
from ontmoeting import roles
from tests.activiteiten.admin.helpers import NOON, run_action
from tests.admin_helpers import change_url, staff_client
from tests.factories import ActivityFactory, OrganisationFactory, ScheduleFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("publish", Activity.Status.DRAFT, Activity.Status.PUBLISHED),
        ("unpublish", Activity.Status.PUBLISHED, Activity.Status.DRAFT),
    ],
)
def test_publish_and_unpublish(admin_client, action, before, after):
    chosen = ActivityFactory.create_batch(2, status=before)
    other = ActivityFactory(status=before)

    response = run_action(admin_client, action, chosen)

    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    assert set(
        Activity.objects.filter(pk__in=[a.pk for a in chosen]).values_list("status", flat=True)
    ) == {after}
    other.refresh_from_db()
    assert other.status == before


@time_machine.travel(NOON, tick=False)
def test_mark_verified(admin_client):
    chosen = ActivityFactory(last_verified=datetime.date(2025, 1, 1))
    other = ActivityFactory(last_verified=None)

    response = run_action(admin_client, "mark_verified", [chosen])

    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert chosen.last_verified == NOON.date()
    assert other.last_verified is None


def test_unpublishing_drops_the_cached_public_pages_at_once(client, settings):
    """Anonymous visitors get cached pages; the action must not leave them a stale copy."""
    settings.CACHE_PUBLIC_ANSWERS = True
    organisation = OrganisationFactory(name="Alifa")
    activity = ActivityFactory(title="Samen Breien", organiser=organisation)
    ScheduleFactory(activity=activity)  # Tuesdays from 1 December 2026
    place = activity.location
    worker = staff_client(roles.WELFARE_WORKER, organisations=[organisation])
    pages = [
        reverse("activiteiten:agenda"),
        place.get_absolute_url(),
        activity.get_absolute_url(),
    ]
    monday = timezone.make_aware(datetime.datetime(2026, 11, 30, 9, 0))
    with time_machine.travel(monday, tick=False):
        for url in pages:
            assert "Samen Breien" in client.get(url).content.decode(), url
        response = run_action(worker, "unpublish", [activity])
        assert [m.level_tag for m in response.context["messages"]] == ["success"]
        for url in pages[:2]:
            response = client.get(url)
            assert response.status_code == 200
            assert "Samen Breien" not in response.content.decode(), url
        assert client.get(activity.get_absolute_url()).status_code == 404
        run_action(worker, "publish", [activity])
        assert "Samen Breien" in client.get(reverse("activiteiten:agenda")).content.decode()
    rows = activity.history.filter(history_type="~").order_by("history_id")
    worker_id = int(worker.session["_auth_user_id"])
    assert [(row.status, row.history_user_id) for row in rows] == [
        ("draft", worker_id),
        ("published", worker_id),
    ]


def test_duplicate_one_activity_opens_the_copy(admin_client):
    original = ScheduleFactory(activity__title="Taalcafé", activity__slug="taalcafe").activity
    original.themes.add(ThemeFactory())

    response = run_action(admin_client, "duplicate", [original])

    copy = Activity.objects.exclude(pk=original.pk).get()
    assert response.redirect_chain == [(change_url(copy), 302)]
    assert (copy.title, copy.slug, copy.status) == ("Taalcafé (copy)", "taalcafe-copy", "draft")
    assert copy.schedules.count() == 1
    assert list(copy.themes.all()) == list(original.themes.all())
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_duplicate_several(admin_client):
    chosen = ActivityFactory.create_batch(2)
    response = run_action(admin_client, "duplicate", chosen)
    assert Activity.objects.count() == 4
    assert "2 copies made" in str(next(iter(response.context["messages"])))


def test_welfare_worker_duplicates_only_own_activities():
    own, other = ActivityFactory(), ActivityFactory()
    welfare = staff_client(roles.WELFARE_WORKER, organisations=[own.organiser])
    run_action(welfare, "duplicate", [own, other])
    assert Activity.objects.filter(organiser=own.organiser).count() == 2
    assert Activity.objects.filter(organiser=other.organiser).count() == 1


def test_view_only_staff_cannot_duplicate():
    activity = ActivityFactory()
    manager = staff_client(roles.CLUSTER_MANAGER)
    run_action(manager, "duplicate", [activity])
    assert Activity.objects.count() == 1
