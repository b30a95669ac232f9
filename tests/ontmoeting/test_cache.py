"""Public answers are cached for anonymous visitors, and dropped as soon as the data changes
or what they say about "now" stops being true."""

import datetime
import gzip

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ActivityFactory,
    ClusterFactory,
    LocationFactory,
    OpeningHoursFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db

HOME = "/"
MONDAY = datetime.date(2026, 11, 30)


def at(day: datetime.date, hour: int, minute: int = 0, second: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute, second)))


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.CACHE_PUBLIC_ANSWERS = True


def open_on_mondays(**kwargs):
    place = LocationFactory(**kwargs)
    OpeningHoursFactory(location=place, weekday=0)  # 08:30–20:00
    return place


def test_map_data_is_served_from_the_cache_until_the_data_changes(
    client, django_assert_num_queries
):
    place = LocationFactory(name="De Magneet")
    url = reverse("locaties:geojson")
    first = client.get(url).json()
    with django_assert_num_queries(0):
        assert client.get(url).json() == first
    place.name = "Wijkcentrum De Magneet"
    place.save()
    (feature,) = client.get(url).json()["features"]
    assert feature["properties"]["name"] == "Wijkcentrum De Magneet"


def test_deleting_a_place_drops_the_cached_answer(client):
    place = LocationFactory()
    url = reverse("locaties:geojson")
    assert len(client.get(url).json()["features"]) == 1
    place.delete()
    assert client.get(url).json()["features"] == []


def test_logged_in_staff_always_get_fresh_answers(admin_client, django_assert_max_num_queries):
    LocationFactory()
    for url in (reverse("locaties:geojson"), HOME):
        admin_client.get(url)
        with django_assert_max_num_queries(20) as queries:
            admin_client.get(url)
        assert len(queries) > 0


@pytest.mark.parametrize("page", ["home", "place", "agenda", "activity", "cluster"])
def test_public_pages_come_from_the_cache_the_second_time(client, page, django_assert_num_queries):
    place = open_on_mondays()
    activity = ActivityFactory(location=place)
    ScheduleFactory(activity=activity)
    url = {
        "home": HOME,
        "place": place.get_absolute_url(),
        "agenda": reverse("activiteiten:agenda"),
        "activity": activity.get_absolute_url(),
        "cluster": place.cluster.get_absolute_url(),
    }[page]
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content


def test_public_pages_set_no_cookie_and_carry_no_csrf_token(client):
    """Nothing personal in a public page: that is what makes it safe to share from a cache."""
    open_on_mondays()
    response = client.get(HOME)
    assert not response.cookies
    assert b"csrfmiddlewaretoken" not in response.content


def test_the_language_switch_works_without_a_csrf_token():
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("set_language"), {"language": "en", "next": "/activiteiten/"})
    assert response.status_code == 302
    assert response["Location"] == "/activiteiten/"
    assert response.cookies["django_language"].value == "en"


def test_each_language_has_its_own_cached_page(client):
    open_on_mondays()
    assert 'lang="nl"' in client.get(HOME).content.decode()
    client.cookies["django_language"] = "en"
    assert 'lang="en"' in client.get(HOME).content.decode()
    del client.cookies["django_language"]
    assert 'lang="nl"' in client.get(HOME).content.decode()


def test_a_cached_page_is_dropped_when_a_listed_place_closes(client):
    place = open_on_mondays(name="De Magneet")
    with time_machine.travel(at(MONDAY, 19, 59, 30), tick=False):
        assert "sluit om 20:00" in client.get(place.get_absolute_url()).content.decode()
        assert "sluit om 20:00" in client.get(HOME).content.decode()
    with time_machine.travel(at(MONDAY, 20, 0, 1), tick=False):
        assert "sluit om 20:00" not in client.get(place.get_absolute_url()).content.decode()
        assert "sluit om 20:00" not in client.get(HOME).content.decode()


def test_a_cached_page_is_dropped_at_midnight(client):
    """'Opens tomorrow' turns into 'opens today' at midnight."""
    place = open_on_mondays()
    with time_machine.travel(at(MONDAY - datetime.timedelta(days=1), 23, 59, 50), tick=False):
        assert "morgen om 08:30" in client.get(place.get_absolute_url()).content.decode()
    with time_machine.travel(at(MONDAY, 0, 0, 10), tick=False):
        assert "vandaag om 08:30" in client.get(place.get_absolute_url()).content.decode()


def test_a_page_made_later_is_not_served_when_the_clock_goes_back(client):
    place = open_on_mondays()
    with time_machine.travel(at(MONDAY, 21), tick=False):
        assert "sluit om" not in client.get(place.get_absolute_url()).content.decode()
    with time_machine.travel(at(MONDAY, 12), tick=False):
        assert "sluit om 20:00" in client.get(place.get_absolute_url()).content.decode()


def test_a_list_filtered_on_open_now_follows_the_clock_within_a_minute(client):
    later = LocationFactory(name="De Late Opening")
    OpeningHoursFactory(location=later, weekday=0, opens=datetime.time(10, 1))
    url = HOME + "?open_now=on"
    with time_machine.travel(at(MONDAY, 10, 0, 10), tick=False):
        assert "De Late Opening" not in client.get(url).content.decode()
    with time_machine.travel(at(MONDAY, 10, 1, 15), tick=False):
        assert "De Late Opening" in client.get(url).content.decode()


def test_an_error_answer_is_not_cached(client):
    url = reverse("locaties:detail", kwargs={"slug": "bestaat-niet"})
    assert client.get(url).status_code == 404
    LocationFactory(name="Bestaat Niet", slug="bestaat-niet")
    assert client.get(url).status_code == 200


def test_a_browser_that_accepts_gzip_gets_the_cached_page_compressed(client):
    open_on_mondays()
    plain = client.get(HOME)
    for _ in range(2):  # made with the page, then from the cache
        packed = client.get(HOME, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert packed["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.content) == plain.content
        assert len(packed.content) < len(plain.content) / 3
        assert "Accept-Encoding" in packed["Vary"]
    assert "Content-Encoding" not in client.get(HOME)
    assert "Accept-Encoding" in plain["Vary"]


def test_either_encoding_comes_from_the_cache_whichever_was_asked_first(
    client, django_assert_num_queries
):
    """The plain and the gzipped answer are kept apart (a hit reads only the one it sends),
    and both are kept when the page is made, whoever asks for it first."""
    open_on_mondays()
    packed = client.get(HOME, HTTP_ACCEPT_ENCODING="gzip")
    with django_assert_num_queries(0):
        plain = client.get(HOME)
        again = client.get(HOME, HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in plain
    assert gzip.decompress(packed.content) == plain.content == gzip.decompress(again.content)


def test_an_answer_too_small_to_compress_comes_plain_from_the_cache(
    client, django_assert_num_queries
):
    url = reverse("locaties:geojson")  # no place: a few bytes
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    with django_assert_num_queries(0):
        second = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in second
    assert second.content == first.content


def test_the_demo_notice_follows_the_data_and_is_read_once_per_change(
    client, settings, django_assert_max_num_queries
):
    """Every page asks whether example data is loaded: once per change of the data, so the
    notice comes and goes with the clusters marked as examples."""
    settings.CACHE_PUBLIC_ANSWERS = False  # pages computed each time: the flag is not
    notice = 'class="demo-notice"'
    assert notice not in client.get(HOME).content.decode()
    cluster = ClusterFactory(is_example=True)
    assert notice in client.get(HOME).content.decode()
    with django_assert_max_num_queries(20) as again:
        client.get(HOME)
    cluster.is_example = False
    cluster.save()
    with django_assert_max_num_queries(20) as after_change:
        assert notice not in client.get(HOME).content.decode()
    assert not any("is_example" in q["sql"] for q in again.captured_queries)
    assert any("is_example" in q["sql"] for q in after_change.captured_queries)
