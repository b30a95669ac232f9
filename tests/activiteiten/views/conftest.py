"""The fixtures of the agenda and activity page tests: a small programme, an activity, a dinner."""

import datetime

import pytest

from tests.activiteiten.views.helpers import weekly
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    ClusterFactory,
    LocationFactory,
    OpeningExceptionFactory,
    OrganisationFactory,
    PersonFactory,
    TargetGroupFactory,
    ThemeFactory,
)


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def programme():
    """A small week: five activities that differ in one filterable respect each."""
    sport = ThemeFactory(name="Sport en bewegen", slug="sport-en-bewegen")
    elderly = TargetGroupFactory(name="Ouderen", slug="ouderen")
    noord = ClusterFactory(name="Noord", slug="noord")
    zuid = ClusterFactory(name="Zuid", slug="zuid")
    magneet = LocationFactory(name="De Magneet", slug="de-magneet", cluster=noord)
    bolwerk = LocationFactory(name="Het Bolwerk", slug="het-bolwerk", cluster=zuid)
    alifa = OrganisationFactory(name="Alifa", slug="alifa")
    vizier = OrganisationFactory(name="Vizier", slug="vizier")

    walk = ActivityFactory(
        title="Wandeling door het park",
        slug="wandeling",
        location=magneet,
        organiser=alifa,
        description="Samen een rondje lopen.",
    )
    walk.themes.add(sport)
    weekly(walk, 1, (10, 0), (11, 30))  # Tuesday morning
    cafe = ActivityFactory(
        title="Taalcafé",
        slug="taalcafe",
        location=bolwerk,
        organiser=vizier,
        is_free=False,
        cost="€ 1",
        description="Nederlands oefenen in een gezellig café.",
    )
    weekly(cafe, 3, (19, 0), (21, 0))  # Thursday evening
    bingo = ActivityFactory(title="Bingo", slug="bingo", location=magneet, organiser=vizier)
    bingo.target_groups.add(elderly)
    weekly(bingo, 2, (14, 0), (16, 0))  # Wednesday afternoon
    support = ActivityFactory(
        title="Samen koken", slug="samen-koken", location=bolwerk, support_need_welcome=True
    )
    weekly(support, 4, (17, 30), (19, 30))  # Friday evening
    gym = ActivityFactory(title="Zondaggym", slug="zondaggym", location=magneet)
    weekly(gym, 6, (9, 0), (10, 0))  # Sunday morning
    return {"walk": walk, "cafe": cafe, "bingo": bingo, "support": support, "early": gym}


@pytest.fixture
def coffee():
    place = LocationFactory(name="De Magneet", slug="de-magneet")
    organiser = OrganisationFactory(name="Alifa", slug="alifa", website="https://www.alifa.nl/")
    activity = ActivityFactory(
        title="Koffieochtend",
        slug="koffieochtend",
        location=place,
        organiser=organiser,
        is_free=False,
        cost="€ 2 per keer",
        registration_info="Bel even van tevoren.",
        registration_required=True,
        contact_person=PersonFactory(
            name="Anna Gastvrouw", phone="053 999 99 99", contact_public=False
        ),
    )
    activity.themes.add(ThemeFactory(name="Ontmoeten", slug="ontmoeten"))
    activity.target_groups.add(TargetGroupFactory(name="Buurtbewoners", slug="buurtbewoners"))
    weekly(activity, 1, (10, 0), (12, 0), first=datetime.date(2026, 11, 24))
    CancellationFactory(activity=activity, date=datetime.date(2026, 12, 1), reason="Zaal bezet")
    return activity


@pytest.fixture
def dinner():
    """'Samen eten' on Fridays until 16 April 2027, at a place closed on public holidays
    (the default) and closed for building work on 8 January."""
    place = LocationFactory(name="Huis De Linde", slug="huis-de-linde")
    OpeningExceptionFactory(
        location=place, start_date=datetime.date(2027, 1, 8), reason="Verbouwing"
    )
    activity = ActivityFactory(title="Samen eten", slug="samen-eten", location=place)
    weekly(activity, 4, (12, 0), (13, 30), until=datetime.date(2027, 4, 16))
    return activity
