"""The rights of every role, proven on the server: revert (django-simple-history) and restore."""

import pytest
from django.urls import reverse

from activiteiten.models import Activity
from locaties.models import Location
from tests.beheer.conftest import client_for
from tests.beheer.permissions.helpers import (
    change_data,
    snapshot,
    url,
)

pytestmark = pytest.mark.django_db


def test_a_deleted_place_cannot_be_brought_back_by_someone_who_may_only_view_it(world):
    place = world.objects["location"][1]
    pk = place.pk
    version = Location.history.filter(id=pk).latest("history_date")
    data = change_data(world, "location", place)
    Location.objects.get(pk=pk).delete()
    before = snapshot()
    for role in ("welfare_a", "municipality", "cluster_manager"):
        response = client_for(world.users[role]).post(
            url("location", "simple_history", pk, version.history_id), data
        )
        assert response.status_code in (403, 404), role
    assert snapshot() == before


def test_deleted_activities_of_another_organisation_cannot_be_restored(world):
    other = Activity.objects.get(pk=world.objects["activity"][1].pk)
    pk = other.pk
    other._history_user = world.users["welfare_b"]
    other.delete()
    record = Activity.history.filter(id=pk, history_type="-").get()
    before = snapshot()
    response = client_for(world.users["welfare_a"]).post(
        reverse("admin:activiteiten_activity_restore", args=[record.history_id])
    )
    assert response.status_code == 404
    listing = client_for(world.users["welfare_a"]).get(
        reverse("admin:activiteiten_activity_deleted")
    )
    assert other.title not in listing.content.decode()
    for role in ("municipality", "cluster_manager", "plain_staff"):
        client = client_for(world.users[role])
        assert client.get(reverse("admin:activiteiten_activity_deleted")).status_code == 403
        response = client.post(
            reverse("admin:activiteiten_activity_restore", args=[record.history_id])
        )
        assert response.status_code == 403, role
    assert snapshot() == before
    # Their own organisation can.
    response = client_for(world.users["welfare_b"]).post(
        reverse("admin:activiteiten_activity_restore", args=[record.history_id])
    )
    assert response.status_code == 302
    assert Activity.objects.filter(pk=pk).exists()
