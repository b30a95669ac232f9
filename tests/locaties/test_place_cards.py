"""The place cards and a place's state now, as locaties/templatetags/ write them."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from locaties import opening
from locaties.models import Location
from tests.factories import ClusterFactory, LocationFactory, OpeningExceptionFactory
from tests.locaties.opening.helpers import add_hours, at

pytestmark = pytest.mark.django_db

# A Tuesday: 10:00 within the hours below, 21:00 after them.
MORNING = at(2026, 12, 8, 10)
EVENING = at(2026, 12, 8, 21)


def render(source: str, language: str = "nl", **context) -> str:
    with translation.override(language):
        html = Template("{% load places opening %}" + source).render(Context(context))
    return re.sub(r"\s+", " ", html).strip()


def places(moment, **filters) -> list[Location]:
    """As the lists read them: kind and cluster selected, hours in the one query."""
    found = Location.objects.filter(**filters).select_related("kind", "cluster").with_hours_data()
    return opening.with_states(found.order_by("name"), moment)


def cards(moment, language="nl", show_distance=False, **filters) -> str:
    return render(
        "{% place_cards locations show_distance=show_distance %}",
        language,
        locations=places(moment, **filters),
        show_distance=show_distance,
    )


def test_a_card_names_the_place_its_kind_cluster_address_position_and_state():
    place = LocationFactory(
        name="Speeltuin 't Hoekje <b>",
        kind="speeltuin",
        cluster=ClusterFactory(name="Noord & Oost"),
        street="Hoge Boekelerweg",
        house_number="3",
        postcode="7521 AB",
    )
    add_hours(place, "08:30", "20:00")
    kind = place.kind

    assert cards(MORNING) == (
        f'<li class="place-card" id="place-{place.slug}" data-place="{place.slug}" '
        'data-lat="52.190486" data-lon="6.874870"> '
        f'<img class="kind-icon" src="{kind.icon_url}" alt="" width="24" height="30"> <div> '
        f'<h3 class="place-name"><a href="/locaties/{place.slug}/">'
        "Speeltuin &#x27;t Hoekje &lt;b&gt;</a></h3> "
        f'<p class="meta">{kind.label[0].upper()}{kind.label[1:]} · Noord &amp; Oost · '
        "Hoge Boekelerweg 3, 7521 AB Enschede</p> "
        '<p class="state state--open"> <span class="state-text">Open · sluit om 20:00</span>'
        '<span class="state-supervised"> · begeleiding aanwezig</span> </p> </div> </li>'
    )


def test_a_card_without_coordinates_or_address_leaves_them_out():
    LocationFactory(latitude=None, longitude=None, street="", house_number="", postcode="", city="")

    html = cards(MORNING)

    assert "data-lat" not in html
    assert "data-lon" not in html
    meta = re.search(r'<p class="meta">(.*?)</p>', html).group(1)
    assert meta.count(" · ") == 1, "kind and cluster, no address"
    assert '<span class="state-text">Openingstijden niet bekend</span>' in html


def test_the_distance_shows_only_when_asked_and_known_in_the_language_of_the_page():
    LocationFactory(name="Dichtbij")
    LocationFactory(name="Zonder plek", latitude=None, longitude=None)
    near = Location.objects.with_distance(52.2, 6.88).select_related("kind", "cluster")

    def shown(language, show_distance):
        html = render(
            "{% place_cards locations show_distance=show %}",
            language,
            locations=opening.with_states(near, MORNING),
            show=show_distance,
        )
        return re.findall(r"<strong>(.*?)</strong>", html)

    assert shown("nl", True) == ["1,1 km"], "one place has no position, so no distance"
    assert shown("en", True) == ["1.1 km"]
    assert shown("nl", False) == []


def test_the_state_says_closed_unsupervised_and_the_days_note():
    place = LocationFactory(name="Buurthuis")
    add_hours(place, "09:00", "17:00", supervised=False)
    OpeningExceptionFactory(
        location=place,
        start_date=MORNING.date(),
        kind="special_hours",
        opens=at(2026, 12, 8, 9).time(),
        closes=at(2026, 12, 8, 17).time(),
        reason="Kerstmarkt <vrij>",
    )

    open_now = cards(MORNING)
    assert '<p class="state state--open">' in open_now
    assert '<span class="state-supervised"> · geen begeleiding</span>' in open_now
    assert '<span class="state-note"> (Kerstmarkt &lt;vrij&gt;)</span>' in open_now

    closed = cards(EVENING, language="en")
    assert '<p class="state state--closed">' in closed
    assert "state-supervised" not in closed, "supervision is said only while open"
    assert '<span class="state-text">Closed · opens tomorrow at 09:00</span>' in closed


def test_no_state_writes_nothing():
    assert render("{% opening_state state %}", state=None) == ""


def test_the_cards_read_no_more_queries_however_many_places(django_assert_num_queries):
    for _n in range(12):
        add_hours(LocationFactory(), "08:30", "20:00")
    locations = places(MORNING)
    with django_assert_num_queries(0):
        html = render("{% place_cards locations %}", locations=locations)
    assert html.count('<li class="place-card"') == 12
