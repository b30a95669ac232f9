from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .fields import ApiUrlField, PageUrlField
from .references import PlaceRefSerializer


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
