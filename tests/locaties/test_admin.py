import datetime
import html
import re

import pytest
import time_machine
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import translation

from beheer import roles
from beheer.models import Membership
from locaties import opening
from locaties.admin import LocationAdmin
from locaties.models import Location, LocationKind, MarkerIcon, OpeningHours
from tests.conftest import TUESDAY_MORNING
from tests.factories import (
    ClusterFactory,
    LocationFactory,
    LocationKindFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_admin(admin_client):
    """These tests read the admin's English texts; the site itself defaults to Dutch."""
    admin_client.cookies["django_language"] = "en"


MONDAY_NOON = datetime.datetime(
    2026, 11, 23, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
)
MODELS = ["organisation", "location", "openinghours", "person"]


def _post_value(value):
    """A form value as a browser would send it (ISO dates are accepted in every language)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    return str(getattr(value, "pk", value))


def form_data(response) -> dict:
    """The POST data of an admin add or change page as it was rendered, inlines included."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets") or []:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if value is True:
                data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [_post_value(v) for v in value]
            else:
                data[field.html_name] = _post_value(value)
    return data


def add_rows(data: dict, prefix: str, rows: list[dict]) -> dict:
    """Append new inline rows after the ones already in ``data``."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    for offset, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{total + offset}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(total + len(rows))
    return data


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_add_page(admin_client, location, model):
    for page in ("changelist", "add"):
        response = admin_client.get(reverse(f"admin:locaties_{model}_{page}"))
        assert response.status_code == 200, page


def test_change_pages(admin_client):
    place = LocationFactory()
    place.host_organisations.add(OrganisationFactory())
    hours = OpeningHoursFactory(location=place)
    OpeningExceptionFactory(location=place)
    person = PersonFactory(clusters=[place.cluster], locations=[place])
    for obj in (place, place.host_organisations.get(), hours, person):
        assert admin_client.get(change_url(obj)).status_code == 200, obj


def test_change_page_says_whether_the_place_is_open(admin_client):
    place = LocationFactory()
    OpeningHoursFactory(location=place, weekday=0)
    with time_machine.travel(MONDAY_NOON, tick=False), translation.override("en"):
        response = admin_client.get(change_url(place), headers={"accept-language": "en"})
    assert "Open · closes at 20:00" in response.content.decode()


@pytest.mark.parametrize("rows", [5, 30])
def test_location_changelist_runs_bounded_queries(
    admin_client, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        place = LocationFactory(cluster=ClusterFactory())
        OpeningHoursFactory(location=place, weekday=0)
        OpeningHoursFactory(location=place, weekday=1)
        OpeningExceptionFactory(location=place)
    url = reverse("admin:locaties_location_changelist")
    # One of them lists the kinds of places for the "by kind" filter.
    with django_assert_max_num_queries(9):
        response = admin_client.get(url)
    assert len(response.context["cl"].result_list) == rows


@time_machine.travel(MONDAY_NOON, tick=False)
def test_open_now_column():
    open_place, closed_place = LocationFactory(), LocationFactory()
    OpeningHoursFactory(location=open_place, weekday=0)
    OpeningHoursFactory(location=closed_place, weekday=1)
    model_admin = LocationAdmin(Location, admin.site)
    places = Location.objects.with_hours().order_by("pk")
    assert [model_admin.open_now(place) for place in places] == [True, False]


def test_coordinates_filter(admin_client):
    on_map = LocationFactory()
    off_map = LocationFactory(latitude=None, longitude=None)
    url = reverse("admin:locaties_location_changelist")
    for value, expected in (("yes", on_map), ("no", off_map)):
        response = admin_client.get(url, {"coordinates": value})
        assert list(response.context["cl"].result_list) == [expected]


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_mark_places_verified(admin_client):
    places = LocationFactory.create_batch(2, last_verified=None)
    other = LocationFactory(last_verified=None)
    response = admin_client.post(
        reverse("admin:locaties_location_changelist"),
        {"action": "mark_verified", "_selected_action": [p.pk for p in places]},
        follow=True,
    )
    assert response.status_code == 200
    assert {p.last_verified for p in Location.objects.filter(pk__in=[p.pk for p in places])} == {
        TUESDAY_MORNING.date()
    }
    other.refresh_from_db()
    assert other.last_verified is None
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


# --- The opening hours inline -------------------------------------------------------


@pytest.fixture
def place():
    return LocationFactory(name="De Magneet", slug="de-magneet")


def edit_page_data(client, place) -> dict:
    response = client.get(change_url(place))
    assert response.status_code == 200
    return form_data(response)


def row(weekday, opens, closes):
    return {"weekday": str(weekday), "opens": opens, "closes": closes, "supervised": "on"}


def test_inline_prefixes_are_what_the_tests_post(admin_client, place):
    response = admin_client.get(change_url(place))
    prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    assert prefixes == ["opening_hours", "exceptions"]


def test_overlapping_rows_are_rejected_and_nothing_is_saved(admin_client, place):
    data = edit_page_data(admin_client, place)
    data["name"] = "Nieuwe naam"
    add_rows(data, "opening_hours", [row(0, "08:30", "12:00"), row(0, "11:00", "14:00")])

    response = admin_client.post(change_url(place), data, headers={"accept-language": "en"})

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    with translation.override("en"):
        expected = opening.overlap_message(
            "Monday",
            (
                opening.Interval(datetime.time(8, 30), datetime.time(12)),
                opening.Interval(datetime.time(11), datetime.time(14)),
            ),
        )
    assert formset.non_form_errors() == [expected]
    assert expected in response.content.decode()
    assert not OpeningHours.objects.exists()
    place.refresh_from_db()
    assert place.name == "De Magneet"


def test_overlap_with_a_saved_row_is_rejected(admin_client, place):
    OpeningHoursFactory(location=place, weekday=2, opens=datetime.time(9), closes=datetime.time(17))
    data = add_rows(
        edit_page_data(admin_client, place), "opening_hours", [row(2, "16:00", "20:00")]
    )

    response = admin_client.post(change_url(place), data)

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert OpeningHours.objects.count() == 1


def test_rows_that_do_not_overlap_are_saved(admin_client, place):
    data = edit_page_data(admin_client, place)
    add_rows(
        data,
        "opening_hours",
        [row(0, "08:30", "12:00"), row(0, "12:00", "20:00"), row(1, "08:30", "00:00")],
    )

    response = admin_client.post(change_url(place), data)

    assert response.status_code == 302
    assert sorted(
        (h.weekday, f"{h.opens:%H:%M}", f"{h.closes:%H:%M}") for h in place.opening_hours.all()
    ) == [(0, "08:30", "12:00"), (0, "12:00", "20:00"), (1, "08:30", "00:00")]


def test_a_row_shortened_and_a_row_added_in_one_go_are_saved(admin_client, place):
    # The saved row still says 08:30–20:00; only the submitted week counts.
    saved = OpeningHoursFactory(location=place, weekday=0)
    data = edit_page_data(admin_client, place)
    data["opening_hours-0-closes"] = "12:00"
    add_rows(data, "opening_hours", [row(0, "13:00", "20:00")])

    response = admin_client.post(change_url(place), data)

    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.closes == datetime.time(12)
    assert place.opening_hours.count() == 2


def test_a_row_marked_for_deletion_does_not_overlap(admin_client, place):
    old = OpeningHoursFactory(location=place, weekday=0)
    data = edit_page_data(admin_client, place)
    data["opening_hours-0-DELETE"] = "on"
    add_rows(data, "opening_hours", [row(0, "09:00", "17:00")])

    response = admin_client.post(change_url(place), data)

    assert response.status_code == 302
    assert not OpeningHours.objects.filter(pk=old.pk).exists()
    assert [(h.opens, h.closes) for h in place.opening_hours.all()] == [
        (datetime.time(9), datetime.time(17))
    ]


def test_closing_before_opening_is_still_rejected(admin_client, place):
    data = add_rows(
        edit_page_data(admin_client, place), "opening_hours", [row(3, "17:00", "09:00")]
    )

    response = admin_client.post(change_url(place), data)

    assert response.status_code == 200
    form = response.context["inline_admin_formsets"][0].formset.forms[0]
    with translation.override("en"):
        assert form.errors["closes"][0].startswith("The closing time must be later")
    assert not OpeningHours.objects.exists()


def test_time_fields_show_hours_and_minutes(admin_client, place):
    OpeningHoursFactory(location=place, opens=datetime.time(8, 30))
    body = admin_client.get(change_url(place)).content.decode()
    assert 'name="opening_hours-0-opens" value="08:30"' in body


def test_a_new_place_with_hours_can_be_added(admin_client):
    cluster = ClusterFactory()
    response = admin_client.get(reverse("admin:locaties_location_add"))
    data = form_data(response)
    house = LocationKindFactory(slug="house")
    data.update(name="De Vonk", slug="de-vonk", kind=str(house.pk), cluster=str(cluster.pk))
    add_rows(data, "opening_hours", [row(4, "08:30", "12:00"), row(4, "10:00", "20:00")])

    response = admin_client.post(reverse("admin:locaties_location_add"), data)
    assert response.status_code == 200
    assert not Location.objects.exists()

    data["opening_hours-1-opens"] = "12:00"
    response = admin_client.post(reverse("admin:locaties_location_add"), data)
    assert response.status_code == 302
    assert Location.objects.get().opening_hours.count() == 2


def test_exception_rows_are_saved_and_checked(admin_client, place):
    data = edit_page_data(admin_client, place)
    add_rows(
        data,
        "exceptions",
        [
            {"start_date": "2026-12-24", "kind": "closed", "reason": "Kerstavond"},
            {"start_date": "2026-12-31", "kind": "special_hours", "opens": "08:30"},
        ],
    )

    response = admin_client.post(change_url(place), data)
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][1].formset.forms[1].errors["closes"]
    assert not place.exceptions.exists()

    data["exceptions-1-closes"] = "14:00"
    assert admin_client.post(change_url(place), data).status_code == 302
    christmas_eve = place.exceptions.get(kind="closed")
    assert christmas_eve.end_date == christmas_eve.start_date


def test_inputs_in_table_rows_are_named_for_screen_readers(admin_client, place):
    OpeningHoursFactory(location=place)
    with translation.override("en"):
        body = admin_client.get(change_url(place), headers={"accept-language": "en"}).content
    assert b'aria-label="Opens"' in body
    # Also in the template the page copies when staff add a row.
    inputs = re.findall(rb"<input[^>]*>", body)
    assert any(b"exceptions-__prefix__-reason" in i and b'aria-label="Reason"' in i for i in inputs)


# --- Staff in a role ----------------------------------------------------------------


def staff_client(role=None, *, organisations=(), clusters=()) -> Client:
    """A logged-in client for a staff user in ``role`` (a beheer.roles group), reading English."""
    user = get_user_model().objects.create_user(
        username=f"staff{get_user_model().objects.count()}", password="x", is_staff=True
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    membership = Membership.objects.create(user=user)
    membership.organisations.set(organisations)
    membership.clusters.set(clusters)
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def messages_of(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def page_text(response) -> str:
    """The visible text of a page, tags dropped and white space collapsed."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    return re.sub(r"\s+", " ", text)


def inline_tags(body: bytes) -> list[bytes]:
    """<script> elements with code in them, and elements with a style attribute."""
    scripts = [
        tag
        for tag in re.findall(rb"<script\b[^>]*>", body)
        if b" src=" not in tag and b'type="application/json"' not in tag
    ]
    return scripts + re.findall(rb"<[a-z]+\b[^>]*\sstyle=[^>]*>", body)


# --- The map picker and the address lookup ---------------------------------------------


def test_the_place_form_has_the_map_picker_beside_the_coordinates(admin_client, place):
    body = admin_client.get(change_url(place)).content
    # The inputs stay: they are the way in without a mouse or without JavaScript.
    assert b'name="latitude"' in body
    assert b'name="longitude"' in body
    figure = re.search(rb"<figure[^>]*map-figure--picker[^>]*>", body).group(0)
    assert b"hidden" in figure  # shown by the script only
    assert b'data-picker data-latitude-input="id_latitude"' in body
    assert b'data-longitude-input="id_longitude"' in body
    assert reverse("admin:locaties_location_geocode").encode() in body
    assert b"js/map.js" in body
    assert b"js/admin/location-picker.js" in body
    assert b"css/admin.css" in body


def test_the_place_form_has_no_inline_script_or_style(admin_client, place):
    for url in (change_url(place), reverse("admin:locaties_location_add")):
        assert inline_tags(admin_client.get(url).content) == [], url


def test_the_public_map_is_not_a_picker(client, place):
    body = client.get(place.get_absolute_url()).content
    assert b"data-map" in body
    assert b"data-picker" not in body
    assert b"map-figure--picker" not in body


GEOCODE = reverse("admin:locaties_location_geocode")
MAGNEET = {"street": "Hertmebrink", "house_number": "1", "postcode": "7544 CZ", "city": "Enschede"}


def test_lookup_finds_the_address(admin_client, fake_geocoder):
    fake_geocoder.points["Hertmebrink 1, 7544 CZ Enschede"] = (52.19048612, 6.8748704)

    response = admin_client.get(GEOCODE, MAGNEET)

    assert response.status_code == 200
    data = response.json()
    assert (data["latitude"], data["longitude"]) == ("52.190486", "6.874870")
    assert data["message"].startswith("Found: Hertmebrink 1, 7544 CZ Enschede")
    assert fake_geocoder.requests[-1]["fq"] == ["type:adres"]


def test_lookup_falls_back_to_the_postcode(admin_client, fake_geocoder):
    response = admin_client.get(GEOCODE, {**MAGNEET, "street": "Onbekendestraat"})
    data = response.json()
    assert response.status_code == 200
    assert (data["latitude"], data["longitude"]) == ("52.190500", "6.874900")
    assert "middle of postcode" in data["message"]
    assert [r["fq"] for r in fake_geocoder.requests] == [["type:adres"], ["type:postcode"]]


def test_lookup_with_only_a_postcode(admin_client, fake_geocoder):
    response = admin_client.get(GEOCODE, {"postcode": "7511 ab"})
    assert response.json()["latitude"] == "52.221500"


def test_unknown_address_gets_a_plain_message(admin_client, fake_geocoder):
    response = admin_client.get(GEOCODE, {"street": "Nergensweg", "city": "Enschede"})
    assert response.status_code == 404
    assert response.json()["error"].startswith("This address was not found.")


@pytest.mark.parametrize("broken", [True, False])
def test_unreachable_geocoder_gets_a_plain_message(admin_client, settings, fake_geocoder, broken):
    if broken:
        fake_geocoder.broken = True
    else:
        settings.GEOCODER_URL = "http://127.0.0.1:9/unreachable"
    response = admin_client.get(GEOCODE, MAGNEET)
    assert response.status_code == 503
    assert response.json()["error"].startswith("The address lookup cannot be reached right now.")


@pytest.mark.parametrize(
    "params",
    [{}, {"city": "Enschede"}, {"street": "Hertmebrink"}, {"house_number": "1"}],
)
def test_lookup_without_enough_address_asks_for_it(admin_client, fake_geocoder, params):
    response = admin_client.get(GEOCODE, params)
    assert response.status_code == 400
    assert response.json()["error"].startswith("Fill in the street")
    assert fake_geocoder.requests == []


def test_lookup_refuses_silly_input_without_asking_the_geocoder(admin_client, fake_geocoder):
    for params in ({"street": "x" * 5000, "postcode": "7544CZ"}, {"postcode": "\x00" * 300}):
        response = admin_client.get(GEOCODE, params)
        assert response.status_code == 400, params
    assert fake_geocoder.requests == []


def test_lookup_is_for_staff_who_may_edit_places(client, fake_geocoder):
    assert client.get(GEOCODE, MAGNEET).status_code == 302  # to the login page
    welfare = staff_client(roles.WELFARE_WORKER)  # may only view places
    assert welfare.get(GEOCODE, MAGNEET).status_code == 403
    manager = staff_client(roles.CLUSTER_MANAGER, clusters=[ClusterFactory()])
    assert manager.get(GEOCODE, {"postcode": "7544CZ"}).status_code == 200


# --- Opening-hours shortcuts ------------------------------------------------------------


def norm_week() -> list[tuple]:
    return [(day, "08:30", "20:00", True) for day in range(7)]


def week(place) -> list[tuple]:
    return sorted(
        (h.weekday, f"{h.opens:%H:%M}", f"{h.closes:%H:%M}", h.supervised)
        for h in place.opening_hours.all()
    )


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


# --- The kinds of places -----------------------------------------------------------------


def kind_url(view, *args):
    return reverse(f"admin:locaties_locationkind_{view}", args=args)


def test_the_kind_form_offers_the_shipped_icons_with_their_pictures(admin_client):
    response = admin_client.get(kind_url("add"))
    assert response.status_code == 200
    body = response.content.decode()
    for icon in MarkerIcon.values:
        assert f'value="{icon}"' in body
        assert f"/static/img/markers/{icon}" in body
    # No upload anywhere: an icon is chosen, never sent.
    assert 'type="file"' not in body
    # The norm's days as seven checkboxes.
    assert body.count('type="checkbox" name="norm_weekdays"') == 7


def test_a_kind_is_added_with_its_norm(admin_client):
    data = {
        "name_nl": "Dorpshuis",
        "plural_nl": "Dorpshuizen",
        "name_en": "Village hall",
        "plural_en": "Village halls",
        "slug": "dorpshuis",
        "icon": "village_hall",
        "order": "1",
        "schema_type": "CivicStructure",
        "norm_weekdays": ["4", "0", "2"],
        "norm_opens": "09:00",
        "norm_closes": "17:00",
    }
    response = admin_client.post(kind_url("add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    kind = LocationKind.objects.get(slug="dorpshuis")
    assert kind.norm == opening.Norm((0, 2, 4), datetime.time(9), datetime.time(17), False)


def test_half_a_norm_or_an_uploaded_icon_is_refused_and_nothing_is_saved(admin_client):
    data = {
        "name_nl": "Dorpshuis",
        "plural_nl": "Dorpshuizen",
        "name_en": "Village hall",
        "plural_en": "Village halls",
        "slug": "dorpshuis",
        "icon": "../../../evil",
        "order": "1",
        "schema_type": "Place",
        "norm_weekdays": ["0"],
    }
    response = admin_client.post(kind_url("add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"icon", "norm_opens", "norm_closes"}
    assert not LocationKind.objects.filter(slug="dorpshuis").exists()


def test_the_kind_list_shows_norms_icons_and_place_counts(admin_client):
    LocationFactory.create_batch(2)
    LocationKindFactory(slug="bibliotheek")
    response = admin_client.get(kind_url("changelist"))
    text = page_text(response)
    assert "every day 08:30–20:00, supervised" in text
    assert "no norm" in text
    rows = {k.slug: k.place_count for k in response.context["cl"].result_list}
    assert rows == {"house": 2, "bibliotheek": 0}


def test_norm_action_reaches_only_the_managers_own_places():
    own, other = LocationFactory(), LocationFactory()
    manager = staff_client(roles.CLUSTER_MANAGER, clusters=[own.cluster])
    manager.post(
        reverse("admin:locaties_location_changelist"),
        {"action": "apply_norm", "_selected_action": [own.pk, other.pk]},
    )
    assert week(own) == norm_week()
    assert not other.opening_hours.exists()


# --- History --------------------------------------------------------------------------


def history_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


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


# --- A closure that hits activities ------------------------------------------------------

# Tuesday 1 December 2026, morning.
DECEMBER = datetime.datetime(
    2026, 12, 1, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
)


@pytest.fixture
def dinner_place():
    """A place with 'Samen eten' on Fridays 12:00 and 'Breien' on Thursdays 14:00; a draft
    and another place's activity on those days too."""
    from activiteiten.models import Activity
    from tests.factories import ActivityFactory, CancellationFactory, ScheduleFactory

    place = LocationFactory(name="Huis De Linde", closed_on_public_holidays=False)
    for title, weekday, hour in [("Samen eten", 4, 12), ("Breien", 3, 14)]:
        ScheduleFactory(
            activity=ActivityFactory(title=title, location=place),
            start_date=datetime.date(2026, 12, 1),
            weekdays=[weekday],
            start_time=datetime.time(hour),
            end_time=datetime.time(hour + 1),
        )
    draft = ActivityFactory(title="Concept", location=place, status=Activity.Status.DRAFT)
    ScheduleFactory(activity=draft, weekdays=[4])
    ScheduleFactory(activity=ActivityFactory(title="Elders"), weekdays=[4])
    breien = Activity.objects.get(title="Breien")
    CancellationFactory(activity=breien, date=datetime.date(2026, 12, 24))
    return place


@time_machine.travel(DECEMBER, tick=False)
def test_saving_a_closure_names_the_activities_it_stops(dinner_place):
    manager = staff_client(roles.CLUSTER_MANAGER, clusters=[dinner_place.cluster])
    manager.cookies["django_language"] = "nl"
    data = edit_page_data(manager, dinner_place)
    add_rows(
        data,
        "exceptions",
        [
            {
                "start_date": "2026-12-24",
                "end_date": "2026-12-26",
                "kind": "closed",
                "reason": "Kerst",
            }
        ],
    )

    response = manager.post(change_url(dinner_place), data, follow=True)

    warnings = [text for level, text in messages_of(response) if level == "warning"]
    assert warnings == [
        "Huis De Linde is dicht op een dag met een activiteit. Deze datum staat nu als "
        "‘gaat niet door’: Samen eten (vrijdag 25 december 2026 12:00). Laat het de "
        "organisator weten."
    ]
    # Breien on the 24th was cancelled by its organiser already; drafts and other places
    # are not named.


@time_machine.travel(DECEMBER, tick=False)
def test_a_closure_of_several_dates_lists_them_all_in_date_order(admin_client, dinner_place):
    data = edit_page_data(admin_client, dinner_place)
    add_rows(
        data,
        "exceptions",
        [{"start_date": "2026-12-10", "end_date": "2026-12-18", "kind": "closed"}],
    )
    response = admin_client.post(change_url(dinner_place), data, follow=True)
    (warning,) = [text for level, text in messages_of(response) if level == "warning"]
    assert warning == (
        "Huis De Linde is closed on days with activities. These 4 dates now show as not going "
        "ahead: Breien (Thursday 10 December 2026 14:00); Samen eten (Friday 11 December 2026 "
        "12:00); Breien (Thursday 17 December 2026 14:00); Samen eten (Friday 18 December "
        "2026 12:00). Let the organisers know."
    )


@time_machine.travel(DECEMBER, tick=False)
def test_special_hours_or_a_closure_without_activities_say_nothing(admin_client, dinner_place):
    data = edit_page_data(admin_client, dinner_place)
    add_rows(
        data,
        "exceptions",
        [
            {
                "start_date": "2026-12-11",
                "kind": "special_hours",
                "opens": "10:00",
                "closes": "14:00",
            },
            {"start_date": "2026-12-14", "kind": "closed"},  # a Monday: nothing on
            {"start_date": "2026-11-27", "kind": "closed"},  # in the past
        ],
    )
    response = admin_client.post(change_url(dinner_place), data, follow=True)
    assert dinner_place.exceptions.count() == 3
    assert [level for level, _text in messages_of(response)] == ["success"]


@time_machine.travel(DECEMBER, tick=False)
def test_closing_on_public_holidays_names_the_activities_on_holidays(admin_client, dinner_place):
    data = edit_page_data(admin_client, dinner_place)
    data["closed_on_public_holidays"] = "on"
    response = admin_client.post(change_url(dinner_place), data, follow=True)
    (warning,) = [text for level, text in messages_of(response) if level == "warning"]
    # Christmas Day and New Year's Day 2027 are Fridays, Ascension Day 2027 a Thursday.
    assert "Samen eten (Friday 25 December 2026 12:00)" in warning
    assert "Samen eten (Friday 1 January 2027 12:00)" in warning
    assert "Breien (Thursday 6 May 2027 14:00)" in warning
    # Saved again unchanged: no news, no message.
    again = admin_client.post(
        change_url(dinner_place), edit_page_data(admin_client, dinner_place), follow=True
    )
    assert [level for level, _text in messages_of(again)] == ["success"]
