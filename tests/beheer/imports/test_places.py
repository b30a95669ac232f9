"""Importing places with their opening hours: good rows, bad cells, rights."""

import datetime
from decimal import Decimal

import pytest

from beheer.imports.importers import PlaceImporter
from beheer.models import ImportBatch
from locaties.models import Location, LocationKind, OpeningHours
from tests.beheer.imports.helpers import (
    NOT_ONE_LINE,
    PLACE_HEADINGS,
    assert_rejected,
    check,
    check_and_apply,
    counts,
    csv_bytes,
    errors,
    nl,
    place_file,
    place_row,
    xlsx,
)
from tests.factories import (
    LocationFactory,
    LocationKindFactory,
    OpeningHoursFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db


# name: (kind, file name, content, row, column, the expected message)
BAD_FILES = {
    "a place name on two lines": (
        "places",
        "p.csv",
        lambda: place_file(place_row(naam="Ontmoetingshuis\nDe Linde")),
        2,
        "naam",
        lambda: nl(NOT_ONE_LINE),
    ),
    "text in a number column": (
        "places",
        "p.csv",
        lambda: place_file(place_row(breedtegraad="noord")),
        2,
        "breedtegraad",
        lambda: nl("Enter a number like 52.1234 (a decimal comma is fine too)."),
    ),
    "misschien in a ja/nee column": (
        "places",
        "p.csv",
        lambda: place_file(place_row(toegankelijk="misschien")),
        2,
        "toegankelijk",
        lambda: nl(
            "“%(value)s” is not ja or nee. Write ja or nee, or leave the cell empty for "
            "“%(default)s”.",
            value="misschien",
            default="nee",
        ),
    ),
    "overlapping opening hours": (
        "places",
        "p.csv",
        lambda: place_file(place_row(woensdag="08:30-12:00, 11:00-14:00")),
        2,
        "woensdag",
        # The admin's own messages, already in the Dutch catalog.
        lambda: "De tijden op woensdag overlappen: 08:30–12:00 en 11:00–14:00.",
    ),
    "closing before opening": (
        "places",
        "p.csv",
        lambda: place_file(place_row(zondag="20:00-08:30")),
        2,
        "zondag",
        lambda: (
            "De sluitingstijd moet later zijn dan de openingstijd (gebruik 00:00 voor middernacht)."
        ),
    ),
    "bad postcode": (
        "places",
        "p.csv",
        lambda: place_file(place_row(postcode="75111 AB")),
        2,
        "postcode",
        lambda: "Vul een Nederlandse postcode in: vier cijfers en twee letters, zoals 1234 AB.",
    ),
    "unknown cluster": (
        "places",
        "p.csv",
        lambda: place_file(place_row(cluster="99")),
        2,
        "cluster",
        lambda: nl(
            "There is no cluster “%(value)s”. Give the number or the name of an existing cluster.",
            value="99",
        ),
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_bad_file_is_rejected_with_a_message_and_nothing_written(case, admin_user, linde, hosts):
    assert_rejected(admin_user, *BAD_FILES[case])


def test_a_good_places_file_imports_every_field_and_the_opening_hours(admin_user, noord, hosts):
    content = csv_bytes(
        [
            PLACE_HEADINGS,
            place_row(),
            place_row(naam="Speeltuin Zon", soort="Ontmoetingsspeeltuin"),
        ],
        delimiter=";",
        bom=True,
    )
    batch = check_and_apply(admin_user, "places", "plekken.csv", content)

    assert batch.report["counts"] == {"create": 2, "update": 0, "unchanged": 0}
    place = Location.objects.get(slug="ontmoetingshuis-de-linde")
    assert place.name == "Ontmoetingshuis De Linde"
    assert place.kind.slug == "house"
    assert place.cluster == noord
    assert place.status == Location.Status.DESIGNATED
    assert place.building_status == Location.BuildingStatus.NEW_BUILDING_PLANNED
    assert place.new_building_year == 2028
    assert set(place.host_organisations.all()) == set(hosts)
    assert (place.street, place.house_number, place.postcode, place.city) == (
        "Lindelaan",
        "12a",
        "7511 AB",
        "Enschede",
    )
    assert (place.latitude, place.longitude) == (Decimal("52.221500"), Decimal("6.893700"))
    assert place.description == "Koffie en een krant; iedereen is welkom."
    assert (place.phone, place.email, place.website) == (
        "053 123 45 67",
        "linde@example.org",
        "https://linde.example.org",
    )
    assert place.wheelchair_accessible is True
    assert place.accessible_toilet is False
    assert place.hearing_loop is True
    assert place.parking is False
    assert place.public_transport_nearby is True
    assert place.published is False
    assert place.source == "Gemeente, 2026"
    assert place.closed_on_public_holidays is False
    hours = list(place.opening_hours.values_list("weekday", "opens", "closes", "supervised"))
    t = datetime.time
    assert hours == [
        (0, t(8, 30), t(12, 0), False),
        (0, t(13, 0), t(20, 0), False),
        (1, t(8, 30), t(20, 0), False),
        (4, t(18, 0), t(0, 0), False),
        (5, t(10, 0), t(16, 0), False),
    ]
    assert Location.objects.get(slug="speeltuin-zon").kind.slug == "playground"


def test_kind_codes_and_defaults_for_absent_columns(admin_user, noord):
    content = xlsx([["naam", "soort", "cluster"], ["Park West", "park", "Noord"]])
    check_and_apply(admin_user, "places", "plekken.xlsx", content)

    place = Location.objects.get(slug="park-west")
    assert (place.kind.slug, place.cluster, place.status) == ("park", noord, "planned")
    assert place.published is True
    assert place.closed_on_public_holidays is True
    assert not place.opening_hours.exists()


@pytest.mark.parametrize(
    "word",
    ["park", "PARK", " Ontmoetingspark ", "ontmoetingsparken", "Meeting park", "meeting PARKS"],
)
def test_the_kind_by_its_slug_or_its_names_in_any_case(admin_user, noord, word):
    content = xlsx([["naam", "soort", "cluster"], ["Park West", word, "Noord"]])
    check_and_apply(admin_user, "places", "plekken.xlsx", content)
    assert Location.objects.get(slug="park-west").kind.slug == "park"


def test_a_kind_made_by_the_municipality_is_found_too(admin_user, noord):
    LocationKindFactory(
        slug="dorpshuis", name_nl="Dorpshuis", plural_nl="Dorpshuizen", name_en="Village hall"
    )
    content = xlsx([["naam", "soort", "cluster"], ["De Schakel", "dorpshuizen", "Noord"]])
    check_and_apply(admin_user, "places", "plekken.xlsx", content)
    assert Location.objects.get(slug="de-schakel").kind.slug == "dorpshuis"


def test_an_unknown_kind_names_the_kinds_there_are_and_changes_nothing(admin_user, noord):
    content = xlsx([["naam", "soort", "cluster"], ["Kasteel", "kasteel", "Noord"]])
    before = counts()
    batch = check(admin_user, "places", "plekken.xlsx", content)
    assert batch.status == ImportBatch.Status.REJECTED
    expected = nl(
        "There is no kind of place “%(value)s”. Choose one of: %(kinds)s (the name in Dutch or "
        "English, or the slug).",
        value="kasteel",
        kinds="ontmoetingspark (park), ontmoetingshuis (house), ontmoetingsspeeltuin "
        "(playground) of ontmoetingskinderboerderij (petting_farm)",
    )
    assert errors(batch) == [(2, "soort", expected)]
    assert "Er is geen soort plek" in expected
    assert counts() == before


def test_without_any_kind_the_import_says_who_adds_them(admin_user, noord):
    LocationKind.objects.all().delete()
    content = xlsx([["naam", "soort", "cluster"], ["De Schakel", "dorpshuis", "Noord"]])
    batch = check(admin_user, "places", "plekken.xlsx", content)
    (problem,) = errors(batch)
    assert problem[:2] == (2, "soort")
    assert "Kinds of places" not in problem[2]
    assert "Soorten plekken" in problem[2]


def test_an_empty_kind_is_required(admin_user, noord):
    content = xlsx([["naam", "soort", "cluster"], ["De Schakel", "", "Noord"]])
    batch = check(admin_user, "places", "plekken.xlsx", content)
    assert [(row, column) for row, column, _message in errors(batch)] == [(2, "soort")]


def test_only_the_first_problem_of_a_cell_is_reported(admin_user, linde, hosts):
    """A cell that cannot be read is not also reported for what follows from it."""
    batch = check(admin_user, "places", "p.csv", place_file(place_row(breedtegraad="noord")))
    assert [(r, c) for r, c, _m in errors(batch)] == [(2, "breedtegraad")]


def test_a_cluster_manager_updates_places_in_their_own_clusters_only(cluster_manager, linde, zuid):
    other = LocationFactory(name="Huis Zuid", slug="huis-zuid", cluster=zuid)
    headings = ["slug", "naam", "soort", "cluster", *PLACE_HEADINGS[-9:]]
    own = ["huis-de-linde", "Huis De Linde", "house", "1"] + ["08:30-20:00"] * 7 + ["ja", "ja"]
    batch = check_and_apply(cluster_manager, "places", "p.csv", csv_bytes([headings, own]))
    assert batch.status == ImportBatch.Status.IMPORTED
    assert linde.opening_hours.count() == 7

    before = counts()
    rows = [
        headings,
        ["huis-zuid", "Huis Zuid", "house", "2", *own[4:]],  # another cluster's place
        ["huis-de-linde", "Huis De Linde", "house", "2", *own[4:]],  # moved out of my cluster
        ["nieuw-huis", "Nieuw huis", "house", "1", *own[4:]],  # no right to add places
    ]
    batch = check(cluster_manager, "places", "p.csv", csv_bytes(rows))
    assert batch.status == ImportBatch.Status.REJECTED
    assert [(r, c) for r, c, _m in errors(batch)] == [(2, "slug"), (3, "cluster"), (4, "slug")]
    assert counts() == before
    assert other.opening_hours.count() == 0


def test_existing_hours_are_replaced_only_when_they_differ(admin_user, linde):
    OpeningHoursFactory(location=linde, weekday=0)
    ScheduleFactory()
    headings = ["slug", "naam", "soort", "cluster", *PlaceImporter.column_groups[0]]
    row = ["huis-de-linde", "Huis De Linde", "house", "1", "08:30-20:00", "", "", "", "", "", ""]
    batch = check_and_apply(admin_user, "places", "p.csv", csv_bytes([headings, row]))
    assert batch.report["rows"][0]["action"] == "unchanged"
    assert OpeningHours.history.count() == 1
