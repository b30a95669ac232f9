"""Places (as JSON and as GeoJSON features) and kinds of places."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from locaties import opening, structured
from locaties.models import Location, OpeningException, Weekday

from .fields import (
    ApiUrlField,
    ClockField,
    ConstantField,
    LabelField,
    NullableClockField,
    PageUrlField,
)
from .references import (
    KIND_HELP,
    ClusterRefSerializer,
    OrganisationRefSerializer,
    PublicContactSerializer,
)


class AddressSerializer(serializers.Serializer):
    street = serializers.CharField(read_only=True)
    house_number = serializers.CharField(read_only=True)
    postcode = serializers.CharField(read_only=True)
    city = serializers.CharField(read_only=True)
    text = serializers.CharField(
        source="address", read_only=True, help_text=_("The address on one line.")
    )


class CoordinatesSerializer(serializers.Serializer):
    """WGS84 latitude and longitude; null when the place's position is not known."""

    latitude = serializers.FloatField(read_only=True)
    longitude = serializers.FloatField(read_only=True)

    def to_representation(self, instance):
        if not instance.has_coordinates:
            return None
        return {"latitude": float(instance.latitude), "longitude": float(instance.longitude)}


class AccessibilitySerializer(serializers.Serializer):
    wheelchair_accessible = serializers.BooleanField(read_only=True)
    accessible_toilet = serializers.BooleanField(read_only=True)
    parking = serializers.BooleanField(read_only=True)
    public_transport_nearby = serializers.BooleanField(read_only=True)
    hearing_loop = serializers.BooleanField(read_only=True)


class WeeklyHoursSerializer(serializers.Serializer):
    weekday = serializers.ChoiceField(
        choices=Weekday.choices, read_only=True, help_text=_("0 = Monday … 6 = Sunday.")
    )
    weekday_label = LabelField(source="get_weekday_display")
    opens = ClockField()
    closes = ClockField(closing=True, help_text=_("24:00 is midnight at the end of the day."))
    supervised = serializers.BooleanField(read_only=True)


class ExceptionSerializer(serializers.Serializer):
    start_date = serializers.DateField(read_only=True)
    end_date = serializers.DateField(read_only=True)
    kind = serializers.ChoiceField(choices=OpeningException.Kind.choices, read_only=True)
    opens = NullableClockField()
    closes = NullableClockField(closing=True)
    supervised = serializers.BooleanField(read_only=True)
    reason = serializers.CharField(read_only=True)


class SpecificationSerializer(serializers.Serializer):
    """One schema.org OpeningHoursSpecification: a weekday, or a date (closed: 00:00–00:00).

    The data comes from ``locaties.structured`` in schema.org's own shape; the fields are
    declared only to describe it. Not read-only, so that the optional members are not
    listed as required in the schema.
    """

    def get_fields(self):
        # "@type" is no Python name: declared here rather than as class attributes.
        return {
            "@type": serializers.ChoiceField(
                choices=[("OpeningHoursSpecification", "OpeningHoursSpecification")]
            ),
            "dayOfWeek": serializers.URLField(
                required=False, help_text=_("A weekly rule: https://schema.org/Monday etc.")
            ),
            "validFrom": serializers.DateField(required=False, help_text=_("A dated rule.")),
            "validThrough": serializers.DateField(required=False),
            "opens": serializers.CharField(),
            "closes": serializers.CharField(
                help_text=_("23:59 for midnight; opens = closes = 00:00 on a closed day.")
            ),
        }

    def to_representation(self, instance):
        return instance


class UpcomingExceptions(serializers.ListSerializer):
    """The exceptions that have not ended yet, from the prefetched list."""

    def get_attribute(self, instance):
        today = self.context["today"]
        return [e for e in instance.exceptions.all() if (e.end_date or e.start_date) >= today]


class OpeningHoursSerializer(serializers.Serializer):
    # Nested serializers declared here, not built in methods: DRF copies declared fields once
    # per response, while a serializer built per place costs milliseconds each.
    closed_on_public_holidays = serializers.BooleanField(read_only=True)
    weekly = WeeklyHoursSerializer(
        source="opening_hours.all",
        many=True,
        read_only=True,
        help_text=_("The usual week; a day may have several intervals."),
    )
    exceptions = UpcomingExceptions(
        child=ExceptionSerializer(),
        read_only=True,
        help_text=_("Exceptions that have not ended yet: closed days and special hours."),
    )
    osm = serializers.SerializerMethodField(
        help_text=_(
            "As an OpenStreetMap opening_hours value, with the exceptions of the coming 60 days."
        )
    )
    specification = serializers.SerializerMethodField(
        help_text=_(
            "As schema.org openingHoursSpecification, with the exceptions and public "
            "holidays of the coming 60 days."
        )
    )

    @extend_schema_field(
        {"type": "string", "example": "Mo-Su 08:30-20:00; PH off; 2026 Dec 24 off"}
    )
    def get_osm(self, location):
        return structured.osm_opening_hours(location, self.context["today"])

    @extend_schema_field(SpecificationSerializer(many=True))
    def get_specification(self, location):
        return structured.opening_hours_specification(location, self.context["today"])


def _state(location, context) -> opening.OpeningState:
    """The "now" engine's answer, once per place per response."""
    state = getattr(location, "api_state", None)
    if state is None:
        state = location.api_state = opening.state_at(location, context["now"])
    return state


def public_contacts(location) -> list:
    """Who to contact at a place, as on its page (its own people and its cluster's manager and
    sports coach), the same people as ``Person.objects.at_location``. Reads prefetched
    lists (see ``views.place_queryset``), so a page of places costs no query per place."""
    people = {p.pk: p for p in location.cluster.people.all() if p.is_supervisor}
    people.update((p.pk, p) for p in location.people.all())
    return sorted(people.values(), key=lambda p: (p.role, p.name, p.pk))


class PublicContacts(serializers.ListSerializer):
    def get_attribute(self, instance):
        return public_contacts(instance)


class PlaceSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    url = ApiUrlField("api:place-detail")
    web_url = PageUrlField()
    ical_url = PageUrlField("locaties:ical", help_text=_("The place's activities as iCalendar."))
    kind = serializers.CharField(source="kind.slug", read_only=True, help_text=KIND_HELP)
    kind_label = LabelField(source="kind.label", help_text=_("In the language of the request."))
    status = serializers.ChoiceField(choices=Location.Status.choices, read_only=True)
    status_label = LabelField(source="get_status_display")
    building_status = serializers.SerializerMethodField()
    new_building_year = serializers.IntegerField(read_only=True, allow_null=True)
    cluster = ClusterRefSerializer(read_only=True)
    description = serializers.CharField(read_only=True)
    address = AddressSerializer(source="*", read_only=True)
    coordinates = CoordinatesSerializer(source="*", read_only=True, allow_null=True)
    distance_km = serializers.SerializerMethodField(
        help_text=_("Distance from lat/lon when those are given; null otherwise.")
    )
    phone = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True)
    website = serializers.CharField(read_only=True)
    accessibility = AccessibilitySerializer(source="*", read_only=True)
    host_organisations = OrganisationRefSerializer(many=True, read_only=True)
    open_now = serializers.SerializerMethodField()
    supervised_now = serializers.SerializerMethodField(
        help_text=_("Open and a professional (cluster manager, sports coach) present.")
    )
    state = serializers.SerializerMethodField(
        help_text=_("The state in words, e.g. 'Open · closes at 20:00'.")
    )
    closes_at = serializers.SerializerMethodField()
    next_opening = serializers.SerializerMethodField()
    opening_hours = OpeningHoursSerializer(source="*", read_only=True)
    contacts = PublicContacts(
        child=PublicContactSerializer(),
        read_only=True,
        help_text=_(
            "Who is there: name, role and organisation; phone and e-mail only when public."
        ),
    )
    last_verified = serializers.DateField(read_only=True, allow_null=True)

    @extend_schema_field(
        {
            "type": "string",
            "enum": [*Location.BuildingStatus.values, None],
            "nullable": True,
        }
    )
    def get_building_status(self, location):
        return location.building_status or None

    @extend_schema_field({"type": "number", "format": "double", "nullable": True})
    def get_distance_km(self, location):
        distance = getattr(location, "distance_km", None)
        return None if distance is None else round(distance, 3)

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_open_now(self, location):
        return _state(location, self.context).is_open

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_supervised_now(self, location):
        return _state(location, self.context).supervised

    @extend_schema_field(OpenApiTypes.STR)
    def get_state(self, location):
        return opening.describe_state(_state(location, self.context))

    @extend_schema_field({"type": "string", "format": "date-time", "nullable": True})
    def get_closes_at(self, location):
        moment = _state(location, self.context).closes_at
        return serializers.DateTimeField().to_representation(moment) if moment else None

    @extend_schema_field({"type": "string", "format": "date-time", "nullable": True})
    def get_next_opening(self, location):
        moment = _state(location, self.context).next_opening
        return serializers.DateTimeField().to_representation(moment) if moment else None


class PointSerializer(serializers.Serializer):
    type = ConstantField("Point")
    coordinates = serializers.SerializerMethodField(
        help_text=_("Longitude, latitude (WGS84), as RFC 7946 orders them.")
    )

    @extend_schema_field(
        {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}
    )
    def get_coordinates(self, location):
        return [float(location.longitude), float(location.latitude)]


class PlaceFeatureSerializer(serializers.Serializer):
    type = ConstantField("Feature")
    id = serializers.CharField(source="slug", read_only=True)
    geometry = PointSerializer(source="*", read_only=True)
    properties = PlaceSerializer(source="*", read_only=True)


class PlaceFeatureCollectionSerializer(serializers.Serializer):
    """One page of places as a FeatureCollection; the paging members are foreign members
    (RFC 7946 §6.1), named and filled as in the JSON list."""

    type = ConstantField("FeatureCollection")
    count = serializers.IntegerField(
        min_value=0, read_only=True, help_text=_("Places that match, on all pages together.")
    )
    next = serializers.URLField(
        read_only=True, allow_null=True, help_text=_("The next page, or null on the last one.")
    )
    previous = serializers.URLField(
        read_only=True,
        allow_null=True,
        help_text=_("The previous page, or null on the first one."),
    )
    features = PlaceFeatureSerializer(many=True, read_only=True)


# --- Kinds of places --------------------------------------------------------------------


class NormSerializer(serializers.Serializer):
    """A kind's norm: open on these weekdays between these times, supervised or not."""

    weekdays = serializers.ListField(
        child=serializers.ChoiceField(choices=Weekday.choices),
        read_only=True,
        help_text=_("0 = Monday … 6 = Sunday."),
    )
    opens = ClockField()
    closes = ClockField(closing=True, help_text=_("24:00 is midnight at the end of the day."))
    supervised = serializers.BooleanField(
        read_only=True, help_text=_("A professional must be present during these hours.")
    )


class KindSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = LabelField(source="label", help_text=_("In the language of the request."))
    plural = LabelField(source="plural_label", help_text=_("In the language of the request."))
    icon = serializers.SerializerMethodField(help_text=_("The marker icon (SVG)."))
    schema_type = serializers.CharField(
        read_only=True, help_text=_("The schema.org type of its places, e.g. Playground.")
    )
    norm = NormSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("The norm for places of this kind; null when there is none."),
    )
    place_count = serializers.IntegerField(read_only=True, help_text=_("Published places."))

    @extend_schema_field(OpenApiTypes.URI)
    def get_icon(self, kind) -> str:
        return self.context["request"].build_absolute_uri(kind.icon_url)
