"""The rights of every role, proven on the server: autocomplete."""

import pytest
from django.urls import reverse

from tests.beheer.conftest import client_for

pytestmark = pytest.mark.django_db


AUTOCOMPLETE = reverse("admin:autocomplete")


def autocomplete(client, app_label, model_name, field_name, term=""):
    return client.get(
        AUTOCOMPLETE,
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )


def _ids(response) -> set[str]:
    assert response.status_code == 200, response.status_code
    return {item["id"] for item in response.json()["results"]}


def test_autocomplete_offers_a_cluster_manager_only_their_own_places(world):
    own, other = world.objects["location"]
    client = client_for(world.users["cluster_manager"])
    for model_name, field_name in [("openinghours", "location"), ("person", "locations")]:
        ids = _ids(autocomplete(client, "locaties", model_name, field_name))
        assert str(own.pk) in ids
        assert str(other.pk) not in ids


def test_autocomplete_offers_a_welfare_worker_only_their_own_activities(world):
    own = world.objects["activity"][0]
    # No form asks for an activity, but the endpoint answers for any relation: it must
    # still list only what the user may see.
    ids = _ids(
        autocomplete(client_for(world.users["welfare_a"]), "activiteiten", "schedule", "activity")
    )
    assert ids == {str(own.pk)}


def test_autocomplete_lists_places_to_hold_an_activity_at(world):
    ids = _ids(
        autocomplete(client_for(world.users["welfare_a"]), "activiteiten", "activity", "location")
    )
    assert {str(place.pk) for place in world.objects["location"]} <= ids


@pytest.mark.parametrize(
    ("role", "query"),
    [
        ("plain_staff", ("activiteiten", "activity", "location")),
        ("plain_staff", ("locaties", "person", "organisation")),
        ("welfare_a", ("beheer", "membership", "user")),
        ("municipality", ("beheer", "membership", "user")),
        ("cluster_manager", ("beheer", "importbatch", "created_by")),
        ("welfare_a", ("auth", "user", "groups")),
    ],
)
def test_autocomplete_refuses_what_the_user_may_not_view(world, role, query):
    response = autocomplete(client_for(world.users[role]), *query)
    assert response.status_code == 403


def test_autocomplete_sends_anonymous_visitors_to_the_login(world):
    response = autocomplete(client_for(None), "activiteiten", "activity", "location")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
