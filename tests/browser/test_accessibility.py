"""axe-core finds no WCAG 2.1 A/AA problem on any public page, in Dutch and in English.

The demo data set is loaded, so the pages are as full as residents see them: maps with
markers, opening hours, people, activities, cancelled dates. Every page also has the right
``<html lang>`` and makes no request to another host than our own and the map tiles.
"""

import importlib
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db.models import Count

from activiteiten.models import Activity, TargetGroup, Theme
from clusters.models import Cluster
from demo.loader import demo_load
from locaties.models import Location

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
TILES_HOST = "tiles.invalid"
OWN_HOSTS = {"localhost", "127.0.0.1"}


def seed_vocabularies() -> None:
    """The themes and target groups the migration seeds: a transactional test's flush empties
    them, and the demo data needs them."""
    seed = importlib.import_module("activiteiten.migrations.0002_seed_vocabularies_and_search")
    for model, rows in ((Theme, seed.THEMES), (TargetGroup, seed.TARGET_GROUPS)):
        for position, (slug, name, name_en) in enumerate(rows):
            model.objects.get_or_create(
                slug=slug, defaults={"name": name, "name_en": name_en, "ordering": position}
            )


@pytest.fixture
def demo():
    seed_vocabularies()
    demo_load(create_users=False)


def public_pages() -> dict[str, str]:
    """Path of every public page, filled with the demo's busiest examples."""
    place = (
        Location.objects.with_coordinates()
        .annotate(n=Count("activities"))
        .order_by("-n", "slug")
        .first()
    )
    cluster = Cluster.objects.annotate(n=Count("locations")).order_by("-n", "number").first()
    activity = (
        Activity.objects.published()
        .annotate(n=Count("cancellations"))
        .order_by("-n", "slug")
        .first()
    )
    return {
        "home": "/",
        "home with filters": "/?kind=park&kind=house&access=parking&open_at=10:00&day=1",
        "home with a bad filter": "/?kind=spaceship&open_at=25:99&postcode=12",
        "cluster list": "/clusters/",
        "cluster page": cluster.get_absolute_url(),
        "place page": place.get_absolute_url(),
        "agenda": "/activiteiten/",
        # With a bad value too, so the message about it is checked as well.
        "agenda with filters": "/activiteiten/?day=1&target_group=ouderen&part=morning&week=-5",
        "activity page": activity.get_absolute_url(),
        "subscribe page": "/activiteiten/abonneren/?day=1&target_group=ouderen",
    }


WITH_A_MESSAGE = {"home with a bad filter", "agenda with filters"}


def wait_for_map(page) -> None:
    """The home page's map fetches its markers after the page has loaded: wait for them."""
    page.wait_for_function(
        """() => !document.querySelector('#places-list [data-lat]')
            || document.querySelector('.leaflet-marker-icon')"""
    )


def record_requests(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def foreign(urls: list[str]) -> list[str]:
    """Requests to any host other than ours and the tiles (data: and blob: load nothing)."""
    return [
        url
        for url in urls
        if urlsplit(url).scheme in {"http", "https", "ws", "wss"}
        and urlsplit(url).hostname not in OWN_HOSTS | {TILES_HOST}
    ]


def places_drawn(page) -> int:
    """The places the big map stands for: a marker is one, a cluster's button says how many."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('#places-map .leaflet-marker-icon'))
            .reduce((sum, icon) => sum + (icon.classList.contains('marker-cluster')
                ? Number(icon.textContent) : 1), 0)"""
    )


def test_every_public_page_passes_axe_in_both_languages(live_server, page, demo):
    requests = record_requests(page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    axe = Axe()
    problems = {}
    for language in ("nl", "en"):
        # As the language button leaves it; Dutch is the default without the cookie.
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        for name, path in public_pages().items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, (language, name, path)
            wait_for_map(page)
            assert page.locator("html").get_attribute("lang") == language, (language, name)
            # axe passes on an empty map too: check the markers really are there.
            on_map = page.locator("#places-list [data-lat]").count()
            assert places_drawn(page) == on_map, name
            if name in WITH_A_MESSAGE:
                assert page.locator(".form-errors[role=alert]").is_visible(), (language, name)
            results = axe.run(page, options=WCAG_21_AA)
            if results.violations_count:
                problems[f"{name} ({language})"] = results.generate_report()
    assert not problems, "\n\n".join(f"== {name}\n{report}" for name, report in problems.items())
    assert errors == []
    assert foreign(requests) == []
    # The maps really asked for tiles (the one third party allowed): the check means something.
    assert any(urlsplit(url).hostname == TILES_HOST for url in requests)
