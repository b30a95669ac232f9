"""The overviews' filter over all places."""

import pytest

from locaties.models import LocationKind
from tests.overzichten.conftest import place_filter

pytestmark = pytest.mark.django_db


# --- Describing the filter ------------------------------------------------------------


def test_the_filter_in_words(city):
    filterset = place_filter(cluster="noord", kind="park", open_at="10:00")
    described = dict(filterset.described())
    assert described[str(filterset.form.fields["cluster"].label)] == "Noord"
    assert described[str(filterset.form.fields["open_at"].label)] == "10:00"
    park = LocationKind.objects.get(slug="park")
    assert park.label in described[str(filterset.form.fields["kind"].label)]
