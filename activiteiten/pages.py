"""The public pages of the places (the home page and its map data), of a place and of a cluster.

The home page and its map data filter the places by the activities there (a theme, a target
group); a place's and a cluster's page show the activities next to the opening hours, people
and map. So they live here, above locaties and clusters, which know nothing of activities
(docs/architecture.md). ontmoeting/urls.py serves them under the paths and URL names of the
places and the clusters (``locaties:home``, ``locaties:geojson``, ``locaties:detail``,
``clusters:detail``).
"""

import datetime
from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import DetailView, TemplateView

from clusters.models import Cluster
from locaties import geojson, opening, structured
from locaties.models import Location, Person
from ontmoeting.cache import PAGE_SECONDS, cached_public, valid_until

from . import agenda
from .filters import PlaceFilter
from .models import Activity
from .structured import event_data

# A place's page lists this week's activities and, under "Later", the next few of a month.
UPCOMING_DAYS = 30
LATER_MAX = 20


def place_filter(request, now) -> PlaceFilter:
    """The one FilterSet behind the list, the map data and the downloads."""
    return PlaceFilter(
        request.GET or None,
        queryset=Location.objects.published().select_related("cluster", "kind"),
        now=now,
    )


@method_decorator(cached_public(PAGE_SECONDS), name="get")
class HomeView(TemplateView):
    """Map and list of the places, with filters and "near me"."""

    template_name = "locaties/home.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        now = timezone.now()
        filterset = place_filter(self.request, now)
        page = Paginator(filterset.qs.with_hours_data(), self.paginate_by).get_page(
            self.request.GET.get("page")
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        locations = opening.with_states(page.object_list, now)
        valid_until(self.request, opening.next_change(location.state for location in locations))
        return super().get_context_data(
            filter=filterset,
            page_obj=page,
            locations=locations,
            query=query.urlencode(),
            now=now,
            kinds=filterset.kinds,
            **kwargs,
        )


@method_decorator(cached_public(PAGE_SECONDS), name="get")
class LocationGeoJSONView(View):
    """The published places as an RFC 7946 FeatureCollection for the map.

    Takes the list's parameters through the same FilterSet, so the map shows what the list
    shows; a bad value is dropped there too, and the answer stays a FeatureCollection.
    Only what the map draws (position, name, kind): a popup asks
    :class:`locaties.views.MapPopupView` for the rest. With "open now" chosen the answer
    follows the clock as the list does, within the page cache's minute (see
    ontmoeting/cache.py).
    """

    def get(self, request):
        locations = place_filter(request, timezone.now()).qs
        return HttpResponse(geojson.map_collection(locations), content_type="application/geo+json")


@method_decorator(cached_public(PAGE_SECONDS), name="get")
class LocationDetailView(DetailView):
    template_name = "locaties/location_detail.html"
    context_object_name = "location"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Location.objects.published()
            .select_related("cluster", "kind")
            .prefetch_related("host_organisations")
            .with_hours_data(),
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        location = self.object
        now = timezone.now()
        today = timezone.localdate(now)
        # The agenda's query set: two queries whatever the number of activities, and
        # cancelled dates stay in the list, marked, rather than silently disappearing.
        occurrences = agenda.occurrences(
            Activity.objects.published().at_location(location),
            now,
            now + datetime.timedelta(days=UPCOMING_DAYS),
        )
        week_end = timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=7), datetime.time.min)
        )
        this_week = [o for o in occurrences if o.start < week_end]
        later = [o for o in occurrences if o.start >= week_end][:LATER_MAX]
        absolute = self.request.build_absolute_uri
        # Computed once: the map's GeoJSON reuses it (geojson.feature reads ``location.state``).
        location.state = opening.state_at(location, now)
        valid_until(self.request, opening.next_change([location.state]))
        valid_until(self.request, min((o.end for o in occurrences), default=None))
        return super().get_context_data(
            now=now,
            state=location.state,
            week=opening.week_hours(location, today),
            changes=opening.upcoming_changes(location, today),
            people=Person.objects.at_location(location),
            this_week=this_week,
            later=later,
            map_features=geojson.feature_collection([location], now),
            kinds=[location.kind],
            route_url=route_url(location),
            jsonld=structured.place_jsonld(
                location,
                url=absolute(location.get_absolute_url()),
                today=today,
                events=[event_data(o.activity, o, absolute) for o in this_week + later],
            ),
            **kwargs,
        )


def route_url(location) -> str:
    """A link (not a request: nothing loads from it) to plan a route in OpenStreetMap."""
    if location.has_coordinates:
        return f"https://www.openstreetmap.org/directions?to={location.latitude}%2C{location.longitude}"
    if location.address:
        return f"https://www.openstreetmap.org/search?query={quote(location.address)}"
    return ""


@method_decorator(cached_public(PAGE_SECONDS), name="get")
class ClusterDetailView(DetailView):
    template_name = "clusters/cluster_detail.html"
    context_object_name = "cluster"
    queryset = Cluster.objects.all()

    def get_context_data(self, **kwargs):
        now = timezone.now()
        locations = opening.with_states(
            Location.objects.published()
            .in_cluster(self.object)
            .select_related("cluster", "kind")
            .with_hours_data(),
            now,
        )
        # The agenda's query set: a fixed number of queries, cancelled dates marked.
        occurrences = agenda.occurrences(
            Activity.objects.published().in_cluster(self.object),
            now,
            now + datetime.timedelta(days=7),
        )
        valid_until(self.request, opening.next_change(location.state for location in locations))
        valid_until(self.request, min((o.end for o in occurrences), default=None))
        return super().get_context_data(
            now=now,
            locations=locations,
            people=Person.objects.in_cluster(self.object),
            occurrences=occurrences,
            map_features=geojson.feature_collection(locations, now),
            kinds=list({location.kind_id: location.kind for location in locations}.values()),
            **kwargs,
        )
