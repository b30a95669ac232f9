"""The rights of every role, proven on the server: choices offer only what the user may pick, and the server holds to them."""

import pytest

from tests.beheer.conftest import client_for
from tests.beheer.permissions.helpers import (
    add_data,
    change_data,
    snapshot,
    url,
)

pytestmark = pytest.mark.django_db


def test_welfare_worker_is_offered_only_their_own_organisation(world):
    client = client_for(world.users["welfare_a"])
    response = client.get(url("activity", "add"))
    organiser = response.context["adminform"].form.fields["organiser"]
    assert list(organiser.queryset) == [world.org_a]
    assert f'value="{world.org_b.pk}"' not in str(response.context["adminform"].form["organiser"])


def test_posting_another_organisation_is_a_form_error_and_saves_nothing(world):
    client = client_for(world.users["welfare_a"])
    data, _lookup = add_data(world, "activity", 0)
    data["organiser"] = str(world.org_b.pk)
    before = snapshot()
    response = client.post(url("activity", "add"), data)
    assert response.status_code == 200
    assert "organiser" in response.context["adminform"].form.errors
    assert snapshot() == before

    # Nor can their own activity be handed to the other organisation.
    own = world.objects["activity"][0]
    data = change_data(world, "activity", own)
    data["organiser"] = str(world.org_b.pk)
    response = client.post(url("activity", "change", own.pk), data)
    assert response.status_code == 200
    assert "organiser" in response.context["adminform"].form.errors
    assert snapshot() == before


def test_cluster_manager_cannot_move_a_place_into_another_cluster(world):
    client = client_for(world.users["cluster_manager"])
    place = world.objects["location"][0]
    response = client.get(url("location", "change", place.pk))
    assert list(response.context["adminform"].form.fields["cluster"].queryset) == [world.cluster_1]
    data = change_data(world, "location", place)
    data["cluster"] = str(world.cluster_2.pk)
    before = snapshot()
    response = client.post(url("location", "change", place.pk), data)
    assert response.status_code == 200
    assert "cluster" in response.context["adminform"].form.errors
    assert snapshot() == before


def test_cluster_manager_cannot_give_hours_or_people_to_another_clusters_place(world):
    client = client_for(world.users["cluster_manager"])
    other_place = world.objects["location"][1]
    before = snapshot()

    data, _lookup = add_data(world, "openinghours", 0)
    data["location"] = str(other_place.pk)
    response = client.post(url("openinghours", "add"), data)
    assert response.status_code == 200
    assert "location" in response.context["adminform"].form.errors

    data, _lookup = add_data(world, "person", 0)
    data["locations"] = [str(other_place.pk)]
    response = client.post(url("person", "add"), data)
    assert response.status_code == 200
    assert "locations" in response.context["adminform"].form.errors

    # Existing hours of their own place cannot be moved there either.
    hours = world.objects["openinghours"][0]
    data = change_data(world, "openinghours", hours)
    data["location"] = str(other_place.pk)
    response = client.post(url("openinghours", "change", hours.pk), data)
    assert response.status_code == 200
    assert snapshot() == before


def test_a_person_without_a_place_in_the_cluster_managers_clusters_is_refused(world):
    """The rule for people is checked after saving (it spans two many-to-many fields)."""
    data, _lookup = add_data(world, "person", 0)
    data["clusters"] = []
    before = snapshot()
    response = client_for(world.users["cluster_manager"]).post(url("person", "add"), data)
    assert response.status_code == 403
    assert snapshot() == before


def test_saving_a_shared_person_keeps_the_other_clusters(world):
    """A person who works in two clusters: the manager of one sees only their own cluster in
    the form, and saving must not take the person away from the other."""
    person = world.objects["person"][0]
    person.clusters.add(world.cluster_2)
    person.locations.add(world.objects["location"][1])
    data = change_data(world, "person", person, cached=False)
    client = client_for(world.users["cluster_manager"])
    rendered = client.get(url("person", "change", person.pk)).context["adminform"].form
    assert list(rendered.fields["clusters"].queryset) == [world.cluster_1]
    data["clusters"] = [str(world.cluster_1.pk)]
    data["locations"] = []
    response = client.post(url("person", "change", person.pk), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "Persoon Gewijzigd"
    assert set(person.clusters.all()) == {world.cluster_1, world.cluster_2}
    assert list(person.locations.all()) == [world.objects["location"][1]]
