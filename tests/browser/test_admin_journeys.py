"""Staff journeys through the admin in a real Chromium, from the login form to the public site.

The browser tests run on a clock of their own (tests/conftest.py: a Tuesday morning near
today), so dates are chosen relative to that day.
"""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from activiteiten.models import Activity
from locaties.models import Location, LocationKind
from ontmoeting import roles
from tests.beheer.conftest import PASSWORD, make_staff
from tests.factories import (
    ActivityFactory,
    ClusterFactory,
    LocationFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    ScheduleFactory,
)

# The role groups, which a flush removes, are put back after each test (tests/conftest.py).
pytestmark = pytest.mark.django_db(transaction=True)

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def city():
    """Two organisations, two clusters with a meeting house each, and staff for both."""
    alifa = OrganisationFactory(name="Alifa", slug="alifa")
    vizier = OrganisationFactory(name="Vizier", slug="vizier")
    north = ClusterFactory(name="Noord", slug="noord")
    south = ClusterFactory(name="Zuid", slug="zuid")
    bolder = LocationFactory(name="Ontmoetingshuis De Bolder", slug="de-bolder", cluster=north)
    for weekday in range(7):
        OpeningHoursFactory(location=bolder, weekday=weekday)
    # No hours yet: closed until the cluster manager fills them in.
    magneet = LocationFactory(
        name="Wijkcentrum De Magneet",
        slug="de-magneet",
        cluster=north,
        closed_on_public_holidays=True,
    )
    elsewhere = LocationFactory(name="Buurthuis Zuid", slug="buurthuis-zuid", cluster=south)
    vizier_activity = ActivityFactory(
        title="Koffie bij Vizier", slug="koffie-bij-vizier", organiser=vizier, location=bolder
    )
    ScheduleFactory(activity=vizier_activity, start_date=timezone.localdate())
    return {
        "alifa": alifa,
        "vizier_activity": vizier_activity,
        "bolder": bolder,
        "magneet": magneet,
        "elsewhere": elsewhere,
        "welfare": make_staff("alifa", role=roles.WELFARE_WORKER, organisations=[alifa]),
        "manager": make_staff("clustermanager", role=roles.CLUSTER_MANAGER, clusters=[north]),
    }


def log_in(page, live_server, username: str) -> None:
    """Through the real login form, as a person would."""
    page.goto(live_server.url + "/beheer/login/?next=/beheer/")
    page.get_by_label(re.compile("gebruikersnaam", re.IGNORECASE)).fill(username)
    page.get_by_label(re.compile("wachtwoord", re.IGNORECASE)).fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(live_server.url + "/beheer/")


def choose_in_autocomplete(page, field_id: str, text: str) -> None:
    """Pick ``text`` in one of the admin's select2 autocomplete fields."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def violations(page, exclude: list[str] | None = None) -> list:
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    results = Axe().run(page, context=context, options=WCAG_21_AA)
    return results


def assert_accessible(page, exclude: list[str] | None = None) -> None:
    results = violations(page, exclude)
    assert results.violations_count == 0, results.generate_report()


# --- (a) A welfare worker adds a weekly activity ------------------------------------------


def test_welfare_worker_adds_a_weekly_activity_that_appears_on_the_agenda_and_in_its_feed(
    live_server, page, city
):
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    log_in(page, live_server, "alifa")

    page.goto(live_server.url + "/beheer/activiteiten/activity/add/")
    page.locator("#id_title").press_sequentially("Taalcafé voor nieuwkomers")
    # The slug follows the title while typing (the admin's prepopulated field).
    expect(page.locator("#id_slug")).to_have_value(re.compile(r"^taalcafe-voor-nieuwkomers"))
    choose_in_autocomplete(page, "id_location", "De Bolder")
    # Only their own organisation is offered, and it is already chosen.
    organiser = page.locator("#id_organiser")
    assert organiser.locator("option").all_inner_texts() == ["Alifa"]
    expect(organiser).to_have_value(str(city["alifa"].pk))
    page.locator("#id_status").select_option("published")

    page.locator("#id_schedules-0-start_date").fill(today.isoformat())
    page.locator("#id_schedules-0-start_time").fill("14:00")
    page.locator("#id_schedules-0-end_time").fill("16:00")
    page.locator("#id_schedules-0-frequency").select_option("weekly")
    page.locator("#id_schedules-0-interval").fill("1")
    page.locator(f'input[name="schedules-0-weekdays"][value="{tomorrow.weekday()}"]').check()
    page.locator("input[name=_save]").click()

    expect(page.locator(".messagelist .success").first).to_be_visible()
    activity = Activity.objects.get(title="Taalcafé voor nieuwkomers")
    assert activity.organiser == city["alifa"]
    assert activity.schedules.count() == 1

    # On the public agenda of the coming seven days …
    page.goto(live_server.url + "/activiteiten/")
    expect(page.get_by_text("Taalcafé voor nieuwkomers").first).to_be_visible()
    # … and in its iCalendar feed, as a weekly rule.
    response = page.request.get(f"{live_server.url}/activiteiten/{activity.slug}/agenda.ics")
    assert response.status == 200
    events = list(Calendar.from_ical(response.body()).walk("VEVENT"))
    assert len(events) == 1
    rule = events[0]["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["BYDAY"] == [["MO", "TU", "WE", "TH", "FR", "SA", "SU"][tomorrow.weekday()]]
    assert str(events[0]["SUMMARY"]) == "Taalcafé voor nieuwkomers"

    # Vizier's activity is not theirs to open, nor to change.
    vizier = city["vizier_activity"]
    for address in (
        f"/beheer/activiteiten/activity/{vizier.pk}/change/",
        f"/beheer/activiteiten/activity/{vizier.pk}/delete/",
    ):
        response = page.goto(live_server.url + address)
        assert response.status in (403, 404), address
    page.goto(live_server.url + "/beheer/activiteiten/activity/")
    expect(page.locator("#result_list")).to_contain_text("Taalcafé voor nieuwkomers")
    expect(page.locator("#result_list")).not_to_contain_text("Koffie bij Vizier")


# --- (b) A cluster manager changes opening hours ------------------------------------------


def test_cluster_manager_opens_a_place_and_the_public_page_says_so(live_server, page, city):
    magneet = city["magneet"]
    page.goto(f"{live_server.url}/locaties/{magneet.slug}/")
    expect(page.locator(".state-box .state")).to_have_class(re.compile("state--closed"))

    log_in(page, live_server, "clustermanager")
    page.goto(f"{live_server.url}/beheer/locaties/location/{magneet.pk}/change/")
    # All day today (00:00 until midnight), so "open now" does not depend on the hour.
    page.locator("#opening_hours-group .add-row a").click()
    today = timezone.localdate()
    page.locator("#id_opening_hours-0-weekday").select_option(str(today.weekday()))
    page.locator("#id_opening_hours-0-opens").fill("00:00")
    page.locator("#id_opening_hours-0-closes").fill("00:00")
    # Today might be a public holiday; this place then opens all the same.
    page.locator("#id_closed_on_public_holidays").uncheck()
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    assert Location.objects.get(pk=magneet.pk).opening_hours.count() == 1

    page.goto(f"{live_server.url}/locaties/{magneet.slug}/")
    expect(page.locator(".state-box .state")).to_have_class(re.compile("state--open"))

    # A place in another cluster cannot be edited, or even opened in the admin.
    elsewhere = city["elsewhere"]
    response = page.goto(f"{live_server.url}/beheer/locaties/location/{elsewhere.pk}/change/")
    assert response.status in (403, 404)
    page.goto(live_server.url + "/beheer/locaties/location/")
    expect(page.locator("#result_list")).not_to_contain_text("Buurthuis Zuid")


# --- (c) Accessibility of what we add to the admin ----------------------------------------


def test_login_page_is_accessible(live_server, page, city):
    page.goto(live_server.url + "/beheer/login/")
    assert_accessible(page)


def test_activity_change_list_is_accessible(live_server, page, city):
    log_in(page, live_server, "alifa")
    ActivityFactory(
        title="Breiclub", slug="breiclub", organiser=city["alifa"], location=city["bolder"]
    )
    page.goto(live_server.url + "/beheer/activiteiten/activity/")
    expect(page.locator("#result_list")).to_be_visible()
    assert_accessible(page)


# Django's own select2 autocomplete widget (used for the place and the contact person): its
# combobox is labelled only by the box that shows the chosen value, which is empty until
# something is chosen, so axe reports "aria-input-field-name" on both spans. That markup
# is made by the select2 copy inside Django (django/contrib/admin/static/admin/js/vendor),
# not by us; everything else on the form is checked.
DJANGO_SELECT2 = [".select2-selection", ".select2-selection__rendered"]


def test_activity_add_form_is_accessible(live_server, page, city):
    log_in(page, live_server, "alifa")
    page.goto(live_server.url + "/beheer/activiteiten/activity/add/")
    assert_accessible(page, exclude=DJANGO_SELECT2)


def test_activity_change_form_is_accessible(live_server, page, city):
    activity = ActivityFactory(
        title="Breiclub", slug="breiclub", organiser=city["alifa"], location=city["bolder"]
    )
    ScheduleFactory(activity=activity, start_date=timezone.localdate())
    log_in(page, live_server, "alifa")
    page.goto(f"{live_server.url}/beheer/activiteiten/activity/{activity.pk}/change/")
    assert_accessible(page, exclude=DJANGO_SELECT2)


def test_without_the_exclusion_only_djangos_select2_is_reported(live_server, page, city):
    """Keeps the exclusion honest: if Django fixes its widget, or we add a problem of our
    own, this test says so."""
    log_in(page, live_server, "alifa")
    page.goto(live_server.url + "/beheer/activiteiten/activity/add/")
    results = violations(page)
    reported = {
        (violation["id"], node["target"][0] if isinstance(node["target"][0], str) else "")
        for violation in results.response["violations"]
        for node in violation["nodes"]
    }
    assert {rule for rule, _target in reported} <= {"aria-input-field-name"}, reported


# --- (d) A functional administrator makes a kind of place with its norm ---------------------


def test_functional_administrator_makes_a_kind_with_an_icon_and_a_norm(live_server, page, city):
    make_staff("beheerder", role=roles.FUNCTIONAL_ADMIN)
    log_in(page, live_server, "beheerder")
    page.goto(live_server.url + "/beheer/locaties/locationkind/add/")
    assert_accessible(page)
    page.locator("#id_name_nl").press_sequentially("Dorpshuis")
    expect(page.locator("#id_slug")).to_have_value("dorpshuis")
    page.locator("#id_plural_nl").fill("Dorpshuizen")
    page.locator("#id_name_en").fill("Village hall")
    page.locator("#id_plural_en").fill("Village halls")
    # The icons are chosen by their picture and name: radio buttons, no upload.
    page.get_by_label(re.compile("dorpshuis \\(gebouw met een toren\\)")).check()
    for day in ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"):
        page.get_by_label(day, exact=True).check()
    page.locator("#id_norm_opens").fill("09:00")
    page.locator("#id_norm_closes").fill("17:00")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("Dorpshuis")

    kind = LocationKind.objects.get(slug="dorpshuis")
    assert (kind.icon, kind.norm_weekdays) == ("village_hall", [0, 1, 2, 3, 4])
    assert_accessible(page)  # the list of kinds, with their icons and norms
    expect(page.locator("#result_list")).to_contain_text("maandag tot en met vrijdag 09:00–17:00")

    # A kind that places use cannot be deleted; the admin says how many.
    house = LocationKind.objects.get(slug="house")
    page.goto(f"{live_server.url}/beheer/locaties/locationkind/{house.pk}/delete/")
    expect(page.locator(".messagelist")).to_contain_text("3 plekken hebben deze soort")
    assert LocationKind.objects.filter(pk=house.pk).exists()
