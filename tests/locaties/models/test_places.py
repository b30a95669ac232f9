"""locaties.models.places: the QuerySet filters (open_at and supervised_at, the SQL twin of
the "now" engine, and the others) and the validation of a place."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from locaties import opening
from locaties.models import Location
from tests.factories import ClusterFactory, LocationFactory, OpeningExceptionFactory
from tests.locaties.models.helpers import (
    AMS,
    HALF_HOUR,
    UTC,
    closed,
    d,
    errors_of,
    special,
    t,
)
from tests.locaties.opening.helpers import add_hours

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied_places():
    """Places whose hours, exceptions and holiday settings cover every rule of the engine."""
    norm = LocationFactory(name="Norm")
    add_hours(norm, "08:30", "20:00")

    holidays_open = LocationFactory(name="Open op feestdagen", closed_on_public_holidays=False)
    add_hours(holidays_open, "08:30", "20:00")

    lunch = LocationFactory(name="Lunchpauze")
    add_hours(lunch, "08:30", "12:00", days=range(5))
    add_hours(lunch, "12:00", "13:00", days=range(5), supervised=False)
    add_hours(lunch, "13:00", "20:00", days=range(5))
    add_hours(lunch, "10:00", "16:00", days=[5], supervised=False)

    evenings = LocationFactory(name="Avonden", closed_on_public_holidays=False)
    add_hours(evenings, "18:00", "00:00", days=range(5), supervised=False)
    add_hours(evenings, "00:00", "02:00", days=[5], supervised=False)
    add_hours(evenings, "00:00", "00:00", days=[6])

    exceptions = LocationFactory(name="Uitzonderingen")
    add_hours(exceptions, "08:30", "20:00")
    closed(exceptions, "2026-11-25", "2026-11-26")
    special(exceptions, "2026-11-27", "10:00", "14:00", supervised=True)
    special(exceptions, "2027-04-27", "10:00", "16:00")
    special(exceptions, "2026-12-25", "12:00", "00:00", supervised=True)
    closed(exceptions, "2026-12-28", "2027-01-03")
    special(exceptions, "2026-12-31", "10:00", "14:00")

    no_hours = LocationFactory(name="Zonder tijden")

    specials_only = LocationFactory(name="Alleen bijzondere tijden")
    special(specials_only, "2026-11-24", "14:00", "15:00", supervised=True)
    special(specials_only, "2026-11-24", "15:00", "16:00")

    hidden = LocationFactory(name="Niet gepubliceerd", published=False)
    add_hours(hidden, "09:00", "17:00", days=range(5))

    night = LocationFactory(name="Nacht", closed_on_public_holidays=False)
    add_hours(night, "00:00", "04:00", days=[6], supervised=False)
    add_hours(night, "22:00", "00:00", days=[5])
    add_hours(night, "00:00", "04:00", days=[0])

    return [
        norm,
        holidays_open,
        lunch,
        evenings,
        exceptions,
        no_hours,
        specials_only,
        hidden,
        night,
    ]


def _steps(start: datetime.datetime, end: datetime.datetime, step: datetime.timedelta):
    moment = start
    while moment < end:
        yield moment
        moment += step


def _moments() -> list[datetime.datetime]:
    moments = []
    # An ordinary week with exceptions in it, every half hour (Monday 23 November 2026).
    moments += _steps(
        datetime.datetime(2026, 11, 23, tzinfo=AMS),
        datetime.datetime(2026, 11, 30, tzinfo=AMS),
        HALF_HOUR,
    )
    # Christmas, a closed range with special hours on New Year's Eve, New Year's Day, and
    # King's Day 2027 (a Tuesday) with special hours at one place: around the edges.
    days = [d("2026-12-24") + datetime.timedelta(days=n) for n in range(11)] + [d("2027-04-27")]
    for day in days:
        for clock in ("00:00", "01:00", "08:30", "09:59", "10:00", "12:30", "13:59", "14:00",
                      "15:59", "16:00", "19:59", "20:00", "23:59"):  # fmt: skip
            moments.append(datetime.datetime.combine(day, t(clock), tzinfo=AMS))
    # Both DST nights, stepping in UTC so that 02:30 in October is seen twice.
    for night in (datetime.date(2026, 10, 24), datetime.date(2027, 3, 27)):
        start = datetime.datetime.combine(night, t("20:00"), tzinfo=UTC)
        moments += _steps(start, start + datetime.timedelta(hours=16), HALF_HOUR)
    # Edges, to the second.
    for day in (d("2026-11-23"), d("2026-11-27"), d("2026-11-28")):
        for clock in ("00:00:00", "08:29:59", "08:30:00", "19:59:59", "20:00:00", "23:59:59"):
            moments.append(datetime.datetime.combine(day, t(clock), tzinfo=AMS))
    return moments


def test_open_at_and_supervised_at_agree_with_the_engine(varied_places, django_assert_num_queries):
    ids = [place.pk for place in varied_places]
    with django_assert_num_queries(3):
        places = list(Location.objects.filter(pk__in=ids).with_hours())
    moments = _moments()
    assert len(moments) > 500

    with django_assert_num_queries(0):
        states = {m: {p.pk: opening.state_at(p, m) for p in places} for m in moments}

    seen_open, seen_supervised = set(), set()
    for moment in moments:
        expected_open = {pk for pk, s in states[moment].items() if s.is_open}
        expected_supervised = {pk for pk, s in states[moment].items() if s.is_open and s.supervised}
        scoped = Location.objects.filter(pk__in=ids)
        assert set(scoped.open_at(moment).values_list("pk", flat=True)) == expected_open, moment
        assert (
            set(scoped.supervised_at(moment).values_list("pk", flat=True)) == expected_supervised
        ), moment
        seen_open |= expected_open
        seen_supervised |= expected_supervised

    # The comparison means something only if the places were open and closed in turn.
    no_hours = next(p for p in varied_places if p.name == "Zonder tijden")
    assert seen_open == set(ids) - {no_hours.pk}
    assert len(seen_supervised) >= 5


def test_hours_read_as_arrays_are_the_hours_read_as_rows(varied_places, django_assert_num_queries):
    """with_hours_data() (the lists' one query) gives the engine the same data as
    with_hours() (rows as models): every interval, exception, reason and their order."""
    ids = [place.pk for place in varied_places]
    # Written in another order than their dates, so the order entered counts.
    late = varied_places[4]
    OpeningExceptionFactory(location=late, start_date=d("2026-11-25"), reason="Schoonmaak")
    special(late, "2026-11-25", "18:00", "19:00")
    rows = {p.pk: p.place_hours() for p in Location.objects.filter(pk__in=ids).with_hours()}

    with django_assert_num_queries(1):
        places = list(Location.objects.filter(pk__in=ids).with_hours_data())
    with django_assert_num_queries(0):
        arrays = {p.pk: p.place_hours() for p in places}

    assert arrays == rows
    assert sum(len(hours.exceptions) for hours in arrays.values()) == 10
    assert arrays[late.pk].exceptions[1].reason == "Schoonmaak"
    for place in places:
        assert place.place_hours() is arrays[place.pk], "built once per place"
        moment = datetime.datetime(2026, 11, 25, 18, 30, tzinfo=AMS)
        assert opening.state_at(place, moment) == opening.state_at(rows[place.pk], moment)


def test_open_on_agrees_with_the_engine(varied_places):
    ids = [place.pk for place in varied_places]
    places = list(Location.objects.filter(pk__in=ids).with_hours())
    days = sorted({moment.astimezone(AMS).date() for moment in _moments()})

    for day in days:
        expected = {p.pk for p in places if not opening.hours_on(p, day).is_closed}
        found = Location.objects.filter(pk__in=ids).open_on(day).values_list("pk", flat=True)
        assert set(found) == expected, day


def test_open_at_spot_checks(varied_places):
    names = lambda qs: set(qs.values_list("name", flat=True))  # noqa: E731

    christmas_1pm = datetime.datetime(2026, 12, 25, 13, tzinfo=AMS)
    kings_day_11 = datetime.datetime(2027, 4, 27, 11, tzinfo=AMS)
    lunch_monday = datetime.datetime(2026, 11, 23, 12, 30, tzinfo=AMS)

    assert names(Location.objects.open_at(christmas_1pm)) == {
        "Open op feestdagen",
        "Uitzonderingen",
    }
    assert names(Location.objects.supervised_at(christmas_1pm)) == {
        "Open op feestdagen",
        "Uitzonderingen",
    }
    assert names(Location.objects.open_at(kings_day_11)) == {"Open op feestdagen", "Uitzonderingen"}
    assert names(Location.objects.supervised_at(kings_day_11)) == {"Open op feestdagen"}
    assert "Lunchpauze" in names(Location.objects.open_at(lunch_monday))
    assert "Lunchpauze" not in names(Location.objects.supervised_at(lunch_monday))


def test_open_at_chains_with_other_filters(varied_places):
    monday_10 = datetime.datetime(2026, 11, 23, 10, tzinfo=AMS)
    hidden = next(p for p in varied_places if p.name == "Niet gepubliceerd")

    assert hidden in Location.objects.open_at(monday_10)
    assert hidden not in Location.objects.published().open_at(monday_10)
    assert list(Location.objects.in_cluster(hidden.cluster).open_at(monday_10)) == [hidden]


# --- Other QuerySet filters ---------------------------------------------------------


def test_published_in_cluster_with_coordinates():
    north, south = ClusterFactory(), ClusterFactory()
    park = LocationFactory(name="Park", cluster=north, kind="park")
    house = LocationFactory(name="Huis", cluster=north, latitude=None, longitude=None)
    farm = LocationFactory(name="Boerderij", cluster=south, kind="petting_farm")
    draft = LocationFactory(name="Concept", cluster=south, published=False)

    assert set(Location.objects.published()) == {park, house, farm}
    assert set(Location.objects.in_cluster(north)) == {park, house}
    assert set(Location.objects.filter(kind__slug="park")) == {park}
    assert set(Location.objects.filter(kind__slug="house")) == {house, draft}
    assert set(Location.objects.with_coordinates()) == {park, farm, draft}
    assert list(Location.objects.published().in_cluster(south).with_coordinates()) == [farm]
    assert list(Location.objects.filter(kind__slug="playground")) == []


# --- Location validation -------------------------------------------------------------


@pytest.mark.parametrize(
    "postcode", ["1234", "0123 AB", "7511 SA", "7511 SS", "75111 AB", "AB 7511"]
)
def test_bad_postcodes_are_rejected(postcode):
    errors = errors_of(LocationFactory.build(postcode=postcode), exclude=["cluster", "kind"])

    assert list(errors) == ["postcode"]
    assert (
        "Enter a Dutch postcode: four digits and two letters, like 1234 AB." in errors["postcode"]
    )


@pytest.mark.parametrize("postcode", ["7511ab", "7511 ab", "7511AB", " 7511  AB ", "7511 AB"])
def test_good_postcodes_are_normalised(postcode):
    place = LocationFactory.build(postcode=postcode)

    place.full_clean(exclude=["cluster", "kind"])

    assert place.postcode == "7511 AB"


def test_empty_postcode_is_allowed():
    place = LocationFactory.build(postcode="")

    place.full_clean(exclude=["cluster", "kind"])

    assert place.postcode == ""


@pytest.mark.parametrize(
    ("field", "value"), [("latitude", Decimal("48.8")), ("longitude", Decimal("2.35"))]
)
def test_coordinates_outside_the_netherlands_are_rejected(field, value):
    errors = errors_of(LocationFactory.build(**{field: value}), exclude=["cluster", "kind"])

    assert list(errors) == [field]
    assert f"This {field} lies outside the Netherlands" in errors[field][0]


def test_paris_is_not_in_the_netherlands():
    place = LocationFactory.build(latitude=Decimal("48.856600"), longitude=Decimal("2.352200"))

    errors = errors_of(place, exclude=["cluster", "kind"])

    assert set(errors) == {"latitude", "longitude"}


@pytest.mark.parametrize("missing", ["latitude", "longitude"])
def test_only_one_coordinate_is_rejected_on_the_empty_field(missing):
    errors = errors_of(LocationFactory.build(**{missing: None}), exclude=["cluster", "kind"])

    assert list(errors) == [missing]
    assert errors[missing] == ["Fill in both latitude and longitude, or neither."]


def test_no_coordinates_at_all_is_fine():
    LocationFactory.build(latitude=None, longitude=None).full_clean(exclude=["cluster", "kind"])


def test_new_building_year_needs_a_planned_new_building():
    future_proof = LocationFactory.build(
        building_status=Location.BuildingStatus.FUTURE_PROOF, new_building_year=2028
    )
    nothing = LocationFactory.build(new_building_year=2028)
    planned = LocationFactory.build(
        building_status=Location.BuildingStatus.NEW_BUILDING_PLANNED, new_building_year=2028
    )

    for place in (future_proof, nothing):
        errors = errors_of(place, exclude=["cluster", "kind"])
        assert errors == {
            "new_building_year": ["A year only applies when a new building is planned."]
        }
    planned.full_clean(exclude=["cluster", "kind"])


def test_several_location_errors_are_reported_together():
    place = LocationFactory.build(longitude=None, new_building_year=2028, postcode="1234")

    errors = errors_of(place, exclude=["cluster", "kind"])

    assert set(errors) == {"postcode", "longitude", "new_building_year"}


def test_half_coordinates_are_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        LocationFactory(longitude=None)
