from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """Every error: a message, and for a bad query a list of messages per parameter."""

    detail = serializers.CharField(read_only=True)
    # Not read-only: only bad queries have it, so it must not be listed as required.
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=_("Per query parameter, what is wrong with it."),
    )
