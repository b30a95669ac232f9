"""The rights of every role, proven on the server: imports."""

import pytest
from django.urls import reverse

from beheer.models import ImportBatch
from tests.beheer.conftest import client_for
from tests.beheer.permissions.helpers import (
    post_action,
    snapshot,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["municipality", "plain_staff"])
def test_roles_that_change_nothing_import_nothing(world, role):
    client = client_for(world.users[role])
    for name in ("changelist", "add", "upload"):
        # "Add" leads to the upload page, which refuses.
        response = client.get(reverse(f"admin:beheer_importbatch_{name}"), follow=True)
        assert response.status_code == 403, name


def test_one_welfare_worker_cannot_see_or_confirm_anothers_import(world):
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.ACTIVITIES,
        filename="vizier.csv",
        content=b"",
        created_by=world.users["welfare_b"],
        report={"rows": [], "counts": {}},
    )
    client = client_for(world.users["welfare_a"])
    before = snapshot()
    assert (
        client.get(reverse("admin:beheer_importbatch_preview", args=[batch.pk])).status_code == 404
    )
    assert (
        client.post(reverse("admin:beheer_importbatch_confirm", args=[batch.pk])).status_code == 404
    )
    listing = client.get(reverse("admin:beheer_importbatch_changelist"))
    assert batch not in listing.context["cl"].result_list
    assert client.post(
        reverse("admin:beheer_importbatch_delete", args=[batch.pk]), {"post": "yes"}
    ).status_code in (403, 404)
    assert snapshot() == before


def test_norm_hours_are_filled_in_only_for_the_cluster_managers_own_places(world):
    own, other = world.objects["location"]
    before = list(other.opening_hours.values())
    response = post_action(
        client_for(world.users["cluster_manager"]), "location", "apply_norm", [own, other]
    )
    assert response.status_code == 302
    assert own.opening_hours.count() == 7
    assert list(other.opening_hours.values()) == before
    for role in ("welfare_a", "municipality"):
        snap = snapshot()
        post_action(client_for(world.users[role]), "location", "apply_norm", [own, other])
        assert snapshot() == snap, role
