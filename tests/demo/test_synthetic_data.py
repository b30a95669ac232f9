"""make_synthetic_data: a benchmark data set that reads the kinds of places from the database."""

from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from locaties.models import Location, LocationKind
from tests.factories import LocationKindFactory

pytestmark = pytest.mark.django_db


def make(**options) -> str:
    out = StringIO()
    call_command(
        "make_synthetic_data", places=40, activities=20, any_database=True, stdout=out, **options
    )
    return out.getvalue()


@time_machine.travel("2026-12-01 12:00 +01:00", tick=False)
def test_a_database_without_kinds_gets_synthetic_ones_some_with_a_norm():
    output = make()
    kinds = list(LocationKind.objects.all())
    assert [k.slug for k in kinds] == [
        "synth-dorpshuis",
        "synth-sportpark",
        "synth-speeltuin",
        "synth-bibliotheek",
    ]
    assert [k.norm is not None for k in kinds] == [True, True, False, False]
    assert "4 kinds of places" in output
    assert Location.objects.count() == 40
    # Names come from the kinds, not from a list in the code.
    assert all(p.name.startswith(p.kind.name_nl[:5].capitalize()) for p in Location.objects.all())


@time_machine.travel("2026-12-01 12:00 +01:00", tick=False)
def test_the_kinds_that_exist_are_used():
    hall = LocationKindFactory(slug="dorpshuis", name_nl="dorpshuis")
    canteen = LocationKindFactory(slug="kantine", name_nl="clubkantine")
    make()
    assert set(LocationKind.objects.all()) == {hall, canteen}
    assert set(Location.objects.values_list("kind__slug", flat=True)) == {"dorpshuis", "kantine"}
