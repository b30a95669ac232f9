"""Short references to other objects, and a person as the public sees them."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from locaties.models import Person

from .fields import ApiUrlField, LabelField, PageUrlField


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
