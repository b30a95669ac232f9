"""Data for the API tests: what must appear, and what must never (unpublished, private)."""

import datetime
from types import SimpleNamespace

import pytest

from activiteiten.models import Activity, Schedule
from locaties.models import Location, OpeningException, Person
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    ClusterFactory,
    LocationFactory,
    LocationKindFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    PersonFactory,
    ScheduleFactory,
    TargetGroupFactory,
    ThemeFactory,
)

AREA = {
    "type": "Polygon",
    "coordinates": [[[6.86, 52.18], [6.89, 52.18], [6.89, 52.20], [6.86, 52.20], [6.86, 52.18]]],
}
PRIVATE_PHONE = "06 99 99 99 99"
PRIVATE_EMAIL = "prive@example.org"


@pytest.fixture
def api_data(db):
    """Two clusters; two published places and one unpublished; public and private people;
    published, draft and cancelled activities, and one at the unpublished place."""
    noord = ClusterFactory(number=1, name="Noord", slug="noord", area=AREA)
    zuid = ClusterFactory(number=2, name="Zuid", slug="zuid")
    host = OrganisationFactory(name="Woonbedrijf", slug="woonbedrijf")
    welfare = OrganisationFactory(name="Welzijn Oost", slug="welzijn-oost")
    hidden_org = OrganisationFactory(name="Nog Niets", slug="nog-niets")
    magneet = LocationFactory(
        name="De Magneet",
        slug="de-magneet",
        cluster=noord,
        kind="house",
        wheelchair_accessible=True,
        hearing_loop=True,
        phone="053 111 11 11",
    )
    magneet.host_organisations.add(host)
    for weekday in range(7):
        OpeningHoursFactory(location=magneet, weekday=weekday)
    OpeningExceptionFactory(location=magneet, start_date=datetime.date(2026, 12, 24))
    OpeningExceptionFactory(
        location=magneet,
        start_date=datetime.date(2026, 12, 31),
        kind=OpeningException.Kind.SPECIAL_HOURS,
        opens=datetime.time(10, 0),
        closes=datetime.time(0, 0),
        supervised=True,
        reason="Oudjaar",
    )
    park = LocationFactory(
        name="Sportpark Zuid",
        slug="sportpark-zuid",
        cluster=zuid,
        kind="park",
        latitude=None,
        longitude=None,
        building_status=Location.BuildingStatus.NEW_BUILDING_PLANNED,
        new_building_year=2028,
    )
    OpeningHoursFactory(location=park, weekday=0, opens=datetime.time(9), closes=datetime.time(17))
    hidden = LocationFactory(
        name="Verborgen Huis", slug="verborgen-huis", cluster=noord, published=False
    )
    # A kind that exists, but without places; its norm only Monday to Friday 09:00–17:00.
    playground = LocationKindFactory(
        slug="playground",
        norm_weekdays=[0, 1, 2, 3, 4],
        norm_opens=datetime.time(9),
        norm_closes=datetime.time(17),
        norm_supervised=False,
    )
    manager = PersonFactory(
        name="Anna Manager",
        role=Person.Role.CLUSTER_MANAGER,
        contact_public=True,
        organisation=welfare,
        phone="053 222 22 22",
        email="anna@example.org",
        clusters=[noord],
    )
    private = PersonFactory(
        name="Piet Prive",
        role=Person.Role.HOST,
        contact_public=False,
        phone=PRIVATE_PHONE,
        email=PRIVATE_EMAIL,
        locations=[magneet],
    )
    theme = ThemeFactory(name="Eenzaamheid", slug="eenzaamheid", name_en="Loneliness")
    group = TargetGroupFactory(name="Ouderen", slug="ouderen", name_en="Elderly")
    ThemeFactory(name="Sport", slug="sport")
    koffie = ActivityFactory(
        title="Koffieochtend",
        slug="koffieochtend",
        location=magneet,
        organiser=welfare,
        contact_person=private,
        support_need_welcome=True,
    )
    koffie.themes.add(theme)
    koffie.target_groups.add(group)
    ScheduleFactory(activity=koffie)  # Tuesdays 10:00–12:00 from 1 December 2026
    CancellationFactory(activity=koffie, date=datetime.date(2026, 12, 8))
    wandelen = ActivityFactory(
        title="Wandelen",
        slug="wandelen",
        location=magneet,
        organiser=welfare,
        contact_person=manager,
        is_free=False,
        cost="€ 2",
    )
    ScheduleFactory(
        activity=wandelen,
        frequency=Schedule.Frequency.MONTHLY,
        weekdays=[3],
        month_week=1,
        start_date=datetime.date(2026, 11, 1),
        start_time=datetime.time(19, 0),
        end_time=datetime.time(21, 0),
    )
    draft = ActivityFactory(
        title="Concept", slug="concept", location=magneet, status=Activity.Status.DRAFT
    )
    ScheduleFactory(activity=draft)
    cancelled = ActivityFactory(
        title="Gestopt", slug="gestopt", location=magneet, status=Activity.Status.CANCELLED
    )
    ScheduleFactory(activity=cancelled)
    elsewhere = ActivityFactory(title="Achter Slot", slug="achter-slot", location=hidden)
    ScheduleFactory(activity=elsewhere)
    return SimpleNamespace(**locals())
