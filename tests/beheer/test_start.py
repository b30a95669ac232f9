"""The admin's start page per role (beheer/start/) and its "Still correct" button.

Everything runs on a frozen clock: Tuesday 1 December 2026, 10:00 in Amsterdam (no public
holiday in the first three weeks; Christmas falls in the 90 days looked ahead).
"""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from beheer import roles
from tests.beheer.conftest import client_for, make_staff
from tests.conftest import TUESDAY_MORNING
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    ClusterFactory,
    LocationFactory,
    LocationKindFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    PersonFactory,
    ScheduleFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

INDEX = reverse("admin:index")
TODAY = TUESDAY_MORNING.date()


@pytest.fixture
def clock():
    with time_machine.travel(TUESDAY_MORNING, tick=False) as traveller:
        yield traveller


def open_every_day(place):
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday)
    return place


def weekly(activity, weekday, start, end, **fields):
    return ScheduleFactory(
        activity=activity,
        weekdays=[weekday],
        start_time=datetime.time(*start),
        end_time=datetime.time(*end),
        **fields,
    )


@pytest.fixture
def city():
    """Alifa and Vizier at two houses of cluster Noord; a third house in cluster Zuid.

    Each Alifa activity needs attention for one reason only, so every section can be told
    apart; Vizier's need it too, and must never show on Alifa's page.
    """
    alifa = OrganisationFactory(name="Alifa", slug="alifa", email="info@alifa.example")
    vizier = OrganisationFactory(name="Vizier", slug="vizier")
    north = ClusterFactory(name="Noord", slug="noord")
    south = ClusterFactory(name="Zuid", slug="zuid")
    bolder = open_every_day(LocationFactory(name="De Bolder", slug="de-bolder", cluster=north))
    magneet = open_every_day(
        LocationFactory(
            name="De Magneet", slug="de-magneet", cluster=north, closed_on_public_holidays=False
        )
    )
    zuid = LocationFactory(
        name="Huis Zuid", slug="huis-zuid", cluster=south, latitude=None, longitude=None
    )
    PersonFactory(name="Anna Noord", clusters=[north])
    recent = datetime.date(2026, 11, 25)

    def activity(title, organiser, place, **fields):
        fields.setdefault("last_verified", recent)
        return ActivityFactory(title=title, organiser=organiser, location=place, **fields)

    # Ends on Monday 21 December: within four weeks; last verified before that came in view.
    breiclub = activity("Breiclub", alifa, bolder, last_verified=datetime.date(2026, 11, 1))
    weekly(breiclub, 0, (14, 0), (16, 0), until=datetime.date(2026, 12, 21))
    # Last verified on 1 August: more than 90 days ago. On Wednesdays, no public holiday near.
    taalcafe = activity("Taalcafé", alifa, bolder, last_verified=datetime.date(2026, 8, 1))
    weekly(taalcafe, 2, (14, 0), (16, 0))
    # Wednesdays at De Magneet, which is closed on Wednesday 9 December.
    koffie = activity("Koffie", alifa, magneet)
    weekly(koffie, 2, (10, 0), (12, 0))
    OpeningExceptionFactory(
        location=magneet, start_date=datetime.date(2026, 12, 9), reason="Verbouwing"
    )
    # Thursdays until 21:00, an hour after De Bolder closes.
    wandeling = activity("Avondwandeling", alifa, bolder)
    weekly(wandeling, 3, (19, 0), (21, 0))
    # Tuesdays in the same room as Vizier's gym.
    yoga = activity("Yoga", alifa, bolder, room="Zaal")
    weekly(yoga, 1, (10, 0), (12, 0))
    gym = activity("Gym", vizier, bolder, room="zaal ")
    weekly(gym, 1, (10, 30), (11, 30))
    # Vizier's own troubles: ends soon and never verified.
    huiswerk = activity("Huiswerkklas", vizier, bolder, last_verified=None)
    weekly(huiswerk, 0, (16, 0), (17, 0), until=datetime.date(2026, 12, 14))
    # Fine: open-ended, within the hours, its own room; it meets on Saturday 26 December,
    # when De Bolder is closed (a public holiday), but was verified since that came in view.
    schaakclub = activity("Schaakclub", alifa, bolder, room="Bibliotheek")
    weekly(schaakclub, 5, (9, 0), (10, 0))
    return {
        "alifa": alifa,
        "vizier": vizier,
        "north": north,
        "south": south,
        "bolder": bolder,
        "magneet": magneet,
        "zuid": zuid,
        "activities": {
            a.title: a
            for a in (breiclub, taalcafe, koffie, wandeling, yoga, gym, huiswerk, schaakclub)
        },
        "welfare": make_staff("alifa", role=roles.WELFARE_WORKER, organisations=[alifa]),
        "vizier_worker": make_staff("vizier", role=roles.WELFARE_WORKER, organisations=[vizier]),
        "manager": make_staff("noord", role=roles.CLUSTER_MANAGER, clusters=[north]),
        "municipality": make_staff("gemeente", role=roles.MUNICIPALITY),
        "administrator": make_staff("fb", role=roles.FUNCTIONAL_ADMIN),
    }


def start(user):
    response = client_for(user).get(INDEX)
    assert response.status_code == 200
    return response


def sections(response) -> dict:
    return {section.key: section for section in response.context["start"].sections}


def titles(section) -> list[str]:
    return [item.title for item in section.items]


def change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


# --- Welfare worker --------------------------------------------------------------------


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


# --- Cluster manager ------------------------------------------------------------------------


def test_a_cluster_manager_sees_the_gaps_and_closures_of_their_own_places(city):
    bare = LocationFactory(
        name="Speeltuin Noord", cluster=city["north"], latitude=None, longitude=None
    )
    OpeningExceptionFactory(
        location=city["bolder"],
        start_date=datetime.date(2026, 12, 14),
        end_date=datetime.date(2026, 12, 15),
        reason="Schilderen",
    )
    found = sections(start(city["manager"]))

    assert list(found) == ["no-hours", "no-supervisor", "no-coordinates", "closures"]
    assert titles(found["no-hours"]) == ["Speeltuin Noord"]
    # Anna Noord supervises the whole cluster; Huis Zuid is not this manager's.
    assert titles(found["no-supervisor"]) == []
    assert titles(found["no-coordinates"]) == ["Speeltuin Noord"]
    assert found["no-hours"].items[0].fix.url == change_url(bare) + "#opening_hours-group"
    assert found["no-coordinates"].items[0].fix.url == change_url(bare) + "#id_latitude"

    closures = found["closures"].items
    # Christmas Day and New Year's Day close De Bolder too, but nothing meets then.
    assert [item.title for item in closures] == [
        "De Magneet: Wed 9 Dec 2026",
        "De Bolder: Mon 14 Dec 2026 to Tue 15 Dec 2026",
        "De Bolder: Sat 26 Dec 2026",
    ]
    magneet, painting, boxing_day = closures
    assert magneet.problem == "Closed: Verbouwing. 1 date of an activity does not go ahead."
    assert [d.label for d in magneet.details] == ["Koffie (Alifa), Wed 9 Dec 2026 10:00"]
    assert magneet.details[0].url == change_url(city["activities"]["Koffie"])
    assert magneet.fix.url == change_url(city["magneet"]) + "#exceptions-group"
    # Monday 14: Breiclub and Huiswerkklas; Tuesday 15: Yoga and Gym.
    assert painting.problem == "Closed: Schilderen. 4 dates of activities do not go ahead."
    assert {d.label for d in painting.details} == {
        "Breiclub (Alifa), Mon 14 Dec 2026 14:00",
        "Huiswerkklas (Vizier), Mon 14 Dec 2026 16:00",
        "Yoga (Alifa), Tue 15 Dec 2026 10:00",
        "Gym (Vizier), Tue 15 Dec 2026 10:30",
    }
    assert boxing_day.problem == "Closed: Tweede kerstdag. 1 date of an activity does not go ahead."
    assert boxing_day.details[0].label == "Schaakclub (Alifa), Sat 26 Dec 2026 09:00"


def test_a_closure_people_entered_is_listed_even_when_it_stops_nothing(city):
    OpeningExceptionFactory(
        location=city["magneet"], start_date=datetime.date(2026, 12, 5), reason=""
    )
    items = sections(start(city["manager"]))["closures"].items
    quiet = next(item for item in items if item.title == "De Magneet: Sat 5 Dec 2026")
    assert quiet.problem == "Closed: no reason given. No activity is hit."
    assert quiet.details == ()


def test_a_place_without_supervisor_gets_an_add_link_for_its_cluster(city):
    far = ClusterFactory(name="Oost", slug="oost")
    manager = make_staff("oost", role=roles.CLUSTER_MANAGER, clusters=[far])
    alone = open_every_day(LocationFactory(name="Buurthuis Oost", cluster=far))
    item = sections(start(manager))["no-supervisor"].items[0]
    assert item.title == alone.name
    assert item.fix.url == (
        reverse("admin:locaties_person_add") + f"?role=sports_coach&clusters={far.pk}"
    )
    # The link leads to a form with the cluster ticked.
    form = client_for(manager).get(item.fix.url)
    assert form.status_code == 200
    assert form.context["adminform"].form.initial["clusters"] == [str(far.pk)]


def test_a_cluster_manager_has_no_still_correct_buttons(city):
    html = start(city["manager"]).content.decode()
    assert "/verified/" not in html


# --- Municipality staff and functional administrators ------------------------------------


def test_municipality_staff_see_the_overviews_and_the_gaps_of_all_places(city):
    response = start(city["municipality"])
    found = sections(response)
    assert list(found) == ["no-hours", "no-supervisor", "no-coordinates", "not-verified"]
    assert titles(found["no-hours"]) == ["Huis Zuid"]
    assert titles(found["no-supervisor"]) == ["Huis Zuid"]
    assert titles(found["no-coordinates"]) == ["Huis Zuid"]
    assert titles(found["not-verified"]) == ["Huiswerkklas", "Taalcafé"]
    # They may look, not change: the item leads to the place, and no button verifies.
    assert found["no-hours"].items[0].fix.url == change_url(city["zuid"])
    assert all(not item.verify_url for item in found["not-verified"].items)
    assert found["no-hours"].more.url == reverse("overzichten:quality") + "#no-hours"
    links = [link.url for link in response.context["start"].links]
    assert reverse("overzichten:quality") in links
    assert reverse("overzichten:norm") in links
    # The list of everything in the admin stays, below.
    assert 'id="start-everything-heading"' in response.content.decode()


def test_a_functional_administrator_gets_a_mix_with_buttons(city):
    found = sections(start(city["administrator"]))
    assert list(found) == ["no-hours", "no-supervisor", "no-coordinates", "not-verified", "ending"]
    assert titles(found["ending"]) == ["Huiswerkklas", "Breiclub"]
    assert all(item.verify_url for item in found["not-verified"].items)


def test_someone_with_two_roles_sees_each_section_once(city):
    both = make_staff(
        "beide", role=roles.WELFARE_WORKER, organisations=[city["alifa"]], clusters=[city["north"]]
    )
    from django.contrib.auth.models import Group

    both.groups.add(Group.objects.get(name=roles.MUNICIPALITY))
    found = sections(start(both))
    assert list(found) == [
        "ending",
        "not-verified",
        "closed-dates",
        "warnings",
        "no-hours",
        "no-supervisor",
        "no-coordinates",
    ]
    # The welfare worker's own list comes first: only Alifa's activity.
    assert titles(found["not-verified"]) == ["Taalcafé"]


def test_staff_without_a_role_are_told_so(city):
    plain = make_staff("medewerker")
    response = start(plain)
    assert response.context["start"].sections == []
    assert "no role yet" in response.content.decode()


def test_long_lists_are_cut_off_and_counted(city):
    from beheer.start import LIST_LIMIT

    for n in range(LIST_LIMIT + 3):
        LocationFactory(name=f"Plek {n:02}", cluster=city["south"])
    section = sections(start(city["municipality"]))["no-hours"]
    assert len(section.items) == LIST_LIMIT
    assert section.total == LIST_LIMIT + 4
    assert "And 4 more." in start(city["municipality"]).content.decode()


# --- Words ----------------------------------------------------------------------------------


def test_the_page_is_in_dutch_with_dutch_dates(city):
    client = client_for(city["welfare"])
    client.cookies["django_language"] = "nl"
    html = unescape(client.get(INDEX).content.decode())
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "De Magneet is dicht op wo 9 dec 2026. Reden: Verbouwing." in text
    assert "Klopt nog" in text
    assert "Still correct" not in text
    assert "Ending within four weeks" not in text


# --- An empty portal ---------------------------------------------------------------------


def test_an_empty_portal_asks_a_functional_administrator_for_the_kinds_of_places_first():
    """make start: nothing exists yet; places cannot be imported until there are kinds."""
    administrator = make_staff("wim", role=roles.FUNCTIONAL_ADMIN)
    client = client_for(administrator)
    client.cookies["django_language"] = "nl"
    response = client.get(INDEX)
    found = sections(response)
    assert next(iter(found)) == "no-kinds"
    (item,) = found["no-kinds"].items
    add_url = reverse("admin:locaties_locationkind_add")
    assert item.fix.url == add_url
    assert item.fix.label == "Een soort plek toevoegen"
    assert item.url == reverse("admin:locaties_locationkind_changelist")
    html = unescape(response.content.decode())
    assert "Nog geen soorten plekken" in html
    assert "de import van plekken wordt geweigerd" in html
    assert client_for(administrator).get(add_url).status_code == 200

    # Municipality staff may not add kinds: nothing to click for them.
    assert "no-kinds" not in sections(start(make_staff("gemeente", role=roles.MUNICIPALITY)))

    # Once a kind exists the item is gone.
    LocationKindFactory()
    assert "no-kinds" not in sections(start(administrator))


def test_the_import_of_places_is_refused_while_there_are_no_kinds():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from beheer import services
    from beheer.models import ImportBatch

    administrator = make_staff("wim", role=roles.FUNCTIONAL_ADMIN)
    ClusterFactory(number=1, name="Roden")
    upload = SimpleUploadedFile(
        "plekken.csv", b"naam;soort;cluster\nDorpshuis De Hoeksteen;dorpshuis;1\n"
    )
    batch = services.import_check(user=administrator, kind="places", upload=upload)
    assert batch.status == ImportBatch.Status.REJECTED
    messages = [problem["message"] for problem in batch.report["errors"]]
    assert any("er zijn nog geen soorten plekken" in message for message in messages), messages


def test_an_empty_portal_without_a_municipality_name_asks_for_the_settings_first(settings):
    settings.CITY_NAME = ""  # the installation's default: no town
    administrator = make_staff("wim", role=roles.FUNCTIONAL_ADMIN)
    found = sections(start(administrator))
    assert list(found)[:2] == ["no-settings", "no-kinds"]
    (item,) = found["no-settings"].items
    assert item.fix.url == reverse("admin:instellingen_sitesettings_change")
    assert client_for(administrator).get(item.fix.url).status_code == 200
    # A name in the settings (or the environment) settles it.
    settings.CITY_NAME = "Noordenveld"
    assert "no-settings" not in sections(start(administrator))
    # Who may not change the settings is not asked to.
    settings.CITY_NAME = ""
    assert "no-settings" not in sections(start(make_staff("gemeente", role=roles.MUNICIPALITY)))
