"""Fixtures of the import tests: users of each role, clusters, a place, organisations."""

import datetime

import pytest
from django.utils import translation

from ontmoeting import roles
from tests.beheer.imports.helpers import staff
from tests.factories import (
    ENSCHEDE_KINDS,
    ClusterFactory,
    LocationFactory,
    LocationKindFactory,
    OpeningHoursFactory,
    OrganisationFactory,
)


@pytest.fixture(autouse=True)
def kinds(db):
    """Enschede's four kinds of places: the column soort names one of them."""
    return {slug: LocationKindFactory(slug=slug) for slug in ENSCHEDE_KINDS}


@pytest.fixture(autouse=True)
def dutch():
    """The default language, whatever an earlier test left active."""
    with translation.override("nl"):
        yield


@pytest.fixture
def admin_user(db):
    return staff("fb", roles.FUNCTIONAL_ADMIN)


@pytest.fixture
def alifa(db):
    return OrganisationFactory(name="Alifa", slug="alifa")


@pytest.fixture
def vizier(db):
    return OrganisationFactory(name="Vizier", slug="vizier")


@pytest.fixture
def noord(db):
    return ClusterFactory(number=1, name="Noord", slug="noord")


@pytest.fixture
def zuid(db):
    return ClusterFactory(number=2, name="Zuid", slug="zuid")


@pytest.fixture
def linde(noord):
    return LocationFactory(name="Huis De Linde", slug="huis-de-linde", cluster=noord)


@pytest.fixture
def welfare_worker(alifa):
    return staff("welzijn", roles.WELFARE_WORKER, organisations=[alifa])


@pytest.fixture
def cluster_manager(noord):
    return staff("clustermanager", roles.CLUSTER_MANAGER, clusters=[noord])


@pytest.fixture
def municipality(db):
    return staff("gemeente", roles.MUNICIPALITY)


@pytest.fixture
def hosts(alifa):
    return [alifa, OrganisationFactory(name="Domijn", slug="domijn")]


@pytest.fixture
def client_as(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def linde_hours(linde):
    """Huis De Linde: open on weekdays 08:30–11:00, closed on public holidays (the default)."""
    for weekday in range(5):
        OpeningHoursFactory(location=linde, weekday=weekday, closes=datetime.time(11))
    return linde
