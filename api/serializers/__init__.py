"""What the API returns. The same classes drive the responses and the OpenAPI schema.

Every serializer here only reads. The serializer context carries ``request`` (for absolute
URLs), ``now`` and ``today`` (so a whole response is computed at one moment). The views use
the serializers of whole responses, imported here; their parts live in the modules.
"""

from .activities import ActivitySerializer, OccurrenceSerializer
from .clusters import ClusterDetailSerializer, ClusterSerializer
from .errors import ErrorSerializer
from .organisations import OrganisationSerializer
from .places import KindSerializer, PlaceFeatureCollectionSerializer, PlaceSerializer

__all__ = [
    "ActivitySerializer",
    "ClusterDetailSerializer",
    "ClusterSerializer",
    "ErrorSerializer",
    "KindSerializer",
    "OccurrenceSerializer",
    "OrganisationSerializer",
    "PlaceFeatureCollectionSerializer",
    "PlaceSerializer",
]
