"""The admin as staff meet it on a 1280 px screen and a 768 px tablet: change lists show
every column, the header says who is at work, the defaults fit, the exceptions sit next to
the opening hours, and axe finds nothing on these pages. In a real Chromium, per role,
logged in through the login form."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from activiteiten.models import Activity
from ontmoeting import roles
from tests.beheer.conftest import make_staff
from tests.browser.test_admin_journeys import DJANGO_SELECT2, assert_accessible, log_in
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    ClusterFactory,
    LocationFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    PersonFactory,
    ScheduleFactory,
)

# The role groups, which a flush removes, are put back after each test (tests/conftest.py).
pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [1280, 768]
LONG = "Stichting Enschedese Speeltuinen en Buurtwerk"


def named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


@pytest.fixture
def city():
    """A list as long and as wide as the demo's: long names of places and organisations."""
    alifa = OrganisationFactory(name="Alifa", slug="alifa")
    other = OrganisationFactory(
        name=LONG, slug="stichting", email="secretariaat.buurtwerk@example.org"
    )
    north = ClusterFactory(name="Velve-Lindenhof – Wooldrik", slug="velve")
    south = ClusterFactory(name="Stroinkslanden – Helmerhoek", slug="stroinkslanden")
    places = [
        LocationFactory(name=name, slug=f"plek-{n}", cluster=north if n % 2 else south)
        for n, name in enumerate(
            [
                "Kinderboerderij 't Erve Wooldrik",
                "Ontmoetingspark Rigtersbleek",
                "Wijkcentrum De Magneet",
                "Buurthuis Galvanie",
            ]
        )
    ]
    for place in places:
        for weekday in range(7):
            OpeningHoursFactory(location=place, weekday=weekday)
        OpeningExceptionFactory(location=place, reason="Tweede kerstdag en de dag erna")
    today = timezone.localdate()
    for n in range(12):
        activity = ActivityFactory(
            title=f"Buiten spelen met de buurtsportcoach {n}",
            slug=f"buiten-{n}",
            organiser=alifa if n % 3 else other,
            location=places[n % len(places)],
            status=Activity.Status.PUBLISHED,
            last_verified=today,
        )
        ScheduleFactory(activity=activity, start_date=today)
    PersonFactory(
        name="Annie Leferink-van den Broek",
        organisation=other,
        email="annie.leferink-van-den-broek@example.org",
        clusters=[north],
    )
    return {
        "alifa": alifa,
        "places": places,
        "welfare": named(
            make_staff("alifa", role=roles.WELFARE_WORKER, organisations=[alifa]),
            "Nadia",
            "el Amrani",
        ),
        "manager": named(
            make_staff("clustermanager", role=roles.CLUSTER_MANAGER, clusters=[north, south]),
            "Sandra",
            "Geerdink",
        ),
        "admin": named(make_staff("beheerder", role=roles.FUNCTIONAL_ADMIN), "Peter", "Bosch"),
    }


def assert_list_fits(page) -> None:
    """No column of the change list is cut off: the list needs no scrolling sideways, and
    the page none either."""
    expect(page.locator("#result_list")).to_be_visible()
    sizes = page.evaluate(
        """() => {
          const results = document.querySelector('#changelist-form .results');
          const box = results.getBoundingClientRect();
          const last = [...document.querySelectorAll('#result_list thead th')].pop();
          return {client: results.clientWidth, scroll: results.scrollWidth,
                  right: box.right, lastRight: last.getBoundingClientRect().right,
                  page: document.documentElement.scrollWidth, window: window.innerWidth};
        }"""
    )
    assert sizes["scroll"] <= sizes["client"], sizes
    assert sizes["lastRight"] <= sizes["right"] + 1, sizes
    assert sizes["page"] <= sizes["window"], sizes


LISTS = {
    "welfare": ["/beheer/activiteiten/activity/", "/beheer/locaties/location/"],
    "manager": ["/beheer/locaties/location/", "/beheer/locaties/person/"],
    "admin": [
        "/beheer/activiteiten/activity/",
        "/beheer/locaties/location/",
        "/beheer/locaties/person/",
        "/beheer/locaties/organisation/",
        "/beheer/auth/user/",
    ],
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("who", list(LISTS))
def test_change_lists_show_every_column(live_server, page, city, who, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, city[who].username)
    for url in LISTS[who]:
        page.goto(live_server.url + url)
        assert_list_fits(page)
        # The place column of the activity list, cut off at 1280 px before.
        if url == "/beheer/activiteiten/activity/":
            plek = page.locator("#result_list thead th.column-location")
            expect(plek).to_be_in_viewport()
            expect(page.locator("#result_list thead th.column-next_date")).to_be_in_viewport()
        assert_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_header_says_who_is_at_work(live_server, page, city, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, "alifa")
    identity = page.locator("#user-tools .staff-identity")
    expect(identity).to_have_text("Ingelogd als Nadia el Amrani · Alifa")
    expect(identity).to_be_in_viewport()
    # Written as typed, not in capitals.
    assert identity.evaluate("e => getComputedStyle(e).textTransform") == "none"
    assert_accessible(page)


def test_a_welfare_worker_finds_organiser_contact_and_recent_place_filled_in(
    live_server, page, city
):
    PersonFactory(name="Nadia el Amrani", organisation=city["alifa"])
    # Places where Alifa has nothing, first in the alphabet.
    for name in ("Aa-huis", "Abdij"):
        LocationFactory(name=name, slug=name.lower())
    log_in(page, live_server, "alifa")
    page.goto(live_server.url + "/beheer/activiteiten/activity/add/")
    expect(page.locator("#id_organiser")).to_have_value(str(city["alifa"].pk))
    expect(page.locator("#id_organiser option")).to_have_count(1)
    expect(page.locator("#id_contact_person + .select2")).to_contain_text("Nadia el Amrani")

    # The place list opens with the places of Alifa's activities, before the rest.
    page.locator("#id_location + .select2 .select2-selection").click()
    options = page.locator(".select2-container--open .select2-results__option")
    expect(options).to_have_count(6)  # loaded: the four places of the city and the two above
    alifa_places = {
        a.location.name
        for a in Activity.objects.filter(organiser=city["alifa"]).select_related("location")
    }
    texts = options.all_inner_texts()
    assert set(texts[: len(alifa_places)]) == alifa_places
    assert texts[len(alifa_places) :] == ["Aa-huis", "Abdij"]
    page.keyboard.press("Escape")
    assert_accessible(page, exclude=DJANGO_SELECT2)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_exceptions_sit_right_under_the_weekly_hours(live_server, page, city, width):
    page.set_viewport_size({"width": width, "height": 900})
    place = city["places"][0]
    log_in(page, live_server, "clustermanager")
    page.goto(f"{live_server.url}/beheer/locaties/location/{place.pk}/change/")
    top = {
        name: page.locator(selector).evaluate("e => e.getBoundingClientRect().top + scrollY")
        for name, selector in {
            "hours": "fieldset:has(> h2:text-is('Openingstijden'))",
            "weekly": "#opening_hours-group",
            "exceptions": "#exceptions-group",
            "address": "fieldset:has(> h2:text-is('Adres en kaart'))",
        }.items()
    }
    assert top["hours"] < top["weekly"] < top["exceptions"] < top["address"], top
    # Both tables fit the page: nothing to scroll sideways to, on a tablet either.
    for group in ("#opening_hours-group", "#exceptions-group"):
        overflow = page.locator(group).evaluate(
            "e => [e.scrollWidth, e.clientWidth, document.documentElement.scrollWidth, innerWidth]"
        )
        assert overflow[0] <= overflow[1], (group, overflow)
        assert overflow[2] <= overflow[3], (group, overflow)
    # No capital mid-sentence in the links that add a row.
    expect(page.locator("#exceptions-group .add-row a")).to_have_text(
        "Nog een uitzondering op de openingstijden toevoegen"
    )
    assert_accessible(page, exclude=DJANGO_SELECT2)


def test_one_word_for_a_date_that_does_not_go_ahead_in_the_form(live_server, page, city):
    activity = Activity.objects.filter(organiser=city["alifa"]).first()
    schedule = activity.schedules.get()
    CancellationFactory(activity=activity, date=schedule.start_date, reason="Zaal bezet")
    log_in(page, live_server, "alifa")
    page.goto(f"{live_server.url}/beheer/activiteiten/activity/{activity.pk}/change/")
    expect(page.locator("#cancellations-group h2")).to_have_text("Datums die niet doorgaan")
    expect(page.locator("#cancellations-group .add-row a")).to_have_text(
        "Nog een datum die niet doorgaat toevoegen"
    )
    preview = page.locator("#schedules-group .schedule-preview").first
    expect(preview.locator(".schedule-preview__date--cancelled").first).to_contain_text(
        "(gaat niet door"
    )
    expect(preview.locator("button").first).to_have_text("Deze datum gaat niet door")
    expect(page.locator("#schedules-group .add-row a")).to_have_text("Nog een rooster toevoegen")
