"""The opening hours and exceptions inlines of the place form: overlaps, times, rows."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from locaties import opening
from locaties.models import Location, OpeningHours
from tests.admin_helpers import add_rows, change_url, form_data
from tests.factories import ClusterFactory, LocationKindFactory, OpeningHoursFactory
from tests.locaties.admin.helpers import edit_page_data, row

pytestmark = pytest.mark.django_db


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
