"""The migration that turns the four kinds of code into rows: only those in use, with the norm.

These tests run the real migrations on the test database, back to before the kinds were
rows and forward again, so they are transactional (and put the schema back whatever happens).
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from locaties import opening
from locaties.models import Location, LocationKind

BEFORE = [("locaties", "0003_dates_in_range_and_one_line_text")]


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def old_schema():
    """The database as it was before kinds were rows; the latest schema again afterwards."""
    migrate(BEFORE)
    try:
        yield MigrationExecutor(connection).loader.project_state(BEFORE).apps
    finally:
        migrate(latest())


def old_places(apps, kinds) -> None:
    cluster = apps.get_model("clusters", "Cluster").objects.create(
        number=1, name="Noord", slug="noord"
    )
    location = apps.get_model("locaties", "Location")
    for number, kind in enumerate(kinds):
        location.objects.create(
            name=f"Plek {number}", slug=f"plek-{number}", kind=kind, cluster=cluster
        )


def test_a_new_database_starts_without_kinds(db):
    assert not LocationKind.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_kinds_in_use_become_rows_with_todays_slugs_names_and_norm(old_schema, monkeypatch):
    """One database, there and back three times (each round trip costs seconds)."""
    for name in ("NORM_WEEKDAYS", "NORM_OPENS", "NORM_CLOSES"):
        monkeypatch.delenv(name, raising=False)
    old_places(old_schema, ["house", "petting_farm", "house", "park"])

    migrate(latest())

    kinds = list(LocationKind.objects.all())
    # Only the three in use, in today's order; the playground is not made.
    assert [(k.slug, k.name_nl, k.plural_nl, k.name_en, k.plural_en) for k in kinds] == [
        ("park", "ontmoetingspark", "ontmoetingsparken", "meeting park", "meeting parks"),
        ("house", "ontmoetingshuis", "ontmoetingshuizen", "meeting house", "meeting houses"),
        (
            "petting_farm",
            "ontmoetingskinderboerderij",
            "ontmoetingskinderboerderijen",
            "meeting petting farm",
            "meeting petting farms",
        ),
    ]
    assert [k.icon for k in kinds] == ["sports_park", "community_house", "petting_farm"]
    norm = opening.Norm(tuple(range(7)), datetime.time(8, 30), datetime.time(20), True)
    assert all(k.norm == norm for k in kinds)
    codes = [
        ("plek-0", "house"),
        ("plek-1", "petting_farm"),
        ("plek-2", "house"),
        ("plek-3", "park"),
    ]
    assert sorted(Location.objects.values_list("slug", "kind__slug")) == codes

    # The variables of the removed setting OPENING_NORM decide the norm the kinds get.
    office_hours = opening.Norm((0, 1, 2, 3, 4), datetime.time(9), datetime.time(17), True)
    for environment, norm in (
        (
            {"NORM_WEEKDAYS": "0,1,2,3,4", "NORM_OPENS": "09:00", "NORM_CLOSES": "17:00"},
            office_hours,
        ),
        ({"NORM_WEEKDAYS": ""}, None),  # the norm switched off
    ):
        # Undone, the codes are back as they were.
        migrate(BEFORE)
        location = (
            MigrationExecutor(connection)
            .loader.project_state(BEFORE)
            .apps.get_model("locaties", "Location")
        )
        assert sorted(location.objects.values_list("slug", "kind")) == codes
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        migrate(latest())
        assert [(k.slug, k.norm) for k in LocationKind.objects.all()] == [
            ("park", norm),
            ("house", norm),
            ("petting_farm", norm),
        ]
