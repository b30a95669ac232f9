"""The open-data API: read-only, anonymous, only what the public pages show.

Places are published places; activities are published activities at published places
(``Activity.objects.published()``); contact persons appear only with public details.
Every list runs a fixed number of queries: related rows are joined or prefetched, and the
"now" engine reads prefetched opening hours.
"""

from django.db.models import Count, Prefetch, Q
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from activiteiten.models import Activity
from clusters.models import Cluster
from locaties.models import Location, LocationKind, Organisation, Person

from . import schema, serializers
from .exceptions import InvalidQuery
from .filters import ApiActivityFilter, ApiPlaceFilter, date_window, validated

BAD_QUERY = OpenApiResponse(
    serializers.ErrorSerializer,
    description=_("A query parameter is missing or not valid; errors names it."),
)
NOT_FOUND = OpenApiResponse(serializers.ErrorSerializer, description=_("Not found."))
PAGE_NOT_FOUND = OpenApiResponse(
    serializers.ErrorSerializer, description=_("The page asked for is past the last one.")
)
# Django's slug converter: anything else does not reach the view (see not_found).
SLUG = OpenApiParameter(
    "slug", {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"}, OpenApiParameter.PATH
)


def _get_or_404(queryset, slug: str, message):
    obj = queryset.filter(slug=slug).first()
    if obj is None:
        raise NotFound(message)
    return obj


def list_schema(serializer, **options):
    """The documentation of a list: pages of ``serializer``, a bad query, a page past the last."""
    return extend_schema(
        responses={200: serializer(many=True), 400: BAD_QUERY, 404: PAGE_NOT_FOUND}, **options
    )


def detail_schema(serializer, **options):
    """The documentation of one object, found by its slug."""
    return extend_schema(parameters=[SLUG], responses={200: serializer, 404: NOT_FOUND}, **options)


class ApiView(generics.GenericAPIView):
    # Shared: a moment fixed per request, passed to the serializers with the request. A
    # comment, not a docstring: drf-spectacular would publish a docstring as the description
    # of every operation without one of its own.

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.now = timezone.now()

    def get_serializer_context(self):
        now = getattr(self, "now", None) or timezone.now()
        return {**super().get_serializer_context(), "now": now, "today": timezone.localdate(now)}


class ApiDetail(ApiView, generics.RetrieveAPIView):
    # One object of get_queryset() by the slug in the address; not_found says why there is
    # none (a comment, as above).
    not_found: str

    def get_object(self):
        return _get_or_404(self.get_queryset(), self.kwargs["slug"], self.not_found)


# --- Places -----------------------------------------------------------------------------


def place_queryset():
    """Published places with everything a PlaceSerializer reads, in a fixed number of queries."""
    # Everyone, as on the place page; the serializer shows contact details only when public.
    people = Person.objects.select_related("organisation")
    supervisors = people.supervisors()
    return (
        Location.objects.published()
        .select_related("cluster", "kind")
        .prefetch_related(
            "host_organisations",
            Prefetch("people", queryset=people),
            Prefetch("cluster__people", queryset=supervisors),
        )
        .with_hours()
    )


class PlaceFilterMixin:
    def filtered_places(self):
        filterset = ApiPlaceFilter(
            self.request.query_params, queryset=place_queryset(), now=self.now, request=self.request
        )
        return validated(filterset).qs


PLACE_DESCRIPTION = _(
    "Published meeting places with their state now (open_now, supervised_now, computed "
    "with the opening hours, exceptions and public holidays), their opening hours in three "
    "forms and their public contact persons. Takes the filters of the place list on the site."
)


@list_schema(
    serializers.PlaceSerializer,
    tags=["places"],
    summary=_("List of places"),
    description=PLACE_DESCRIPTION,
    parameters=schema.PLACE_PARAMETERS,
)
class PlaceList(PlaceFilterMixin, ApiView, generics.ListAPIView):
    serializer_class = serializers.PlaceSerializer

    def get_queryset(self):
        return self.filtered_places()


@detail_schema(serializers.PlaceSerializer, tags=["places"], summary=_("One place"))
class PlaceDetail(ApiDetail):
    serializer_class = serializers.PlaceSerializer
    not_found = _("There is no published place with this slug.")

    def get_queryset(self):
        return place_queryset()


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


class PlaceGeoJSON(PlaceFilterMixin, ApiView):
    renderer_classes = [GeoJSONRenderer, JSONRenderer]
    serializer_class = serializers.PlaceFeatureCollectionSerializer

    @extend_schema(
        tags=["places"],
        summary=_("Places as GeoJSON"),
        description=_(
            "The places that match the filters as an RFC 7946 FeatureCollection, a page at a "
            "time as the JSON list (page, page_size; count, next and previous are members of "
            "the collection): follow next until it is null for all of them. Places whose "
            "position is not known are left out (they are in the JSON list, with coordinates "
            "null). Each feature's properties are the place as in the JSON list."
        ),
        parameters=[*schema.PLACE_PARAMETERS, *schema.PAGE_PARAMETERS],
        responses={
            (200, GeoJSONRenderer.media_type): serializers.PlaceFeatureCollectionSerializer,
            (400, "application/json"): BAD_QUERY,
            (404, "application/json"): PAGE_NOT_FOUND,
        },
        operation_id="places_geojson",
    )
    def get(self, request):
        # Paged as the list: 5,000 places in one answer were 15 MB and took seconds.
        places = self.filtered_places().with_coordinates()
        paginator = self.paginator
        page = paginator.paginate_queryset(places, request, view=self)
        return Response(
            self.get_serializer(
                {
                    "count": paginator.page.paginator.count,
                    "next": paginator.get_next_link(),
                    "previous": paginator.get_previous_link(),
                    "features": page,
                }
            ).data
        )

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors are plain JSON, as everywhere in the API; only the collection is GeoJSON.
        if response.status_code >= 400:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


# --- Clusters ---------------------------------------------------------------------------


def cluster_queryset():
    # An aggregate drops Meta.ordering, so the order is given again.
    return Cluster.objects.annotate(
        place_count=Count("locations", filter=Q(locations__published=True))
    ).order_by("number")


@list_schema(
    serializers.ClusterSerializer,
    tags=["clusters"],
    summary=_("List of clusters"),
    description=_("The meeting clusters, with their area as GeoJSON when it is known."),
)
class ClusterList(ApiView, generics.ListAPIView):
    serializer_class = serializers.ClusterSerializer

    def get_queryset(self):
        return cluster_queryset()


@detail_schema(
    serializers.ClusterDetailSerializer,
    tags=["clusters"],
    summary=_("One cluster"),
    description=_("A cluster with its published places."),
)
class ClusterDetail(ApiDetail):
    serializer_class = serializers.ClusterDetailSerializer
    not_found = _("There is no cluster with this slug.")

    def get_queryset(self):
        return cluster_queryset().prefetch_related(
            Prefetch(
                "locations",
                queryset=Location.objects.published().select_related("kind"),
                to_attr="published_places",
            )
        )


# --- Activities -------------------------------------------------------------------------


def activity_queryset(queryset):
    return queryset.for_display().select_related(
        "location__cluster", "contact_person", "contact_person__organisation"
    )


class ActivityFilterMixin:
    def activity_filter(self) -> ApiActivityFilter:
        return ApiActivityFilter(
            self.request.query_params,
            queryset=Activity.objects.published(),
            request=self.request,
        )


@list_schema(
    serializers.ActivitySerializer,
    tags=["activities"],
    summary=_("List of activities"),
    description=_(
        "Published activities at published places, with their schedules (as RFC 5545 "
        "rules and in words), themes, target groups and organiser. Takes the agenda's filters."
    ),
    parameters=schema.ACTIVITY_PARAMETERS,
)
class ActivityList(ActivityFilterMixin, ApiView, generics.ListAPIView):
    serializer_class = serializers.ActivitySerializer

    def get_queryset(self):
        queryset = activity_queryset(validated(self.activity_filter()).qs)
        if "search_rank" in queryset.query.annotations:
            return queryset.order_by("-search_rank", "title", "pk")
        return queryset.order_by("title", "pk")


@detail_schema(serializers.ActivitySerializer, tags=["activities"], summary=_("One activity"))
class ActivityDetail(ApiDetail):
    serializer_class = serializers.ActivitySerializer
    not_found = _("There is no published activity with this slug.")

    def get_queryset(self):
        return activity_queryset(Activity.objects.published())


OCCURRENCES_NOTE = _(
    "Dates and times are in the local time zone. A date that does not take place is listed "
    "with cancelled true, so that people learn it: cancelled by the organiser, or on a day "
    "the place is closed (place_closed true, with the reason)."
)


@extend_schema(
    tags=["activities"],
    summary=_("Dates of one activity"),
    description=_("The dates of an activity from start to end (both included). ")
    + OCCURRENCES_NOTE,
    parameters=[SLUG, *schema.DATE_PARAMETERS],
    responses={
        200: serializers.OccurrenceSerializer(many=True),
        400: BAD_QUERY,
        404: NOT_FOUND,
    },
)
class ActivityOccurrences(ApiView, generics.ListAPIView):
    serializer_class = serializers.OccurrenceSerializer

    def get_queryset(self):
        activity = _get_or_404(
            Activity.objects.published().for_display().with_closures(),
            self.kwargs["slug"],
            _("There is no published activity with this slug."),
        )
        start, end = date_window(self.request.query_params)
        return activity.occurrences(start, end, include_cancelled=True)


@list_schema(
    serializers.OccurrenceSerializer,
    tags=["occurrences"],
    summary=_("Agenda: all dates in a period"),
    description=_(
        "The dates of all published activities from start to end (both included), in time "
        "order; takes the agenda's filters, day and part of the day included. "
    )
    + OCCURRENCES_NOTE,
    parameters=[*schema.DATE_PARAMETERS, *schema.ACTIVITY_PARAMETERS],
)
class OccurrenceList(ActivityFilterMixin, ApiView, generics.ListAPIView):
    serializer_class = serializers.OccurrenceSerializer

    def get_queryset(self):
        # Both checks first, so that one answer names every wrong parameter.
        errors = {}
        filterset = window = None
        try:
            filterset = validated(self.activity_filter())
        except InvalidQuery as exc:
            errors.update(exc.errors)
        try:
            window = date_window(self.request.query_params)
        except InvalidQuery as exc:
            errors.update(exc.errors)
        if errors:
            raise InvalidQuery(errors)
        start, end = window
        return filterset.agenda(start, end)


# --- Kinds of places --------------------------------------------------------------------


@list_schema(
    serializers.KindSerializer,
    tags=["places"],
    summary=_("Kinds of places"),
    description=_(
        "The municipality's kinds of places, in their order: the values of a place's kind "
        "and of the kind filter, with their names, marker icon, schema.org type and norm."
    ),
)
class KindList(ApiView, generics.ListAPIView):
    serializer_class = serializers.KindSerializer

    def get_queryset(self):
        return LocationKind.objects.annotate(
            place_count=Count("locations", filter=Q(locations__published=True))
        ).order_by("order", "name_nl", "pk")


# --- Organisations ----------------------------------------------------------------------


def organisation_queryset():
    """Organisations that organise a published activity or host a published place.

    The others (a partner with nothing public yet) are not part of the open data.
    """
    return (
        Organisation.objects.public()
        .prefetch_related(
            Prefetch(
                "hosted_locations",
                queryset=Location.objects.published().select_related("kind"),
                to_attr="published_hosted_places",
            )
        )
        .order_by("name")
    )


@list_schema(
    serializers.OrganisationSerializer,
    tags=["organisations"],
    summary=_("List of organisations"),
    description=_("Organisations that organise a published activity or host a published place."),
)
class OrganisationList(ApiView, generics.ListAPIView):
    serializer_class = serializers.OrganisationSerializer

    def get_queryset(self):
        return organisation_queryset()


@detail_schema(
    serializers.OrganisationSerializer, tags=["organisations"], summary=_("One organisation")
)
class OrganisationDetail(ApiDetail):
    serializer_class = serializers.OrganisationSerializer
    not_found = _("There is no organisation with this slug in the open data.")

    def get_queryset(self):
        return organisation_queryset()


# --- Anything else -----------------------------------------------------------------


@csrf_exempt  # changes nothing; a POST to a wrong address gets the same JSON 404
def not_found(request, path=""):
    """Any other address under /api/v1/: a JSON 404 like the API's own, not the site's HTML
    page. Like Django's APPEND_SLASH, a known address without its slash is redirected."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not-found":
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    return JsonResponse(
        {
            "detail": str(
                _("There is nothing at this address. The documentation lists the addresses.")
            )
        },
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )


# --- Schema -----------------------------------------------------------------------------


class SchemaView(SpectacularJSONAPIView):
    """The OpenAPI 3 schema as JSON: built once per process, with the live slug lists."""

    generator_class = schema.SchemaGenerator
