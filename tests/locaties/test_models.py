"""Places: QuerySet filters (the SQL twin of the "now" engine) and validation; what the public
sees of a person."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from locaties import opening
from locaties.models import Location, OpeningException, OpeningHours, Person
from tests.factories import (
    ClusterFactory,
    LocationFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
)

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC
HALF_HOUR = datetime.timedelta(minutes=30)
HOUR = datetime.timedelta(hours=1)


def t(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def add_hours(location, opens, closes, *, days=range(7), supervised=True):
    for weekday in days:
        OpeningHoursFactory(
            location=location,
            weekday=weekday,
            opens=t(opens),
            closes=t(closes),
            supervised=supervised,
        )


def special(location, day, opens, closes, *, supervised=False, end=None):
    OpeningExceptionFactory(
        location=location,
        start_date=d(day),
        end_date=d(end) if end else None,
        kind=OpeningException.Kind.SPECIAL_HOURS,
        opens=t(opens),
        closes=t(closes),
        supervised=supervised,
        reason="Bijzondere tijden",
    )


def closed(location, start, end=None):
    OpeningExceptionFactory(
        location=location, start_date=d(start), end_date=d(end) if end else None, reason="Dicht"
    )


def errors_of(instance, **kwargs) -> dict[str, list[str]]:
    """full_clean()'s messages per field, in English."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as info:
            instance.full_clean(**kwargs)
        return info.value.message_dict


# --- open_at / supervised_at agree with state_at ---------------------------------------


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


# --- Opening hours validation ----------------------------------------------------------


@pytest.mark.parametrize(("opens", "closes"), [("20:00", "08:30"), ("12:00", "12:00")])
def test_closing_before_opening_is_rejected(location, opens, closes):
    hours = OpeningHours(location=location, weekday=0, opens=t(opens), closes=t(closes))

    errors = errors_of(hours)

    assert list(errors) == ["closes"]
    assert errors["closes"] == [
        "The closing time must be later than the opening time (use 00:00 for midnight)."
    ]


def test_closing_at_midnight_is_allowed(location):
    OpeningHours(location=location, weekday=0, opens=t("18:00"), closes=t("00:00")).full_clean()


def test_overlapping_hours_on_the_same_day_are_rejected(location):
    OpeningHoursFactory(location=location, weekday=0, opens=t("08:30"), closes=t("12:00"))
    overlapping = OpeningHours(location=location, weekday=0, opens=t("11:00"), closes=t("14:00"))

    errors = errors_of(overlapping)

    assert errors == {
        NON_FIELD_ERRORS: ["The hours on Monday overlap: 08:30–12:00 and 11:00–14:00."]
    }


def test_touching_hours_other_days_and_other_places_do_not_overlap(location):
    saved = OpeningHoursFactory(location=location, weekday=0, opens=t("08:30"), closes=t("12:00"))
    OpeningHoursFactory(weekday=0, opens=t("09:00"), closes=t("17:00"))  # another place

    OpeningHours(location=location, weekday=0, opens=t("12:00"), closes=t("20:00")).full_clean()
    OpeningHours(location=location, weekday=1, opens=t("09:00"), closes=t("17:00")).full_clean()
    saved.closes = t("13:00")
    saved.full_clean()  # an edited row is not compared with itself


def test_overlap_with_an_interval_until_midnight(location):
    OpeningHoursFactory(location=location, weekday=4, opens=t("18:00"), closes=t("00:00"))

    errors = errors_of(
        OpeningHours(location=location, weekday=4, opens=t("23:00"), closes=t("23:30"))
    )

    assert errors[NON_FIELD_ERRORS] == ["The hours on Friday overlap: 18:00–00:00 and 23:00–23:30."]


def test_closing_before_opening_is_refused_by_the_database(location):
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningHours.objects.create(
            location=location, weekday=0, opens=t("20:00"), closes=t("08:00")
        )


# --- Exception validation ------------------------------------------------------------


def test_exception_end_before_start_is_rejected(location):
    exception = OpeningException(
        location=location, start_date=d("2026-12-24"), end_date=d("2026-12-23")
    )

    assert errors_of(exception) == {"end_date": ["The end date cannot be before the start date."]}


def test_exception_without_end_date_is_one_day(location):
    exception = OpeningException(location=location, start_date=d("2026-12-24"))

    exception.full_clean()
    exception.save()

    assert exception.end_date == d("2026-12-24")
    assert exception.covers(d("2026-12-24"))
    assert not exception.covers(d("2026-12-25"))


@pytest.mark.parametrize(("opens", "closes"), [(None, None), ("10:00", None), (None, "14:00")])
def test_special_hours_need_both_times(location, opens, closes):
    exception = OpeningException(
        location=location,
        start_date=d("2026-12-24"),
        kind=OpeningException.Kind.SPECIAL_HOURS,
        opens=t(opens) if opens else None,
        closes=t(closes) if closes else None,
    )

    errors = errors_of(exception)

    expected = {name for name, value in (("opens", opens), ("closes", closes)) if value is None}
    assert set(errors) == expected
    for name in expected:
        assert errors[name] == ["Special hours need an opening and a closing time."]


def test_special_hours_closing_before_opening_is_rejected(location):
    exception = OpeningException(
        location=location,
        start_date=d("2026-12-24"),
        kind=OpeningException.Kind.SPECIAL_HOURS,
        opens=t("14:00"),
        closes=t("10:00"),
    )

    assert list(errors_of(exception)) == ["closes"]


def test_a_closed_exception_cannot_have_times(location):
    exception = OpeningException(
        location=location, start_date=d("2026-12-24"), opens=t("10:00"), closes=t("14:00")
    )

    errors = errors_of(exception)

    assert errors == {
        NON_FIELD_ERRORS: ["A closed day has no opening times; choose 'special hours' instead."]
    }


def test_exception_constraints_are_enforced_by_the_database(location):
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningException.objects.create(
            location=location, start_date=d("2026-12-24"), end_date=d("2026-12-20")
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningException.objects.create(
            location=location,
            start_date=d("2026-12-24"),
            kind=OpeningException.Kind.SPECIAL_HOURS,
        )


# --- What the public sees of a person: one rule on every surface -------------------------

PUBLIC = {"name": "Anna Openbaar", "phone": "053 111 22 33", "email": "anna@example.org"}
PRIVATE = {"name": "Piet Besloten", "phone": "06 98 76 54 32", "email": "piet@example.org"}
HOST = {"name": "Hanna Gastvrouw", "phone": "06 11 22 33 44", "email": "hanna@example.org"}


@pytest.fixture
def people_world():
    from tests.factories import ActivityFactory, PersonFactory, ScheduleFactory

    place = LocationFactory(name="De Magneet", slug="de-magneet")
    cluster = place.cluster
    PersonFactory(**PUBLIC, contact_public=True, clusters=[cluster])
    private = PersonFactory(**PRIVATE, contact_public=False, clusters=[cluster])
    PersonFactory(**HOST, role=Person.Role.HOST, contact_public=False, locations=[place])
    activity = ActivityFactory(title="Koffie", location=place, contact_person=private)
    ScheduleFactory(activity=activity)
    return place, activity


def surfaces(place, activity) -> dict[str, tuple[str, list[dict]]]:
    """Every public surface that shows people: its address and who must appear on it."""
    from django.urls import reverse

    everyone = [PUBLIC, PRIVATE, HOST]
    return {
        "place page": (place.get_absolute_url(), everyone),
        "cluster page": (place.cluster.get_absolute_url(), [PUBLIC, PRIVATE]),
        "activity page": (activity.get_absolute_url(), [PRIVATE]),
        "weekly sheet": (
            reverse("overzichten:weekly_sheet", kwargs={"slug": place.cluster.slug}),
            everyone,
        ),
        "API place": (f"/api/v1/places/{place.slug}/", everyone),
        "API places": ("/api/v1/places/", everyone),
        "API map data": ("/api/v1/places.geojson", everyone),
        "API activity": (f"/api/v1/activities/{activity.slug}/", [PRIVATE]),
        "API activities": ("/api/v1/activities/", [PRIVATE]),
    }


@time_machine.travel(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=AMS), tick=False)
def test_names_and_roles_everywhere_contact_details_only_when_public(client, people_world):
    place, activity = people_world
    for surface, (url, shown) in surfaces(place, activity).items():
        response = client.get(url)
        assert response.status_code == 200, surface
        body = response.content.decode()
        for person in shown:
            assert person["name"] in body, (surface, person["name"])
        for person in (PUBLIC, PRIVATE, HOST):
            public = person is PUBLIC and person in shown
            for detail in ("phone", "email"):
                assert (person[detail] in body) == public, (surface, person["name"], detail)


@time_machine.travel(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=AMS), tick=False)
def test_the_api_gives_a_private_person_with_empty_contact_details(client, people_world):
    place, activity = people_world
    contacts = client.get(f"/api/v1/places/{place.slug}/").json()["contacts"]
    by_name = {contact["name"]: contact for contact in contacts}
    assert set(by_name) == {PUBLIC["name"], PRIVATE["name"], HOST["name"]}
    assert (by_name[PUBLIC["name"]]["phone"], by_name[PUBLIC["name"]]["email"]) == (
        PUBLIC["phone"],
        PUBLIC["email"],
    )
    assert by_name[HOST["name"]]["role"] == "host"
    for name in (PRIVATE["name"], HOST["name"]):
        assert (by_name[name]["phone"], by_name[name]["email"]) == ("", "")
    contact = client.get(f"/api/v1/activities/{activity.slug}/").json()["contact"]
    assert (contact["name"], contact["role"], contact["phone"], contact["email"]) == (
        PRIVATE["name"],
        "cluster_manager",
        "",
        "",
    )
