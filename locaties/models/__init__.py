"""The places' models: kinds, places, opening hours and their exceptions, organisations and
people. One module each; every model is imported here, so that Django finds them and the rest
of the project imports them from ``locaties.models``.
"""

from .common import MIDNIGHT, Weekday, validate_interval, weekdays_field
from .hours import OpeningException, OpeningHours
from .kinds import LocationKind, LocationKindQuerySet, MarkerIcon, SchemaType
from .organisations import Organisation, OrganisationQuerySet
from .people import Person, PersonQuerySet
from .places import Location, LocationQuerySet, normalise_postcode, validate_postcode

__all__ = [
    "MIDNIGHT",
    "Location",
    "LocationKind",
    "LocationKindQuerySet",
    "LocationQuerySet",
    "MarkerIcon",
    "OpeningException",
    "OpeningHours",
    "Organisation",
    "OrganisationQuerySet",
    "Person",
    "PersonQuerySet",
    "SchemaType",
    "Weekday",
    "normalise_postcode",
    "validate_interval",
    "validate_postcode",
    "weekdays_field",
]
