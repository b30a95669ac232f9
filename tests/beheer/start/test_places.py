"""The start page's sections about places (beheer/start/places.py): a cluster manager's
gaps and closures, and an empty portal's first steps."""

import datetime
from html import unescape

import pytest
from django.urls import reverse

from ontmoeting import roles
from tests.beheer.conftest import client_for, make_staff
from tests.beheer.start.helpers import INDEX, change_url, open_every_day, sections, start, titles
from tests.factories import (
    ClusterFactory,
    LocationFactory,
    LocationKindFactory,
    OpeningExceptionFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


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
