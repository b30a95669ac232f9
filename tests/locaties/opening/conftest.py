"""Places the opening-hours tests share: open every day, closed on holidays or not."""

import pytest

from tests.factories import LocationFactory
from tests.locaties.opening.helpers import add_hours


@pytest.fixture
def holiday_place():
    """Open every day 08:30–20:00, public holidays included."""
    place = LocationFactory(closed_on_public_holidays=False)
    add_hours(place, "08:30", "20:00")
    return place


@pytest.fixture
def norm_place():
    """Open and supervised every day 08:30–20:00, closed on public holidays (the default)."""
    place = LocationFactory()
    add_hours(place, "08:30", "20:00")
    return place
