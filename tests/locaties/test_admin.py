import datetime
import re

import pytest
import time_machine
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone, translation

from locaties import opening
from locaties.admin import LocationAdmin
from locaties.models import Location, OpeningHours
from tests.factories import (
    ClusterFactory,
    LocationFactory,
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
    for inline in response.context["inline_admin_formsets"]:
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
    with django_assert_max_num_queries(8):
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


def test_mark_places_verified(admin_client):
    places = LocationFactory.create_batch(2, last_verified=None)
    other = LocationFactory(last_verified=None)
    response = admin_client.post(
        reverse("admin:locaties_location_changelist"),
        {"action": "mark_verified", "_selected_action": [p.pk for p in places]},
        follow=True,
    )
    assert response.status_code == 200
    today = timezone.localdate()
    assert {p.last_verified for p in Location.objects.filter(pk__in=[p.pk for p in places])} == {
        today
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
    data.update(name="De Vonk", slug="de-vonk", kind="house", cluster=str(cluster.pk))
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
