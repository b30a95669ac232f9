"""The fields the serializers share: constants, URLs, labels and clock times."""

import datetime

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from locaties import opening

CLOCK_SCHEMA = {
    "type": "string",
    "pattern": r"^([01][0-9]|2[0-4]):[0-5][0-9]$",
    "example": "08:30",
}


def clock(value: datetime.time | None, *, closing: bool = False) -> str | None:
    """HH:MM; a closing time of midnight is "24:00", the end of the day (as in OSM)."""
    if value is None:
        return None
    if closing and value == opening.MIDNIGHT:
        return "24:00"
    return f"{value:%H:%M}"


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
