"""What the API returns. The same classes drive the responses and the OpenAPI schema.

Every serializer here only reads. The serializer context carries ``request`` (for absolute
URLs), ``now`` and ``today`` (so a whole response is computed at one moment).
"""

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from activiteiten import schedules as schedule_rules
from activiteiten.models import Schedule
from locaties import opening, structured
from locaties.models import Location, OpeningException, Organisation, Person, Weekday

MIDNIGHT = datetime.time(0, 0)
CLOCK_SCHEMA = {
    "type": "string",
    "pattern": r"^([01][0-9]|2[0-4]):[0-5][0-9]$",
    "example": "08:30",
}


def clock(value: datetime.time | None, *, closing: bool = False) -> str | None:
    """HH:MM; a closing time of midnight is "24:00", the end of the day (as in OSM)."""
    if value is None:
        return None
    if closing and value == MIDNIGHT:
        return "24:00"
    return f"{value:%H:%M}"


# --- Shared fields ----------------------------------------------------------------------


class ConstantField(serializers.ChoiceField):
    """A member that always has the same value, such as GeoJSON's ``"type": "Feature"``."""

    def __init__(self, value, **kwargs):
        self.value = value
        super().__init__(choices=[(value, value)], read_only=True, source="*", **kwargs)

    def to_representation(self, value):
        return self.value


@extend_schema_field(OpenApiTypes.URI)
class ApiUrlField(serializers.Field):
    """The absolute API URL of an object, by slug."""

    def __init__(self, view_name: str, **kwargs):
        self.view_name = view_name
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, value):
        path = reverse(self.view_name, kwargs={"slug": value.slug})
        return self.context["request"].build_absolute_uri(path)


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The absolute URL of an object's public web page (or an iCalendar feed)."""

    def __init__(self, view_name: str | None = None, **kwargs):
        self.view_name = view_name
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, value):
        path = (
            reverse(self.view_name, kwargs={"slug": value.slug})
            if self.view_name
            else value.get_absolute_url()
        )
        return self.context["request"].build_absolute_uri(path)


@extend_schema_field(OpenApiTypes.STR)
class LabelField(serializers.Field):
    """The translated label of a choice, e.g. ``get_kind_display``."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return str(value)


@extend_schema_field(CLOCK_SCHEMA)
class ClockField(serializers.Field):
    def __init__(self, *, closing: bool = False, **kwargs):
        self.closing = closing
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return clock(value, closing=self.closing)


@extend_schema_field({**CLOCK_SCHEMA, "nullable": True})
class NullableClockField(ClockField):
    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)


# --- References -------------------------------------------------------------------------


class ClusterRefSerializer(serializers.Serializer):
    number = serializers.IntegerField(read_only=True)
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    url = ApiUrlField("api:cluster-detail")


KIND_HELP = _("The kind of place: its slug (see /api/v1/kinds/).")


class PlaceRefSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.CharField(source="kind.slug", read_only=True, help_text=KIND_HELP)
    kind_label = LabelField(source="kind.label", help_text=_("In the language of the request."))
    url = ApiUrlField("api:place-detail")
    web_url = PageUrlField()


class OrganisationRefSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    url = ApiUrlField("api:organisation-detail")


class VocabularySerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = LabelField(source="*", help_text=_("In the language of the request."))


class PublicContactSerializer(serializers.Serializer):
    """A person as the public sees them (the rule of ``locaties.models.Person``): name, role
    and organisation always; phone and e-mail only when marked public, else empty."""

    name = serializers.CharField(read_only=True)
    role = serializers.ChoiceField(choices=Person.Role.choices, read_only=True)
    role_label = LabelField(source="get_role_display")
    organisation = serializers.CharField(
        source="organisation.name", read_only=True, default=None, allow_null=True
    )
    phone = serializers.CharField(
        source="public_phone",
        read_only=True,
        help_text=_("Empty unless the person's contact details are public."),
    )
    email = serializers.CharField(
        source="public_email",
        read_only=True,
        help_text=_("Empty unless the person's contact details are public."),
    )


# --- Places -----------------------------------------------------------------------------


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


# --- Clusters ---------------------------------------------------------------------------


class AreaSerializer(serializers.Serializer):
    """A GeoJSON Polygon or MultiPolygon geometry (RFC 7946, WGS84)."""

    type = serializers.ChoiceField(
        choices=[("Polygon", "Polygon"), ("MultiPolygon", "MultiPolygon")], read_only=True
    )
    coordinates = serializers.ListField(child=serializers.JSONField(), read_only=True)

    def to_representation(self, instance):
        return instance  # stored as GeoJSON already, validated on save


class ClusterSerializer(serializers.Serializer):
    number = serializers.IntegerField(read_only=True)
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    url = ApiUrlField("api:cluster-detail")
    web_url = PageUrlField()
    ical_url = PageUrlField("clusters:ical", help_text=_("The cluster's activities as iCalendar."))
    description = serializers.CharField(read_only=True)
    is_example = serializers.BooleanField(
        read_only=True, help_text=_("Invented example data, not real.")
    )
    place_count = serializers.IntegerField(
        read_only=True, help_text=_("Published places in the cluster.")
    )
    area = AreaSerializer(read_only=True, allow_null=True)


class ClusterDetailSerializer(ClusterSerializer):
    places = PlaceRefSerializer(source="published_places", many=True, read_only=True)


# --- Activities -------------------------------------------------------------------------


class ScheduleSerializer(serializers.Serializer):
    frequency = serializers.ChoiceField(choices=Schedule.Frequency.choices, read_only=True)
    description = LabelField(source="*", help_text=_("In words, in the language of the request."))
    start_date = serializers.DateField(read_only=True)
    start_time = ClockField()
    end_time = ClockField(closing=True, help_text=_("24:00 is midnight."))
    dtstart = serializers.SerializerMethodField(
        help_text=_(
            "The first date and time the activity takes place, in the local time zone (RFC "
            "5545 DTSTART: the first occurrence; start_date may be earlier when it is not one "
            "of the weekdays). With rrule it gives the dates."
        )
    )
    rrule = serializers.CharField(
        read_only=True, help_text=_("RFC 5545 RRULE value; empty for a one-off.")
    )
    interval = serializers.IntegerField(read_only=True)
    weekdays = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=6),
        read_only=True,
        help_text=_("0 = Monday … 6 = Sunday."),
    )
    month_week = serializers.SerializerMethodField(
        help_text=_("For a monthly schedule: 1–4 or -1 (last).")
    )
    until = serializers.DateField(read_only=True, allow_null=True)
    count = serializers.IntegerField(read_only=True, allow_null=True)

    @extend_schema_field({"type": "string", "format": "date-time", "nullable": True})
    def get_dtstart(self, schedule):
        # RFC 5545 counts DTSTART as the first occurrence, whether or not the rule matches
        # it: the start date itself would be an extra date for every client.
        first = schedule_rules.first_start(schedule)
        return None if first is None else serializers.DateTimeField().to_representation(first)

    @extend_schema_field({"type": "integer", "enum": [1, 2, 3, 4, -1, None], "nullable": True})
    def get_month_week(self, schedule):
        return schedule.month_week


class CancellationSerializer(serializers.Serializer):
    date = serializers.DateField(read_only=True)
    reason = serializers.CharField(read_only=True)


class ActivitySerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    url = ApiUrlField("api:activity-detail")
    web_url = PageUrlField()
    ical_url = PageUrlField("activiteiten:ical", help_text=_("The activity as iCalendar."))
    occurrences_url = serializers.SerializerMethodField()
    description = serializers.CharField(read_only=True)
    place = PlaceRefSerializer(source="location", read_only=True)
    cluster = ClusterRefSerializer(source="location.cluster", read_only=True)
    room = serializers.CharField(read_only=True)
    organiser = OrganisationRefSerializer(read_only=True)
    themes = VocabularySerializer(many=True, read_only=True)
    target_groups = VocabularySerializer(many=True, read_only=True)
    support_need_welcome = serializers.BooleanField(
        read_only=True, help_text=_("Also for people with a support need.")
    )
    is_free = serializers.BooleanField(read_only=True)
    cost = serializers.CharField(read_only=True)
    registration_required = serializers.BooleanField(read_only=True)
    registration_info = serializers.CharField(read_only=True)
    contact = PublicContactSerializer(
        source="contact_person",
        read_only=True,
        allow_null=True,
        help_text=_(
            "The contact person (null when there is none); phone and e-mail only when public."
        ),
    )
    schedules = ScheduleSerializer(many=True, read_only=True)
    cancellations = CancellationSerializer(
        many=True,
        read_only=True,
        help_text=_(
            "The dates the organiser says do not go ahead, with the reason. Days the place "
            "is closed come on top: the dates of the activity say which dates go ahead."
        ),
    )
    last_verified = serializers.DateField(read_only=True, allow_null=True)
    updated = serializers.DateTimeField(read_only=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_occurrences_url(self, activity):
        path = reverse("api:activity-occurrences", kwargs={"slug": activity.slug})
        return self.context["request"].build_absolute_uri(path)


class OccurrenceActivitySerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    url = ApiUrlField("api:activity-detail")
    web_url = PageUrlField()


class OccurrenceSerializer(serializers.Serializer):
    activity = OccurrenceActivitySerializer(read_only=True)
    place = PlaceRefSerializer(source="activity.location", read_only=True)
    start = serializers.DateTimeField(read_only=True)
    end = serializers.DateTimeField(read_only=True)
    cancelled = serializers.SerializerMethodField(
        help_text=_(
            "This date does not take place (the activity itself goes on): the organiser "
            "cancelled it, or the place is closed that day (then place_closed is true)."
        )
    )
    cancellation_reason = serializers.SerializerMethodField(
        help_text=_("Why not, in words; may be empty.")
    )
    place_closed = serializers.BooleanField(
        read_only=True,
        help_text=_(
            "The place is closed all day (an exception to its opening hours, or a public "
            "holiday on which it closes), so the date does not take place."
        ),
    )
    place_closed_reason = serializers.CharField(
        source="closure_reason",
        read_only=True,
        help_text=_("The reason the place is closed, e.g. the holiday's name; may be empty."),
    )

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_cancelled(self, occurrence) -> bool:
        return not occurrence.goes_ahead

    @extend_schema_field(OpenApiTypes.STR)
    def get_cancellation_reason(self, occurrence) -> str:
        if occurrence.cancelled:
            return occurrence.cancellation_reason
        return occurrence.closure_text


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


# --- Organisations ----------------------------------------------------------------------


class OrganisationSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    url = ApiUrlField("api:organisation-detail")
    kind = serializers.ChoiceField(choices=Organisation.Kind.choices, read_only=True)
    kind_label = LabelField(source="get_kind_display")
    description = serializers.CharField(read_only=True)
    website = serializers.CharField(read_only=True)
    activity_count = serializers.IntegerField(
        read_only=True, help_text=_("Published activities it organises.")
    )
    places = PlaceRefSerializer(
        source="published_hosted_places",
        many=True,
        read_only=True,
        help_text=_("Published places it hosts."),
    )


# --- Errors -----------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    """Every error: a message, and for a bad query a list of messages per parameter."""

    detail = serializers.CharField(read_only=True)
    # Not read-only: only bad queries have it, so it must not be listed as required.
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=_("Per query parameter, what is wrong with it."),
    )
