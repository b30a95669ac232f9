"""factory_boy factories for every model; sensible defaults, override what a test is about."""

import datetime
from decimal import Decimal

import factory
from django.utils.text import slugify

from activiteiten.models import Activity, Cancellation, Schedule, TargetGroup, Theme
from clusters.models import Cluster
from locaties.models import Location, OpeningException, OpeningHours, Organisation, Person


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Cluster {n + 1}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Organisation.Kind.WELFARE


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Ontmoetingshuis {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Location.Kind.HOUSE
    cluster = factory.SubFactory(ClusterFactory)
    status = Location.Status.DESIGNATED
    street = "Hertmebrink"
    house_number = "1"
    postcode = "7544 CZ"
    city = "Enschede"
    latitude = Decimal("52.190486")
    longitude = Decimal("6.874870")
    published = True


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    location = factory.SubFactory(LocationFactory)
    weekday = 0
    opens = datetime.time(8, 30)
    closes = datetime.time(20, 0)
    supervised = True


class OpeningExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningException

    location = factory.SubFactory(LocationFactory)
    start_date = datetime.date(2026, 12, 24)
    kind = OpeningException.Kind.CLOSED
    reason = "Kerstavond"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Persoon {n}")
    role = Person.Role.CLUSTER_MANAGER
    phone = "053 123 45 67"
    email = factory.Sequence(lambda n: f"persoon{n}@example.org")

    @factory.post_generation
    def clusters(self, create, extracted, **kwargs):
        if create and extracted:
            self.clusters.set(extracted)

    @factory.post_generation
    def locations(self, create, extracted, **kwargs):
        if create and extracted:
            self.locations.set(extracted)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Doelgroep {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    title = factory.Sequence(lambda n: f"Koffieochtend {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    organiser = factory.SubFactory(OrganisationFactory)
    location = factory.SubFactory(LocationFactory)
    status = Activity.Status.PUBLISHED


class ScheduleFactory(factory.django.DjangoModelFactory):
    """Weekly on Tuesday 10:00–12:00 from Tuesday 1 December 2026, unless told otherwise."""

    class Meta:
        model = Schedule

    activity = factory.SubFactory(ActivityFactory)
    start_date = datetime.date(2026, 12, 1)
    start_time = datetime.time(10, 0)
    end_time = datetime.time(12, 0)
    frequency = Schedule.Frequency.WEEKLY
    weekdays = factory.LazyFunction(lambda: [1])


class CancellationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cancellation

    activity = factory.SubFactory(ActivityFactory)
    date = datetime.date(2026, 12, 8)
    reason = "Zaal bezet"
