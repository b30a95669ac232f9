import csv
import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from django.utils.text import slugify

from activiteiten.models import Activity, Cancellation, Schedule, TargetGroup, Theme
from clusters.models import Cluster
from demo.content import DEMO_PASSWORD, DEMO_USERS
from demo.loader import DemoDataError, demo_load
from demo.sources import COORDINATES_CSV, PLACES_CSV, clean_name, parse_address, read_place_rows
from locaties import opening
from locaties.models import (
    Location,
    LocationKind,
    OpeningException,
    OpeningHours,
    Organisation,
    Person,
)
from tests.conftest import module_data
from tests.factories import LocationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

AREA_KINDS = {"cbs_wijk", "city", "wijk", "dorp", "dorp/wijk"}
DEMO_USERNAMES = [user.username for user in DEMO_USERS]
MODELS = (Cluster, Location, OpeningHours, OpeningException, Organisation, Person)
ACTIVITY_MODELS = (Activity, Schedule, Cancellation)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load once for the module, inside a transaction that is rolled back afterwards.

    Each test's own transaction nests inside it (as a savepoint), so tests still cannot
    see each other's changes, and the next test module gets the database empty again.
    """
    with module_data(django_db_blocker):
        yield demo_load(create_users=False)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS + ACTIVITY_MODELS}


def csv_rows() -> list[dict]:
    with PLACES_CSV.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def is_city_park(row) -> bool:
    return row["kind"].startswith("park")


def test_load_gives_twelve_example_clusters(demo):
    clusters = Cluster.objects.all()
    assert [c.number for c in clusters] == list(range(1, 13))
    assert all(c.is_example for c in clusters)
    assert all("voorbeeld" in c.description for c in clusters)
    # Only clusters that match a CBS wijk have an area; at least a few do.
    assert 3 <= sum(c.area is not None for c in clusters) < 12


def test_load_counts(demo):
    assert Location.objects.count() > 20
    assert 55 <= Activity.objects.count() <= 70
    assert Location.objects.filter(status=Location.Status.DESIGNATED).count() > 15
    assert Location.objects.filter(status=Location.Status.PLANNED).exists()
    used = set(Location.objects.values_list("kind__slug", flat=True))
    assert used == {"park", "house", "playground", "petting_farm"}
    parks = Location.objects.filter(kind__slug="park")
    assert parks.filter(building_status=Location.BuildingStatus.FUTURE_PROOF).exists()
    planned = parks.filter(building_status=Location.BuildingStatus.NEW_BUILDING_PLANNED)
    assert planned.exists()
    assert all(2027 <= p.new_building_year <= 2029 for p in planned)
    assert Activity.objects.filter(status=Activity.Status.DRAFT).exists()
    assert Activity.objects.filter(status=Activity.Status.PUBLISHED).count() > 50
    assert Cancellation.objects.exists()
    assert demo.places == Location.objects.count()


def test_the_demo_makes_enschedes_four_kinds_with_the_norm(demo):
    kinds = list(LocationKind.objects.all())
    assert [(k.slug, k.name_nl, k.plural_nl, k.name_en, k.icon) for k in kinds] == [
        ("park", "ontmoetingspark", "ontmoetingsparken", "meeting park", "sports_park"),
        ("house", "ontmoetingshuis", "ontmoetingshuizen", "meeting house", "community_house"),
        ("playground", "ontmoetingsspeeltuin", "ontmoetingsspeeltuinen", "meeting playground",
         "playground"),
        ("petting_farm", "ontmoetingskinderboerderij", "ontmoetingskinderboerderijen",
         "meeting petting farm", "petting_farm"),
    ]  # fmt: skip
    norm = opening.Norm(tuple(range(7)), datetime.time(8, 30), datetime.time(20), True)
    assert all(kind.norm == norm for kind in kinds)


def test_every_seeded_theme_and_target_group_is_used(demo):
    assert Theme.objects.count() >= 10
    assert not Theme.objects.filter(activities__isnull=True).exists()
    assert not TargetGroup.objects.filter(activities__isnull=True).exists()


def test_every_cluster_has_a_manager_and_a_sports_coach(demo):
    for cluster in Cluster.objects.all():
        roles = set(Person.objects.in_cluster(cluster).values_list("role", flat=True))
        assert {Person.Role.CLUSTER_MANAGER, Person.Role.SPORTS_COACH} <= roles, cluster
    assert all(p.email.endswith("@example.org") for p in Person.objects.all())
    assert all(p.phone.startswith("053 000") for p in Person.objects.all())
    assert {True, False} == set(Person.objects.values_list("contact_public", flat=True))


def test_this_week_has_activities(demo):
    now = timezone.now()
    assert Activity.objects.published().occurrences(now, now + datetime.timedelta(days=7))


def test_sports_clubs_host_their_sports_parks(demo):
    park = Location.objects.get(slug="ontmoetingspark-rigtersbleek")
    assert list(park.host_organisations.values_list("slug", flat=True)) == ["rigtersbleek"]


def coordinate_rows() -> dict[str, dict]:
    """Slug → row of the coordinates CSV, read here on its own (not through the loader)."""
    with COORDINATES_CSV.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {slugify(clean_name(r["name"].split(" / ")[0])): r for r in rows}


def test_places_are_the_csv_places_with_only_the_sourced_coordinates(demo):
    rows = csv_rows()
    importable = [r for r in rows if not is_city_park(r) and r["kind"] not in AREA_KINDS]
    by_slug = {slugify(clean_name(r["name"])): r for r in importable}
    points = coordinate_rows()
    assert set(points) == set(by_slug)  # one row per place, no more
    assert Location.objects.count() == len(importable)
    for location in Location.objects.all():
        row = by_slug[location.slug]  # no place that is not in the CSV
        assert location.source.startswith(row["source"])
        point = points[location.slug]
        if point["lat"] and point["lon"]:
            assert location.latitude == Decimal(point["lat"])
            assert location.longitude == Decimal(point["lon"])
            # How sure the point is stays with the place, for the staff who check it.
            level = point["confidence"].split(":")[0]
            assert f"Coordinates ({level} confidence)" in location.source
        else:
            assert location.latitude is None, location
            assert location.longitude is None, location
            assert "Coordinates" not in location.source


def test_the_map_shows_exactly_the_places_with_sourced_coordinates(demo, client):
    with_point = {slug for slug, row in coordinate_rows().items() if row["lat"] and row["lon"]}
    assert len(with_point) == 19
    features = client.get("/locaties/kaart.geojson").json()["features"]
    assert {f["id"] for f in features} == with_point
    magneet = next(f for f in features if f["id"] == "wijkcentrum-de-magneet")
    assert magneet["geometry"]["coordinates"] == [6.87564, 52.1927]  # lon, lat; 5 decimals
    # The rest are in the list, without a distance or a marker.
    listed = client.get("/").content.decode()
    assert "Speeltuin Bruggert" in listed
    assert "Noaberhuus" in listed


def test_a_coordinates_file_that_does_not_match_the_places_fails_loudly(tmp_path):
    lines = COORDINATES_CSV.read_text(encoding="utf-8").splitlines(keepends=True)
    short = tmp_path / "short.csv"
    short.write_text("".join(line for line in lines if not line.startswith("Prismare")))
    with pytest.raises(DemoDataError, match="no row for 'prismare'"):
        read_place_rows(coordinates_path=short)
    extra = tmp_path / "extra.csv"
    extra.write_text("".join(lines) + "Nergenshuis,,,52.2,6.9,x,high: x\n")
    with pytest.raises(DemoDataError, match="nergenshuis"):
        read_place_rows(coordinates_path=extra)


def test_city_parks_and_areas_are_not_imported(demo):
    skipped = [r for r in csv_rows() if is_city_park(r) or r["kind"] in AREA_KINDS]
    assert any(r["name"] == "Volkspark" for r in skipped)
    names = set(Location.objects.values_list("name", flat=True))
    slugs = set(Location.objects.values_list("slug", flat=True))
    for row in skipped:
        assert clean_name(row["name"]) not in names
        assert slugify(clean_name(row["name"])) not in slugs


def test_addresses_are_parsed(demo):
    magneet = Location.objects.get(slug="wijkcentrum-de-magneet")
    assert (magneet.street, magneet.house_number, magneet.city) == ("Hertmebrink", "1", "Enschede")
    wesseler = Location.objects.get(slug="kinderboerderij-de-wesseler")
    assert (wesseler.street, wesseler.house_number) == ("Wesselerweg", "15a")
    assert Location.objects.get(slug="sportpark-bultserve").city == "Glanerbrug"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hertmebrink 1", ("Hertmebrink", "1", "")),
        ("Lorentzlaan 22", ("Lorentzlaan", "22", "")),
        ("Wesselerweg 15a", ("Wesselerweg", "15a", "")),
        ("Dr. Van Damstraat", ("Dr. Van Damstraat", "", "")),
        ("Bultserve, Glanerbrug", ("Bultserve", "", "Glanerbrug")),
        ("in de Paulusschool", ("", "", "")),
        (
            "J.J. van Deinselaan (sportpark, per tubantia.nl 2018); x",
            ("J.J. van Deinselaan", "", ""),
        ),
        ("", ("", "", "")),
    ],
)
def test_parse_address(text, expected):
    assert parse_address(text) == expected


def test_demo_data_passes_model_validation(demo):
    for model in (Cluster, Location, OpeningHours, OpeningException, Schedule, Activity):
        for obj in model.objects.all():
            obj.full_clean()


def test_opening_hours_show_norm_and_exceptions(demo):
    norm = Location.objects.get(slug="wijkcentrum-de-magneet").opening_hours.all()
    assert len(norm) == 7
    assert {(h.opens, h.closes, h.supervised) for h in norm} == {
        (datetime.time(8, 30), datetime.time(20), True)
    }
    assert OpeningHours.objects.filter(supervised=False).exists()
    today = timezone.localdate()
    assert OpeningException.objects.filter(
        kind=OpeningException.Kind.SPECIAL_HOURS, start_date__gte=today
    ).exists()
    assert OpeningException.objects.filter(reason="Kerstavond", start_date__month=12).exists()


def test_if_empty_does_nothing_when_places_exist(demo):
    before = counts()
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "not loaded" in out.getvalue()
    assert counts() == before


def test_if_empty_does_nothing_with_any_place():
    # Its own cluster number, so it can sit beside the demo clusters if they are loaded.
    LocationFactory(cluster__number=99, cluster__name="Ander cluster")
    before = counts()
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "not loaded" in out.getvalue()
    assert counts() == before


def test_users_are_created_with_debug_on(demo, settings, client):
    settings.DEBUG = True
    before = counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == before
    assert "beheerder" in out.getvalue()
    users = get_user_model().objects.filter(username__in=DEMO_USERNAMES)
    assert users.count() == len(DEMO_USERNAMES)
    assert all(user.is_staff for user in users)
    assert users.get(username="beheerder").is_superuser
    for username in DEMO_USERNAMES:
        assert client.login(username=username, password=DEMO_PASSWORD), username
        client.logout()

    alifa = users.get(username="alifa")
    assert alifa.has_perm("activiteiten.add_activity")
    assert alifa.has_perm("locaties.view_location")
    assert not alifa.has_perm("locaties.change_location")
    manager = users.get(username="clustermanager")
    assert manager.has_perm("locaties.change_openinghours")
    assert not manager.has_perm("activiteiten.change_activity")
    municipality = users.get(username="gemeente")
    assert municipality.has_perm("activiteiten.view_activity")
    assert municipality.has_perm("clusters.view_cluster")
    assert not municipality.has_perm("activiteiten.change_activity")

    # A second run updates the same users instead of adding more.
    call_command("load_demo", stdout=StringIO())
    assert get_user_model().objects.filter(username__in=DEMO_USERNAMES).count() == len(
        DEMO_USERNAMES
    )


def test_loading_again_with_debug_off_changes_nothing_and_adds_no_users(demo, settings):
    settings.DEBUG = False
    before = counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == before
    assert "DEBUG is off" in out.getvalue()
    assert not get_user_model().objects.filter(username__in=DEMO_USERNAMES).exists()
    assert Cluster.objects.count() == 12


def test_the_demo_stores_enschedes_settings_and_keeps_what_was_chosen(demo):
    """The installation's defaults name no town: the demo brings Enschede's name, map and
    wijken as site settings, but leaves a value a functional administrator has set."""
    from demo.loader import demo_site_settings
    from demo.sources import WIJKEN_GEOJSON
    from instellingen.models import SiteSettings

    row = SiteSettings.get_solo()
    assert row.city_name == "Enschede"
    assert (row.map_latitude, row.map_longitude, row.map_zoom) == (
        Decimal("52.221500"),
        Decimal("6.893700"),
        12,
    )
    shipped = json.loads(WIJKEN_GEOJSON.read_text(encoding="utf-8"))
    assert [f["properties"]["statnaam"] for f in row.boundaries["features"]] == [
        f["properties"]["statnaam"] for f in shipped["features"]
    ]
    assert row.boundaries_name == "Wijken (CBS 2023)"

    row.city_name = "Enschede-Noord"
    row.save()
    demo_site_settings()
    assert SiteSettings.get_solo().city_name == "Enschede-Noord"
