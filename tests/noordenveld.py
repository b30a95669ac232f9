"""Noordenveld, the suite's second municipality, loaded as a municipality would load it.

The kinds of places and organisations are made as a functional administrator makes them in
the admin (the walk test types them into the admin's forms; elsewhere they are saved with
the same model validation); the clusters, places and activities come from the files in
``tests/fixtures/noordenveld/`` through the real import (check, then import).
"""

import csv
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from beheer import services
from beheer.models import ImportBatch, Membership
from locaties.models import LocationKind, Organisation
from ontmoeting import roles

FILES = Path(__file__).resolve().parent / "fixtures" / "noordenveld"
# In the order a municipality imports them: each refers to what the one before made.
IMPORTS = (
    (ImportBatch.Kind.CLUSTERS, "clusters.csv"),
    (ImportBatch.Kind.PLACES, "plekken.csv"),
    (ImportBatch.Kind.ACTIVITIES, "activiteiten.csv"),
)
ADMINISTRATOR = "wim"


def rows(filename: str) -> list[dict]:
    with (FILES / filename).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def place_rows() -> list[dict]:
    return rows("plekken.csv")


def activity_rows() -> list[dict]:
    return rows("activiteiten.csv")


def published_titles() -> set[str]:
    return {row["titel"] for row in activity_rows() if row["status"] == "gepubliceerd"}


def administrator():
    """The functional administrator ``make start`` asked for."""
    user = get_user_model().objects.create_user(
        ADMINISTRATOR, email="wim@noordenveld.example", first_name="Wim", is_staff=True
    )
    user.groups.add(Group.objects.get(name=roles.FUNCTIONAL_ADMIN))
    Membership.objects.create(user=user)
    return user


def add_kinds() -> list[LocationKind]:
    kinds = []
    for row in rows("kinds.csv"):
        kind = LocationKind(**{**row, "order": int(row["order"])})  # no norm: Noordenveld has none
        kind.full_clean()
        kind.save()
        kinds.append(kind)
    return kinds


def add_organisations() -> list[Organisation]:
    organisations = []
    for row in rows("organisations.csv"):
        organisation = Organisation(**row)
        organisation.full_clean()
        organisation.save()
        organisations.append(organisation)
    return organisations


def import_file(user, kind: str, filename: str) -> ImportBatch:
    """Check and import one file as ``user``; fails loudly when the file is not clean."""
    upload = SimpleUploadedFile(filename, (FILES / filename).read_bytes())
    batch = services.import_check(user=user, kind=kind, upload=upload)
    assert batch.status == ImportBatch.Status.CHECKED, batch.report["errors"]
    batch = services.import_apply(user=user, batch=batch)
    assert batch.status == ImportBatch.Status.IMPORTED, batch.report["errors"]
    return batch


def load():
    """Everything, from an empty portal; returns the administrator."""
    user = administrator()
    add_kinds()
    add_organisations()
    for kind, filename in IMPORTS:
        import_file(user, kind, filename)
    return user
