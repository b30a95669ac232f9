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


def address(**parts):
    return {"street": "", "house_number": "", "postcode": "", "city": "", **parts}


def test_locate_finds_the_street_address(fake_geocoder):
    fake_geocoder.points["Hertmebrink 1, 7544 CZ Enschede"] = (52.19048612, 6.8748704)
    point, precision = geocoding.locate(
        address(street="Hertmebrink", house_number="1", postcode="7544 CZ", city="Enschede")
    )
    assert (point.latitude, precision) == (52.19048612, geocoding.Precision.ADDRESS)


def test_locate_falls_back_to_the_postcode(fake_geocoder):
    point, precision = geocoding.locate(address(street="Nergensstraat", postcode="7544 CZ"))
    assert (point.latitude, precision) == (52.1905, geocoding.Precision.POSTCODE_FALLBACK)
    assert [r["fq"] for r in fake_geocoder.requests] == [["type:adres"], ["type:postcode"]]


def test_locate_with_only_a_postcode(fake_geocoder):
    _point, precision = geocoding.locate(address(postcode="7511AB"))
    assert precision == geocoding.Precision.POSTCODE
    assert [r["fq"] for r in fake_geocoder.requests] == [["type:postcode"]]


def test_locate_without_a_postcode_to_fall_back_on(fake_geocoder):
    with pytest.raises(geocoding.NotFound):
        geocoding.locate(address(street="Nergensstraat", city="Enschede"))
