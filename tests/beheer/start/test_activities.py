"""The start page's sections about activities (beheer/start/activities.py), as a welfare
worker sees them, and the "Still correct" button that settles them."""

import datetime
from html import unescape

import pytest
from django.urls import reverse

from tests.beheer.conftest import client_for
from tests.beheer.start.helpers import INDEX, TODAY, change_url, sections, start, titles, weekly
from tests.conftest import TUESDAY_MORNING
from tests.factories import ActivityFactory, CancellationFactory, OpeningExceptionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def test_a_welfare_worker_sees_what_needs_doing_in_their_own_activities(city):
    found = sections(start(city["welfare"]))

    assert list(found) == ["ending", "not-verified", "closed-dates", "warnings"]
    assert titles(found["ending"]) == ["Breiclub"]
    assert titles(found["not-verified"]) == ["Taalcafé"]
    assert titles(found["closed-dates"]) == ["Koffie"]
    assert titles(found["warnings"]) == ["Avondwandeling", "Yoga"]
    # What is the matter, in words, with each date once.
    assert found["ending"].items[0].problem == "The last date is Mon 21 Dec 2026."
    assert found["not-verified"].items[0].problem == "Last verified on Sat 1 Aug 2026."
    assert found["closed-dates"].items[0].problem == (
        "De Magneet is closed on Wed 9 Dec 2026. Reason: Verbouwing."
    )
    walk, yoga = found["warnings"].items
    assert walk.problem.startswith(
        "13 dates outside the opening hours of De Bolder: Thu 3 Dec 2026,"
    )
    assert yoga.problem.startswith(
        "13 dates at the same time as Gym in the same room: Tue 1 Dec 2026,"
    )


def test_another_organisations_activities_are_not_on_the_page(city):
    html = start(city["welfare"]).content.decode()
    assert "Huiswerkklas" not in html
    # Vizier's gym is named only as what Alifa's yoga overlaps with, never as an item.
    found = sections(start(city["welfare"]))
    assert all("Gym" not in titles(section) for section in found.values())

    mirrored = sections(start(city["vizier_worker"]))
    assert titles(mirrored["ending"]) == ["Huiswerkklas"]
    assert titles(mirrored["not-verified"]) == ["Huiswerkklas"]
    assert titles(mirrored["warnings"]) == ["Gym"]


def test_every_item_links_to_the_form_where_it_is_fixed(city):
    activities = city["activities"]
    found = sections(start(city["welfare"]))
    for section in found.values():
        for item in section.items:
            activity = activities[item.title]
            assert item.url == change_url(activity)
            assert item.fix.url.startswith(change_url(activity))
            assert item.verify_url == reverse(
                "admin:activiteiten_activity_verified", args=[activity.pk]
            )
    assert found["ending"].items[0].fix.url.endswith("#schedules-group")
    # The links are on the page, and each form they lead to opens for this user.
    client = client_for(city["welfare"])
    html = client.get(INDEX).content.decode()
    for section in found.values():
        for item in section.items:
            assert f'href="{item.fix.url}"' in html
            assert client.get(item.url).status_code == 200


def test_still_correct_marks_the_activity_verified_and_settles_its_items(city):
    taalcafe = city["activities"]["Taalcafé"]
    client = client_for(city["welfare"])
    html = client.get(INDEX).content.decode()
    verify = reverse("admin:activiteiten_activity_verified", args=[taalcafe.pk])
    assert f'action="{verify}"' in html

    response = client.post(verify, {"next": INDEX + "#not-verified"})

    assert response.status_code == 302
    assert response["Location"] == INDEX + "#not-verified"
    taalcafe.refresh_from_db()
    assert taalcafe.last_verified == TODAY
    assert taalcafe.history.latest().history_user == city["welfare"]
    page = client.get(INDEX)
    assert "“Taalcafé” is marked as verified today." in unescape(page.content.decode())
    assert titles(sections(page)["not-verified"]) == []


@pytest.mark.parametrize("title", ["Breiclub", "Koffie", "Avondwandeling", "Yoga"])
def test_still_correct_settles_an_item_that_was_due(city, title):
    activity = city["activities"][title]
    client = client_for(city["welfare"])
    client.post(reverse("admin:activiteiten_activity_verified", args=[activity.pk]))

    found = sections(client.get(INDEX))
    assert all(title not in titles(section) for section in found.values())


def test_a_closure_saved_after_the_check_shows_again(city, clock):
    koffie = city["activities"]["Koffie"]
    client = client_for(city["welfare"])
    client.post(reverse("admin:activiteiten_activity_verified", args=[koffie.pk]))
    assert titles(sections(client.get(INDEX))["closed-dates"]) == []

    # The next day the cluster manager closes De Magneet on another Wednesday.
    clock.move_to(TUESDAY_MORNING + datetime.timedelta(days=1))
    OpeningExceptionFactory(
        location=city["magneet"], start_date=datetime.date(2026, 12, 16), reason="Stemming"
    )

    # (Logged in again: a session lasts eight hours.)
    found = sections(client_for(city["welfare"]).get(INDEX))
    assert titles(found["closed-dates"]) == ["Koffie"]
    assert "Wed 16 Dec 2026" in found["closed-dates"].items[0].problem


def test_a_new_activity_in_the_same_room_warns_again(city, clock):
    breiclub = city["activities"]["Breiclub"]
    client = client_for(city["welfare"])
    client.post(reverse("admin:activiteiten_activity_verified", args=[breiclub.pk]))
    assert "Breiclub" not in titles(sections(client.get(INDEX))["warnings"])

    clock.move_to(TUESDAY_MORNING + datetime.timedelta(days=1))
    bingo = ActivityFactory(title="Bingo", organiser=city["vizier"], location=city["bolder"])
    weekly(bingo, 0, (15, 0), (17, 0))

    found = sections(client_for(city["welfare"]).get(INDEX))
    item = next(item for item in found["warnings"].items if item.title == "Breiclub")
    assert item.problem.startswith("3 dates at the same time as Bingo in the same room: Mon 7 Dec")


def test_a_date_the_organiser_cancelled_is_no_longer_an_item(city):
    koffie = city["activities"]["Koffie"]
    CancellationFactory(activity=koffie, date=datetime.date(2026, 12, 9), reason="Dicht")
    assert titles(sections(start(city["welfare"]))["closed-dates"]) == []


def test_the_next_address_must_be_on_this_site(city):
    taalcafe = city["activities"]["Taalcafé"]
    response = client_for(city["welfare"]).post(
        reverse("admin:activiteiten_activity_verified", args=[taalcafe.pk]),
        {"next": "https://elders.example/"},
    )
    assert response["Location"] == INDEX


# --- Forbidden: the "Still correct" POST on what is not yours -----------------------------


@pytest.mark.parametrize(
    ("user", "status"),
    [
        # Another organisation's activity is not found, as everywhere in the admin.
        ("welfare", 404),
        # Those who may only look at activities are refused.
        ("manager", 403),
        ("municipality", 403),
    ],
)
def test_still_correct_on_someone_elses_activity_is_refused(city, user, status):
    huiswerk = city["activities"]["Huiswerkklas"]
    url = reverse("admin:activiteiten_activity_verified", args=[huiswerk.pk])

    response = client_for(city[user]).post(url, {"next": INDEX})

    assert response.status_code == status
    huiswerk.refresh_from_db()
    assert huiswerk.last_verified is None


def test_still_correct_needs_a_post_and_a_login(city):
    taalcafe = city["activities"]["Taalcafé"]
    url = reverse("admin:activiteiten_activity_verified", args=[taalcafe.pk])
    assert client_for(city["welfare"]).get(url).status_code == 405
    anonymous = client_for(None).post(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("admin:login"))
    assert (
        client_for(city["welfare"]).post(url.replace(str(taalcafe.pk), "999999")).status_code == 404
    )
    taalcafe.refresh_from_db()
    assert taalcafe.last_verified == datetime.date(2026, 8, 1)


def test_the_list_action_goes_through_the_same_check(city):
    """The "Mark as verified today" action of the activity list uses the same service."""
    breiclub = city["activities"]["Breiclub"]
    huiswerk = city["activities"]["Huiswerkklas"]
    response = client_for(city["welfare"]).post(
        reverse("admin:activiteiten_activity_changelist"),
        {"action": "mark_verified", "_selected_action": [breiclub.pk, huiswerk.pk]},
    )
    assert response.status_code == 302
    breiclub.refresh_from_db()
    huiswerk.refresh_from_db()
    assert breiclub.last_verified == TODAY
    assert huiswerk.last_verified is None
    assert breiclub.history.latest().history_user == city["welfare"]
