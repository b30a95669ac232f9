"""Opening-hours shortcuts: fill in the norm (button and action), copy a day."""

import datetime

import pytest
from django.urls import reverse

from ontmoeting import roles
from tests.admin_helpers import change_url, messages_of, page_text, staff_client
from tests.factories import LocationFactory, LocationKindFactory, OpeningHoursFactory
from tests.locaties.admin.helpers import edit_page_data, norm_week, week

pytestmark = pytest.mark.django_db


def test_fill_in_the_norm_button_saves_the_form_then_sets_the_norm(admin_client, place):
    OpeningHoursFactory(location=place, weekday=0, opens=datetime.time(9), closes=datetime.time(12))
    data = edit_page_data(admin_client, place)
    data["name"] = "De Magneet (wijkcentrum)"
    data["_apply_norm"] = "1"

    response = admin_client.post(change_url(place), data, follow=True)

    assert response.redirect_chain == [(change_url(place), 302)]
    assert week(place) == norm_week()
    place.refresh_from_db()
    assert place.name == "De Magneet (wijkcentrum)"
    level, text = messages_of(response)[-1]
    assert level == "success"
    assert "every day 08:30–20:00, supervised" in text


def test_shortcut_with_an_invalid_form_changes_nothing(admin_client, place):
    data = edit_page_data(admin_client, place)
    data["postcode"] = "nonsense"
    data["_apply_norm"] = "1"
    response = admin_client.post(change_url(place), data)
    assert response.status_code == 200
    assert not place.opening_hours.exists()


def test_copy_day_button(admin_client, place):
    OpeningHoursFactory(location=place, weekday=0, opens=datetime.time(9), closes=datetime.time(12))
    OpeningHoursFactory(location=place, weekday=3, opens=datetime.time(9), closes=datetime.time(17))
    data = edit_page_data(admin_client, place)
    data.update({"_copy_day": "1", "_copy_from": "0", "_copy_to": ["1", "3"]})

    response = admin_client.post(change_url(place), data, follow=True)

    assert week(place) == [(day, "09:00", "12:00", True) for day in (0, 1, 3)]
    assert messages_of(response)[-1] == (
        "success",
        "The hours of Monday are copied to 2 other days.",
    )


@pytest.mark.parametrize(
    ("copy_from", "copy_to", "expected"),
    [
        ("2", ["1"], "Wednesday has no opening hours to copy."),
        ("0", [], "Choose one or more other days to copy to."),
        ("x", ["1"], "Choose days from Monday to Sunday."),
    ],
)
def test_copy_day_mistakes_get_an_error_message(admin_client, place, copy_from, copy_to, expected):
    OpeningHoursFactory(location=place, weekday=0)
    data = edit_page_data(admin_client, place)
    data.update({"_copy_day": "1", "_copy_from": copy_from, "_copy_to": copy_to})

    response = admin_client.post(change_url(place), data, follow=True)

    assert messages_of(response)[-1] == ("error", expected)
    assert week(place) == [(0, "08:30", "20:00", True)]


def test_cluster_manager_uses_the_shortcuts_on_own_places_only():
    own, other = LocationFactory(), LocationFactory()
    manager = staff_client(roles.CLUSTER_MANAGER, clusters=[own.cluster])

    body = manager.get(change_url(own)).content
    assert b'name="_apply_norm"' in body
    assert b'name="_copy_day"' in body
    data = edit_page_data(manager, own)
    data["_apply_norm"] = "1"
    assert manager.post(change_url(own), data).status_code == 302
    assert week(own) == norm_week()

    # A crafted POST to another cluster's place: not found, nothing changed.
    response = manager.post(change_url(other), {**data, "cluster": str(other.cluster_id)})
    assert response.status_code == 404
    assert not other.opening_hours.exists()


def test_view_only_staff_get_no_shortcuts_and_cannot_post_them(place):
    municipality = staff_client(roles.MUNICIPALITY)
    response = municipality.get(change_url(place))
    assert response.status_code == 200
    assert b"_apply_norm" not in response.content
    response = municipality.post(change_url(place), {"_apply_norm": "1"})
    assert response.status_code == 403
    assert not place.opening_hours.exists()


def test_norm_action_on_the_selected_places(admin_client):
    chosen = LocationFactory.create_batch(2)
    other = LocationFactory()
    OpeningHoursFactory(
        location=chosen[0], weekday=0, opens=datetime.time(9), closes=datetime.time(12)
    )

    response = admin_client.post(
        reverse("admin:locaties_location_changelist"),
        {"action": "apply_norm", "_selected_action": [p.pk for p in chosen]},
        follow=True,
    )

    assert [week(p) for p in chosen] == [norm_week(), norm_week()]
    assert not other.opening_hours.exists()
    level, text = messages_of(response)[-1]
    assert level == "success"
    assert "filled in for 2 places" in text


def test_the_norm_action_fills_in_each_places_own_norm_and_skips_kinds_without(admin_client):
    hall = LocationKindFactory(
        slug="dorpshuis",
        norm_weekdays=[0, 1, 2, 3, 4],
        norm_opens=datetime.time(9),
        norm_closes=datetime.time(17),
        norm_supervised=False,
    )
    library = LocationKindFactory(slug="bibliotheek")  # no norm
    house, village, books = (
        LocationFactory(),
        LocationFactory(kind=hall),
        LocationFactory(name="Bieb", kind=library),
    )

    response = admin_client.post(
        reverse("admin:locaties_location_changelist"),
        {"action": "apply_norm", "_selected_action": [house.pk, village.pk, books.pk]},
        follow=True,
    )

    assert week(house) == norm_week()
    assert week(village) == [(day, "09:00", "17:00", False) for day in range(5)]
    assert week(books) == []
    (success, skipped) = messages_of(response)[-2:]
    assert success == ("success", "The norm hours of their kind are filled in for 2 places.")
    assert skipped[0] == "warning"
    assert "1 place is of a kind without a norm and is left as it was: Bieb." in skipped[1]


def test_a_place_whose_kind_has_no_norm_has_no_norm_button(admin_client):
    place = LocationFactory(kind=LocationKindFactory(slug="bibliotheek"))
    response = admin_client.get(change_url(place))
    assert b'name="_apply_norm"' not in response.content
    # A crafted press of the button changes nothing and says why.
    data = edit_page_data(admin_client, place)
    data["_apply_norm"] = "1"
    response = admin_client.post(change_url(place), data, follow=True)
    assert week(place) == []
    assert messages_of(response)[-1][0] == "error"
    assert "has no norm" in messages_of(response)[-1][1]


def test_the_norm_button_says_the_norm_of_the_places_kind(admin_client):
    hall = LocationKindFactory(
        slug="dorpshuis",
        norm_weekdays=[0, 1, 2, 3, 4],
        norm_opens=datetime.time(9),
        norm_closes=datetime.time(17),
    )
    response = admin_client.get(change_url(LocationFactory(kind=hall)))
    assert "Fill in the norm: Monday to Friday 09:00–17:00, supervised" in page_text(response)
