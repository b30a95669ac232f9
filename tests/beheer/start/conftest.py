"""The frozen clock and the city the start page's tests run in."""

import datetime

import pytest
import time_machine

from ontmoeting import roles
from tests.beheer.conftest import make_staff
from tests.beheer.start.helpers import open_every_day, weekly
from tests.conftest import TUESDAY_MORNING
from tests.factories import (
    ActivityFactory,
    ClusterFactory,
    LocationFactory,
    OpeningExceptionFactory,
    OrganisationFactory,
    PersonFactory,
)


@pytest.fixture
def clock():
    with time_machine.travel(TUESDAY_MORNING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def city():
    """Alifa and Vizier at two houses of cluster Noord; a third house in cluster Zuid.

    Each Alifa activity needs attention for one reason only, so every section can be told
    apart; Vizier's need it too, and must never show on Alifa's page.
    """
    alifa = OrganisationFactory(name="Alifa", slug="alifa", email="info@alifa.example")
    vizier = OrganisationFactory(name="Vizier", slug="vizier")
    north = ClusterFactory(name="Noord", slug="noord")
    south = ClusterFactory(name="Zuid", slug="zuid")
    bolder = open_every_day(LocationFactory(name="De Bolder", slug="de-bolder", cluster=north))
    magneet = open_every_day(
        LocationFactory(
            name="De Magneet", slug="de-magneet", cluster=north, closed_on_public_holidays=False
        )
    )
    zuid = LocationFactory(
        name="Huis Zuid", slug="huis-zuid", cluster=south, latitude=None, longitude=None
    )
    PersonFactory(name="Anna Noord", clusters=[north])
    recent = datetime.date(2026, 11, 25)

    def activity(title, organiser, place, **fields):
        fields.setdefault("last_verified", recent)
        return ActivityFactory(title=title, organiser=organiser, location=place, **fields)

    # Ends on Monday 21 December: within four weeks; last verified before that came in view.
    breiclub = activity("Breiclub", alifa, bolder, last_verified=datetime.date(2026, 11, 1))
    weekly(breiclub, 0, (14, 0), (16, 0), until=datetime.date(2026, 12, 21))
    # Last verified on 1 August: more than 90 days ago. On Wednesdays, no public holiday near.
    taalcafe = activity("Taalcafé", alifa, bolder, last_verified=datetime.date(2026, 8, 1))
    weekly(taalcafe, 2, (14, 0), (16, 0))
    # Wednesdays at De Magneet, which is closed on Wednesday 9 December.
    koffie = activity("Koffie", alifa, magneet)
    weekly(koffie, 2, (10, 0), (12, 0))
    OpeningExceptionFactory(
        location=magneet, start_date=datetime.date(2026, 12, 9), reason="Verbouwing"
    )
    # Thursdays until 21:00, an hour after De Bolder closes.
    wandeling = activity("Avondwandeling", alifa, bolder)
    weekly(wandeling, 3, (19, 0), (21, 0))
    # Tuesdays in the same room as Vizier's gym.
    yoga = activity("Yoga", alifa, bolder, room="Zaal")
    weekly(yoga, 1, (10, 0), (12, 0))
    gym = activity("Gym", vizier, bolder, room="zaal ")
    weekly(gym, 1, (10, 30), (11, 30))
    # Vizier's own troubles: ends soon and never verified.
    huiswerk = activity("Huiswerkklas", vizier, bolder, last_verified=None)
    weekly(huiswerk, 0, (16, 0), (17, 0), until=datetime.date(2026, 12, 14))
    # Fine: open-ended, within the hours, its own room; it meets on Saturday 26 December,
    # when De Bolder is closed (a public holiday), but was verified since that came in view.
    schaakclub = activity("Schaakclub", alifa, bolder, room="Bibliotheek")
    weekly(schaakclub, 5, (9, 0), (10, 0))
    return {
        "alifa": alifa,
        "vizier": vizier,
        "north": north,
        "south": south,
        "bolder": bolder,
        "magneet": magneet,
        "zuid": zuid,
        "activities": {
            a.title: a
            for a in (breiclub, taalcafe, koffie, wandeling, yoga, gym, huiswerk, schaakclub)
        },
        "welfare": make_staff("alifa", role=roles.WELFARE_WORKER, organisations=[alifa]),
        "vizier_worker": make_staff("vizier", role=roles.WELFARE_WORKER, organisations=[vizier]),
        "manager": make_staff("noord", role=roles.CLUSTER_MANAGER, clusters=[north]),
        "municipality": make_staff("gemeente", role=roles.MUNICIPALITY),
        "administrator": make_staff("fb", role=roles.FUNCTIONAL_ADMIN),
    }
