"""The city whose place, cluster and agenda feeds the tests read."""

import datetime

import pytest

from activiteiten.models import Activity
from tests.factories import (
    ActivityFactory,
    ClusterFactory,
    LocationFactory,
    ScheduleFactory,
    ThemeFactory,
)


@pytest.fixture
def city():
    noord, zuid = ClusterFactory(slug="noord"), ClusterFactory(slug="zuid")
    magneet = LocationFactory(slug="de-magneet", cluster=noord)
    bolwerk = LocationFactory(slug="het-bolwerk", cluster=noord)
    kottens = LocationFactory(slug="kottens", cluster=zuid)
    sport = ThemeFactory(name="Sport", slug="sport")
    made = {}
    for slug, place, weekday, hour in (
        ("gym", magneet, 1, 9),
        ("bingo", magneet, 2, 14),
        ("koor", bolwerk, 1, 19),
        ("voetbal", kottens, 5, 10),
    ):
        made[slug] = ActivityFactory(slug=slug, title=slug.capitalize(), location=place)
        ScheduleFactory(
            activity=made[slug],
            weekdays=[weekday],
            start_date=datetime.date(2026, 1, 5),
            start_time=datetime.time(hour, 0),
            end_time=datetime.time(hour + 1, 0),
        )
    made["gym"].themes.add(sport)
    made["voetbal"].themes.add(sport)
    ScheduleFactory(  # the choir also sings on Saturday afternoon
        activity=made["koor"],
        weekdays=[5],
        start_date=datetime.date(2026, 1, 5),
        start_time=datetime.time(15, 0),
        end_time=datetime.time(16, 0),
    )
    hidden = ActivityFactory(slug="concept", location=magneet, status=Activity.Status.DRAFT)
    ScheduleFactory(activity=hidden, start_date=datetime.date(2026, 1, 5))
    return made
