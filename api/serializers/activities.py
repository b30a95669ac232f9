"""Activities, their schedules and their dates."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from activiteiten import schedules as schedule_rules
from activiteiten.models import Schedule

from .fields import ApiUrlField, ClockField, LabelField, PageUrlField
from .references import (
    ClusterRefSerializer,
    OrganisationRefSerializer,
    PlaceRefSerializer,
    PublicContactSerializer,
    VocabularySerializer,
)


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
