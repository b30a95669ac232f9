"""factory_boy factories for every model; sensible defaults, override what a test is about."""

import datetime
from decimal import Decimal

import factory
from django.utils.text import slugify

from activiteiten.models import Activity, Cancellation, Schedule, TargetGroup, Theme
from clusters.models import Cluster
from locaties.models import (
    Location,
    LocationKind,
    OpeningException,
    OpeningHours,
    Organisation,
    Person,
)

# Enschede's four kinds, as the migration and the demo make them: slug → names, icon, type.
ENSCHEDE_KINDS = {
    "park": (
        "ontmoetingspark",
        "ontmoetingsparken",
        "meeting park",
        "meeting parks",
        "sports_park",
        "SportsActivityLocation",
    ),
    "house": (
        "ontmoetingshuis",
        "ontmoetingshuizen",
        "meeting house",
        "meeting houses",
        "community_house",
        "CivicStructure",
    ),
    "playground": (
        "ontmoetingsspeeltuin",
        "ontmoetingsspeeltuinen",
        "meeting playground",
        "meeting playgrounds",
        "playground",
        "Playground",
    ),
    "petting_farm": (
        "ontmoetingskinderboerderij",
        "ontmoetingskinderboerderijen",
        "meeting petting farm",
        "meeting petting farms",
        "petting_farm",
        "Zoo",
    ),
}
# Enschede's norm: every day 08:30–20:00, supervised.
ENSCHEDE_NORM = ([0, 1, 2, 3, 4, 5, 6], datetime.time(8, 30), datetime.time(20, 0))


def _kind_fact(index: int):
    """A fact of the kind: Enschede's for its four slugs, made from the slug otherwise."""

    def fact(o):
        if o.slug in ENSCHEDE_KINDS:
            return ENSCHEDE_KINDS[o.slug][index]
        word = o.slug.replace("_", " ")
        return (word, f"{word}en", f"{word} place", f"{word} places", "other", "Place")[index]

    return factory.LazyAttribute(fact)


def _norm_fact(index: int):
    """Enschede's kinds have Enschede's norm; any other kind has none unless told."""
    empty = ([], None, None)
    return factory.LazyAttribute(
        lambda o: (ENSCHEDE_NORM if o.slug in ENSCHEDE_KINDS else empty)[index]
    )


class LocationKindFactory(factory.django.DjangoModelFactory):
    """A kind of place, found by its slug if it exists (LocationFactory's kinds are shared)."""

    class Meta:
        model = LocationKind
        django_get_or_create = ("slug",)

    class Params:
        no_norm = factory.Trait(norm_weekdays=[], norm_opens=None, norm_closes=None)

    slug = "house"
    name_nl = _kind_fact(0)
    plural_nl = _kind_fact(1)
    name_en = _kind_fact(2)
    plural_en = _kind_fact(3)
    icon = _kind_fact(4)
    schema_type = _kind_fact(5)
    order = factory.LazyAttribute(
        lambda o: list(ENSCHEDE_KINDS).index(o.slug) + 1 if o.slug in ENSCHEDE_KINDS else 10
    )
    norm_weekdays = _norm_fact(0)
    norm_opens = _norm_fact(1)
    norm_closes = _norm_fact(2)
    norm_supervised = True


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
    # A LocationKind, or its slug (LocationFactory(kind="park")).
    kind = factory.SubFactory(LocationKindFactory)
    cluster = factory.SubFactory(ClusterFactory)
    status = Location.Status.DESIGNATED
    street = "Hertmebrink"
    house_number = "1"
    postcode = "7544 CZ"
    city = "Enschede"
    latitude = Decimal("52.190486")
    longitude = Decimal("6.874870")
    published = True

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        if isinstance(kwargs.get("kind"), str):
            kwargs["kind"] = LocationKindFactory(slug=kwargs["kind"])
        return kwargs


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
