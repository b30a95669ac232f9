"""Defaults that fit the person adding an activity: their organisation as organiser, its
one contact person, and the places they work at first in the place list. Through the real
admin, per role."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activiteiten.models import Activity
from locaties.models import Location
from ontmoeting import roles
from tests.admin_helpers import form_data
from tests.beheer.conftest import client_for, make_staff
from tests.factories import (
    ActivityFactory,
    LocationFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

ADD = reverse("admin:activiteiten_activity_add")
PLACES = reverse("admin:activiteiten_activity_place_autocomplete")
SAVED = timezone.make_aware(datetime.datetime(2026, 11, 30, 9, 0))
PLACE_QUERY = {"app_label": "activiteiten", "model_name": "activity", "field_name": "location"}


def organiser_field(response):
    return response.context["adminform"].form.fields["organiser"]


def initial(response, name):
    return response.context["adminform"].form.initial.get(name)


def place_names(client, term="") -> list[str]:
    response = client.get(PLACES, {**PLACE_QUERY, "term": term})
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


@pytest.fixture
def alifa():
    return OrganisationFactory(name="Alifa", slug="alifa")


@pytest.fixture
def vizier():
    return OrganisationFactory(name="Vizier", slug="vizier")


# --- The organiser ----------------------------------------------------------------------


def test_a_welfare_worker_of_one_organisation_gets_it_as_organiser(alifa, vizier):
    client = client_for(make_staff("alifa", role=roles.WELFARE_WORKER, organisations=[alifa]))
    response = client.get(ADD)

    field = organiser_field(response)
    # Only Alifa, and no empty "---------" before it: the select shows Alifa, chosen.
    assert [label for _value, label in field.choices] == ["Alifa"]
    assert initial(response, "organiser") == alifa.pk
    assert f'<option value="{alifa.pk}" selected>Alifa</option>' in response.content.decode()


def test_the_preset_organiser_is_saved_without_touching_it(alifa):
    user = make_staff("alifa", role=roles.WELFARE_WORKER, organisations=[alifa])
    client = client_for(user)
    data = form_data(client.get(ADD))
    place = LocationFactory()
    data.update(
        {
            "title": "Taalcafé",
            "slug": "taalcafe",
            "location": place.pk,
            "status": "draft",
            "schedules-0-start_date": "2026-12-01",
            "schedules-0-start_time": "10:00",
            "schedules-0-end_time": "12:00",
            "schedules-0-frequency": "once",
            "schedules-0-interval": "1",
        }
    )
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Activity.objects.get(slug="taalcafe").organiser == alifa


def test_a_welfare_worker_of_two_organisations_chooses(alifa, vizier):
    client = client_for(
        make_staff("twee", role=roles.WELFARE_WORKER, organisations=[alifa, vizier])
    )
    response = client.get(ADD)
    assert [label for _value, label in organiser_field(response).choices] == [
        "---------",
        "Alifa",
        "Vizier",
    ]
    assert initial(response, "organiser") is None


def test_another_organisation_cannot_be_posted_in_place_of_the_preset(alifa, vizier):
    client = client_for(make_staff("alifa", role=roles.WELFARE_WORKER, organisations=[alifa]))
    data = form_data(client.get(ADD))
    data.update({"title": "Stiekem", "slug": "stiekem", "location": LocationFactory().pk})
    data["organiser"] = vizier.pk
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert "organiser" in response.context["adminform"].form.errors
    assert not Activity.objects.filter(slug="stiekem").exists()


def test_a_functional_administrator_without_organisations_chooses_from_all(alifa, vizier):
    client = client_for(make_staff("fb", role=roles.FUNCTIONAL_ADMIN))
    response = client.get(ADD)
    labels = [label for _value, label in organiser_field(response).choices]
    assert labels[0] == "---------"
    assert {"Alifa", "Vizier"} <= set(labels)
    assert initial(response, "organiser") is None


def test_a_link_that_names_an_organiser_wins_over_the_preset(alifa, vizier):
    client = client_for(make_staff("fb", role=roles.FUNCTIONAL_ADMIN, organisations=[alifa]))
    response = client.get(ADD, {"organiser": vizier.pk})
    assert str(initial(response, "organiser")) == str(vizier.pk)


# --- The contact person -----------------------------------------------------------------


def test_the_organisations_only_person_is_the_contact_person(alifa):
    nadia = PersonFactory(name="Nadia el Amrani", organisation=alifa)
    PersonFactory(name="Iemand anders")  # of no organisation, or another one
    client = client_for(make_staff("alifa", role=roles.WELFARE_WORKER, organisations=[alifa]))
    response = client.get(ADD)
    assert initial(response, "contact_person") == nadia.pk
    # The autocomplete box shows the chosen person (it renders only chosen options).
    assert "Nadia el Amrani" in response.content.decode()


def test_no_contact_person_when_the_organisation_has_several(alifa):
    PersonFactory(name="Nadia el Amrani", organisation=alifa)
    PersonFactory(name="Wilma Scholten", organisation=alifa)
    client = client_for(make_staff("alifa", role=roles.WELFARE_WORKER, organisations=[alifa]))
    assert initial(client.get(ADD), "contact_person") is None


def test_no_contact_person_when_the_organisation_has_none(alifa):
    client = client_for(make_staff("alifa", role=roles.WELFARE_WORKER, organisations=[alifa]))
    assert initial(client.get(ADD), "contact_person") is None


def test_editing_an_activity_changes_nothing_of_it(alifa):
    PersonFactory(name="Nadia el Amrani", organisation=alifa)
    activity = ActivityFactory(organiser=alifa, contact_person=None)
    client = client_for(make_staff("alifa", role=roles.WELFARE_WORKER, organisations=[alifa]))
    form = (
        client.get(reverse("admin:activiteiten_activity_change", args=[activity.pk]))
        .context["adminform"]
        .form
    )
    assert form["contact_person"].value() is None


# --- The places of one's recent activities first ------------------------------------------


def test_the_places_of_ones_recent_activities_come_first(alifa, vizier):
    for name in ("Aa-huis", "Bolder", "Zonnecirkel", "Dokter"):
        LocationFactory(name=name)
    user = make_staff("alifa", role=roles.WELFARE_WORKER, organisations=[alifa])
    client = client_for(user)
    # Alphabetical for someone with no activities yet.
    assert place_names(client)[:4] == ["Aa-huis", "Bolder", "Dokter", "Zonnecirkel"]

    # An activity of their organisation, changed by someone else, then two of their own.
    ActivityFactory(organiser=alifa, location=LocationFactory(name="Zonne-eiland"))
    for minute, name in enumerate(("Dokter", "Zonnecirkel")):
        activity = ActivityFactory(organiser=alifa, location=Location.objects.get(name=name))
        # Saved by them (as the admin does), a minute apart.
        activity._history_user = user
        activity._history_date = SAVED + datetime.timedelta(minutes=minute)
        activity.save()

    # Their own, most recent first; then their organisation's; then the rest from A to Z.
    assert place_names(client)[:5] == [
        "Zonnecirkel",
        "Dokter",
        "Zonne-eiland",
        "Aa-huis",
        "Bolder",
    ]
    # Typing still searches, and what matches keeps that order.
    assert place_names(client, "zonne") == ["Zonnecirkel", "Zonne-eiland"]


def test_another_organisations_activities_do_not_count(alifa, vizier):
    LocationFactory(name="Aa-huis")
    ActivityFactory(organiser=vizier, location=LocationFactory(name="Zuid"))
    client = client_for(make_staff("alifa", role=roles.WELFARE_WORKER, organisations=[alifa]))
    assert place_names(client)[0] == "Aa-huis"


def test_the_activity_form_asks_the_place_list_with_recent_places(alifa):
    client = client_for(make_staff("alifa", role=roles.WELFARE_WORKER, organisations=[alifa]))
    body = client.get(ADD).content.decode()
    assert f'data-ajax--url="{PLACES}"' in body


def test_the_place_list_is_for_staff_who_may_see_places(alifa):
    LocationFactory(name="Aa-huis")
    # Not logged in: to the login page.
    response = client_for(None).get(PLACES, {**PLACE_QUERY, "term": ""})
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    # Staff without a role may see no places.
    plain = client_for(make_staff("medewerker", organisations=[alifa]))
    assert plain.get(PLACES, {**PLACE_QUERY, "term": ""}).status_code == 403
    # A field that does not exist is refused, as by Django's own place search.
    worker = client_for(make_staff("alifa", role=roles.WELFARE_WORKER, organisations=[alifa]))
    bad = {**PLACE_QUERY, "field_name": "nonsense", "term": ""}
    assert worker.get(PLACES, bad).status_code == 403
    assert place_names(worker) == ["Aa-huis"]
