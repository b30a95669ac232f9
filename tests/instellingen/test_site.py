"""instellingen.current(): the settings in force, the environment filling the gaps; a save
applies at once (also with the public pages cached), and costs no query per request."""

import datetime
import json

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import instellingen
from instellingen.models import SiteSettings
from locaties.opening import public_holiday

pytestmark = pytest.mark.django_db

SQUARE = [[[6.85, 52.2], [6.9, 52.2], [6.9, 52.25], [6.85, 52.25], [6.85, 52.2]]]


@pytest.fixture
def cache_on(settings):
    settings.CACHE_PUBLIC_ANSWERS = True


def test_without_a_saved_row_the_environment_holds(settings):
    settings.SITE_NAME, settings.CITY_NAME = "Buurtplekken", "Zwolle"
    settings.MAP_CENTER, settings.MAP_ZOOM = (52.51, 6.09), 13
    settings.MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.PUBLIC_HOLIDAYS_COUNTRY = "BE"
    site = instellingen.current()
    assert (site.site_name, site.city_name) == ("Buurtplekken", "Zwolle")
    assert (site.map_center, site.map_zoom) == ((52.51, 6.09), 13)
    assert site.tiles_origin == "https://tiles.example.org"
    assert site.holidays_country == "BE"
    assert (site.about_text, site.contact_url, site.privacy_url) == ("", "", "")
    assert site.boundaries_source == "file"
    assert SiteSettings.objects.count() == 0, "reading creates no row"


def test_a_field_left_empty_falls_back_to_the_environment(settings):
    settings.SITE_NAME, settings.MAP_ZOOM = "Buurtplekken", 13
    SiteSettings(city_name="Noordenveld", holidays_country="DE").save()
    site = instellingen.current()
    assert (site.site_name, site.city_name) == ("Buurtplekken", "Noordenveld")
    assert site.map_zoom == 13
    assert site.holidays_country == "DE"


def test_the_map_centre_needs_both_coordinates():
    SiteSettings(map_latitude="53.14", map_longitude=None).save()
    assert instellingen.current().map_center == (52.2215, 6.8937)
    SiteSettings(map_latitude="53.14", map_longitude="6.51", map_zoom=11).save()
    assert (instellingen.current().map_center, instellingen.current().map_zoom) == (
        (53.14, 6.51),
        11,
    )


def test_the_boundary_layer_uploaded_wins_over_the_file_and_can_be_switched_off(settings):
    layer = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": SQUARE},
                "properties": {},
            }
        ],
    }
    row = SiteSettings(boundaries=layer, boundaries_name="Dorpen", boundaries_attribution="WiN")
    row.save()
    site = instellingen.current()
    assert (site.boundaries_source, site.boundaries_name) == ("stored", "Dorpen")
    assert instellingen.stored_boundaries() == layer
    row.boundaries_shown = False
    row.save()
    assert not instellingen.current().has_boundaries
    settings.MAP_BOUNDARIES_FILE = ""
    row.boundaries_shown, row.boundaries = True, None
    row.save()
    assert instellingen.current().boundaries_source == ""


def test_the_boundaries_address_serves_the_stored_layer(client):
    layer = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": SQUARE},
                "properties": {"name": "Roden"},
            }
        ],
    }
    SiteSettings(boundaries=layer, boundaries_name="Dorpen").save()
    response = client.get(reverse("clusters:boundaries"))
    assert response["Content-Type"] == "application/geo+json"
    assert json.loads(response.content) == layer


def test_the_holidays_follow_the_settings():
    kings_day, german_unity = datetime.date(2027, 4, 27), datetime.date(2027, 10, 3)
    assert public_holiday(kings_day)
    assert not public_holiday(german_unity)
    SiteSettings(holidays_country="DE").save()
    assert public_holiday(german_unity)
    assert not public_holiday(kings_day)


def test_a_save_applies_at_once_to_cached_public_pages(client, cache_on):
    home = reverse("locaties:home")
    assert (
        "Meeting places in Enschede"
        in client.get(home, HTTP_COOKIE="django_language=en").content.decode()
    )
    SiteSettings(site_name="Ontmoeten", city_name="Noordenveld").save()
    page = client.get(home, HTTP_COOKIE="django_language=en").content.decode()
    assert "Meeting places in Noordenveld" in page
    assert "Enschede" not in page


def test_settings_are_read_from_the_cache_not_the_database(client):
    SiteSettings(city_name="Noordenveld").save()
    instellingen.current()  # the first read after the save: one query
    with CaptureQueriesContext(connection) as queries:
        assert instellingen.current().city_name == "Noordenveld"
        client.get(reverse("api:docs"))
    assert not [q for q in queries.captured_queries if "instellingen" in q["sql"]]


def test_the_first_read_after_a_save_is_one_query():
    SiteSettings(city_name="Noordenveld").save()
    with CaptureQueriesContext(connection) as queries:
        instellingen.current()
        instellingen.current()
    assert len(queries.captured_queries) == 1


def test_a_request_reads_the_settings_once(client):
    # The page asks for them many times (names, map, holidays, CSP): one query at most,
    # and only the first time after a save.
    SiteSettings(city_name="Noordenveld").save()
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("locaties:home"))
    assert len([q for q in queries.captured_queries if "instellingen" in q["sql"]]) == 1


def test_the_tiles_host_is_allowed_by_the_content_security_policy(client):
    SiteSettings(tiles_url="https://tile.openstreetmap.org/{z}/{x}/{y}.png").save()
    policy = client.get(reverse("locaties:home"))["Content-Security-Policy"]
    img_src = next(d for d in policy.split(";") if d.strip().startswith("img-src"))
    assert "https://tile.openstreetmap.org" in img_src
    assert "tiles.invalid" not in policy
    assert "script-src 'self'" in policy


def test_the_names_reach_the_feeds_and_the_api(client):
    SiteSettings(site_name="Ontmoeten", city_name="Noordenveld").save()
    feed = icalendar.Calendar.from_ical(
        client.get(reverse("activiteiten:agenda_ical"), HTTP_COOKIE="django_language=en").content
    )
    assert feed["X-WR-CALNAME"] == "Activities in Noordenveld"
    schema = client.get(reverse("api:schema")).json()
    assert schema["info"]["title"] == "Ontmoeten Noordenveld – open data API"


def test_the_about_page_and_the_footer_links(client):
    about = reverse("about")
    assert client.get(about).status_code == 404, "no text: no page"
    SiteSettings(
        about_text="Deze site is van de gemeente.\n\nVragen? Bel ons.",
        contact_url="https://www.noordenveld.nl/contact",
        privacy_url="https://www.noordenveld.nl/privacy",
    ).save()
    page = client.get(about).content.decode()
    assert "<p>Deze site is van de gemeente.</p>" in page
    assert "<p>Vragen? Bel ons.</p>" in page
    home = client.get(reverse("locaties:home")).content.decode()
    footer = home[home.index('<footer class="site-footer">') :]
    assert f'href="{about}"' in footer
    assert 'href="https://www.noordenveld.nl/contact"' in footer
    assert 'href="https://www.noordenveld.nl/privacy"' in footer


def test_the_about_text_is_shown_as_text_not_html(client):
    SiteSettings(about_text='<script>alert("x")</script>').save()
    page = client.get(reverse("about")).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_the_map_starts_where_the_settings_say(client):
    SiteSettings(map_latitude="53.14", map_longitude="6.51", map_zoom=11).save()
    page = client.get(reverse("locaties:home")).content.decode()
    assert 'data-center="53.14,6.51"' in page
    assert 'data-zoom="11"' in page
