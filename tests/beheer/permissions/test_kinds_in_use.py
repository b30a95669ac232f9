"""The rights of every role, proven on the server: a kind of place in use cannot be deleted."""

import html

import pytest

from locaties.models import LocationKind
from tests.beheer.conftest import client_for
from tests.beheer.permissions.helpers import (
    snapshot,
    url,
)

pytestmark = pytest.mark.django_db


def test_deleting_a_kind_in_use_is_refused_saying_how_many_places_use_it(world):
    house = LocationKind.objects.get(slug="house")  # the world's three places
    client = client_for(world.users["functional_admin"])
    before = snapshot()

    for response in (
        client.get(url("locationkind", "delete", house.pk), follow=True),
        client.post(url("locationkind", "delete", house.pk), {"post": "yes"}, follow=True),
    ):
        assert response.redirect_chain == [(url("locationkind", "change", house.pk), 302)]
        page = html.unescape(response.content.decode())
        assert (
            page.count(
                "The kind “ontmoetingshuis” cannot be deleted: 3 places use it. Give those places "
                "another kind first."
            )
            == 1
        )
    assert snapshot() == before


def test_the_bulk_delete_of_kinds_refuses_those_in_use_and_deletes_nothing(world):
    house = LocationKind.objects.get(slug="house")
    unused = world.objects["locationkind"][0]
    client = client_for(world.users["functional_admin"])
    before = snapshot()

    response = client.post(
        url("locationkind", "changelist"),
        {"action": "delete_selected", "_selected_action": [house.pk, unused.pk], "post": "yes"},
        follow=True,
    )

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert (
        page.count(
            "The kind “ontmoetingshuis” cannot be deleted: 3 places use it. Give those places "
            "another kind first."
        )
        == 1
    )
    assert snapshot() == before


def test_an_unused_kind_is_deleted_in_bulk(world):
    unused = world.objects["locationkind"]
    client = client_for(world.users["functional_admin"])
    response = client.post(
        url("locationkind", "changelist"),
        {"action": "delete_selected", "_selected_action": [k.pk for k in unused], "post": "yes"},
    )
    assert response.status_code == 302
    assert not LocationKind.objects.filter(pk__in=[k.pk for k in unused]).exists()


@pytest.mark.parametrize("role", ["municipality", "cluster_manager", "welfare_a"])
def test_who_may_not_delete_a_kind_learns_nothing_about_its_places(world, role):
    house = LocationKind.objects.get(slug="house")
    client = client_for(world.users[role])
    before = snapshot()
    response = client.post(url("locationkind", "delete", house.pk), {"post": "yes"})
    assert response.status_code == 403
    assert snapshot() == before
