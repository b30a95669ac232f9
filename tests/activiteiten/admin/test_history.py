"""An activity's history, and restoring a deleted one with everything it had."""

import datetime

import pytest
from django.urls import reverse

from activiteiten.models import Activity
from ontmoeting import roles
from tests.activiteiten.admin.helpers import CHANGELIST
from tests.admin_helpers import (
    change_url,
    form_data,
    history_url,
    inline_tags,
    page_text,
    staff_client,
)
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    OrganisationFactory,
    ScheduleFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def test_history_shows_changed_fields_themes_and_schedules(admin_client, admin_user):
    schedule = ScheduleFactory(activity__title="Koffie")
    activity = schedule.activity
    theme = ThemeFactory(name="Buurtkoken")
    data = form_data(admin_client.get(change_url(activity)))
    data.update(title="Koffie en praat", themes=[str(theme.pk)], is_free="")
    data.pop("is_free")
    data["schedules-0-end_time"] = "12:30"
    assert admin_client.post(change_url(activity), data).status_code == 302

    response = admin_client.get(history_url(activity))

    text = page_text(response)
    assert "Title: Koffie → Koffie en praat" in text
    assert "Themes: – → Buurtkoken" in text
    assert "Free: yes → no" in text
    assert "End time: 12:00 → 12:30" in text
    assert admin_user.username in text
    assert inline_tags(response.content) == []


def delete_in_admin(client, activity):
    url = reverse("admin:activiteiten_activity_delete", args=[activity.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()


DELETED = reverse("admin:activiteiten_activity_deleted")


def restore_url(history_id) -> str:
    return reverse("admin:activiteiten_activity_restore", args=[history_id])


@pytest.fixture
def doomed():
    activity = ActivityFactory(title="Taalcafé", slug="taalcafe")
    activity.themes.add(ThemeFactory())
    activity.target_groups.add(TargetGroupFactory())
    ScheduleFactory(activity=activity)
    ScheduleFactory(
        activity=activity, weekdays=[4], start_time=datetime.time(19), end_time=datetime.time(21)
    )
    CancellationFactory(activity=activity, date=datetime.date(2026, 12, 8))
    return activity


def test_a_deleted_activity_is_restored_with_everything(admin_client, client, doomed):
    pk, themes, groups = doomed.pk, list(doomed.themes.all()), list(doomed.target_groups.all())
    delete_in_admin(admin_client, doomed)

    assert "Deleted activities" in admin_client.get(CHANGELIST).content.decode()
    response = admin_client.get(DELETED)
    assert response.status_code == 200
    (record,) = response.context["records"]
    assert record.title == "Taalcafé"
    assert inline_tags(response.content) == []

    response = admin_client.post(restore_url(record.history_id), follow=True)

    assert response.redirect_chain == [
        (reverse("admin:activiteiten_activity_change", args=[pk]), 302)
    ]
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    activity = Activity.objects.get(pk=pk)
    assert activity.schedules.count() == 2
    assert [c.date for c in activity.cancellations.all()] == [datetime.date(2026, 12, 8)]
    assert list(activity.themes.all()) == themes
    assert list(activity.target_groups.all()) == groups
    assert list(admin_client.get(DELETED).context["records"]) == []
    # The public page is back.
    assert client.get(activity.get_absolute_url()).status_code == 200


def test_welfare_worker_restores_own_activities_only(doomed):
    own = staff_client(roles.WELFARE_WORKER, organisations=[doomed.organiser])
    other = staff_client(roles.WELFARE_WORKER, organisations=[OrganisationFactory()])
    delete_in_admin(own, doomed)
    record = Activity.history.filter(id=doomed.pk, history_type="-").get()

    assert list(other.get(DELETED).context["records"]) == []
    # A crafted POST for another organisation's activity: not found, nothing restored.
    assert other.post(restore_url(record.history_id)).status_code == 404
    assert not Activity.objects.exists()
    assert own.get(restore_url(record.history_id)).status_code == 405

    assert len(own.get(DELETED).context["records"]) == 1
    assert own.post(restore_url(record.history_id)).status_code == 302
    assert Activity.objects.get().schedules.count() == 2


def test_deleted_activities_are_for_staff_who_may_add_activities(doomed):
    municipality = staff_client(roles.MUNICIPALITY)
    assert municipality.get(DELETED).status_code == 403
    assert b"Deleted activities" not in municipality.get(CHANGELIST).content
    delete_in_admin(staff_client(roles.FUNCTIONAL_ADMIN), doomed)
    record = Activity.history.filter(history_type="-").get()
    assert municipality.post(restore_url(record.history_id)).status_code == 403
    assert not Activity.objects.exists()


def test_restoring_what_is_not_deleted_says_so(admin_client, activity):
    record = activity.history.get()
    assert admin_client.post(restore_url(record.history_id)).status_code == 404
    assert admin_client.post(restore_url(10**9)).status_code == 404
