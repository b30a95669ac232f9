"""The history of places and organisations: readable changes, reverts, who may see them."""

import pytest
from django.urls import reverse

from ontmoeting import roles
from tests.admin_helpers import (
    add_rows,
    change_url,
    form_data,
    history_url,
    inline_tags,
    page_text,
    staff_client,
)
from tests.factories import LocationFactory, LocationKindFactory, OrganisationFactory
from tests.locaties.admin.helpers import edit_page_data, row

pytestmark = pytest.mark.django_db


def test_history_shows_who_changed_which_field_from_what_to_what(admin_client, admin_user, place):
    host = OrganisationFactory(name="Domijn")
    data = edit_page_data(admin_client, place)
    park = LocationKindFactory(slug="park")
    data.update(kind=str(park.pk), host_organisations=[str(host.pk)], wheelchair_accessible="on")
    add_rows(data, "opening_hours", [row(0, "08:30", "20:00")])
    assert admin_client.post(change_url(place), data).status_code == 302
    data = edit_page_data(admin_client, place)
    data["opening_hours-0-closes"] = "17:00"
    assert admin_client.post(change_url(place), data).status_code == 302

    response = admin_client.get(history_url(place))

    assert response.status_code == 200
    text = page_text(response)
    assert "Kind: meeting house → meeting park" in text
    assert "Wheelchair accessible: no → yes" in text
    assert "Host organisations: – → Domijn" in text
    assert admin_user.username in text
    # The weekly hours, edited in the inline, have their own lines.
    assert "Opening hours: Monday 08:30–17:00" in text
    assert "Closes: 20:00 → 17:00" in text
    assert inline_tags(response.content) == []


def test_history_of_another_clusters_place_is_not_found():
    own, other = LocationFactory(), LocationFactory()
    manager = staff_client(roles.CLUSTER_MANAGER, clusters=[own.cluster])
    assert manager.get(history_url(own)).status_code == 200
    assert manager.get(history_url(other)).status_code in (403, 404)
    assert manager.get(reverse("admin:locaties_location_history", args=["x"])).status_code == 404


def test_saving_without_changes_adds_no_empty_history_line(admin_client, place):
    before = place.history.count()
    data = edit_page_data(admin_client, place)
    assert admin_client.post(change_url(place), data).status_code == 302
    assert place.history.count() == before


def test_a_revert_is_recorded_even_when_its_form_is_not_edited(admin_client, place):
    data = edit_page_data(admin_client, place)
    data["name"] = "De Nieuwe Magneet"
    assert admin_client.post(change_url(place), data).status_code == 302
    first = place.history.earliest()
    url = reverse("admin:locaties_location_simple_history", args=[place.pk, first.history_id])

    response = admin_client.post(url, form_data(admin_client.get(url)))

    assert response.status_code == 302
    place.refresh_from_db()
    assert place.name == "De Magneet"
    assert place.history.latest().name == "De Magneet"


def test_organisations_history_reads_well_and_view_only_staff_cannot_revert_it(admin_client):
    organisation = OrganisationFactory(name="Alifa", kind="welfare")
    organisation.kind = "care"
    organisation.save()
    text = page_text(admin_client.get(history_url(organisation)))
    assert "Kind: welfare organisation → care provider" in text

    version = organisation.history.earliest()
    url = reverse(
        "admin:locaties_organisation_simple_history", args=[organisation.pk, version.history_id]
    )
    welfare = staff_client(roles.WELFARE_WORKER, organisations=[organisation])
    data = {"name": "Overgenomen", "slug": "overgenomen", "kind": "other"}
    assert welfare.post(url, data).status_code == 403
    organisation.refresh_from_db()
    assert organisation.name == "Alifa"
