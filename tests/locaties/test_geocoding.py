import pytest
from django.core.cache import cache

from locaties import geocoding


def test_postcode_is_normalised_and_looked_up(fake_geocoder):
    point = geocoding.postcode("7544 cz")
    assert (point.latitude, point.longitude) == (52.1905, 6.8749)
    assert fake_geocoder.requests[0]["q"] == ["7544CZ"]
    assert fake_geocoder.requests[0]["fq"] == ["type:postcode"]


def test_answers_are_cached(fake_geocoder):
    geocoding.postcode("7544CZ")
    geocoding.postcode("7544 CZ")
    assert len(fake_geocoder.requests) == 1


def test_unknown_postcode(fake_geocoder):
    with pytest.raises(geocoding.NotFound):
        geocoding.postcode("9999 ZZ")


def test_broken_geocoder_is_unavailable(fake_geocoder):
    fake_geocoder.broken = True
    with pytest.raises(geocoding.GeocoderUnavailable):
        geocoding.postcode("7511 AB")


def test_unreachable_geocoder_is_unavailable(settings):
    cache.clear()
    settings.GEOCODER_URL = "http://127.0.0.1:9/nothing-listens-here"
    with pytest.raises(geocoding.GeocoderUnavailable):
        geocoding.postcode("7511 AB")
