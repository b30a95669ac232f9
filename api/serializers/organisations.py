from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from locaties.models import Organisation

from .fields import ApiUrlField, LabelField
from .references import PlaceRefSerializer


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
