"""The public pages of a place and of a cluster.

Both show the activities there next to the place's (or the cluster's places') opening hours,
people and map, so they live here, above locaties and clusters, which know nothing of
activities (docs/architecture.md). ontmoeting/urls.py serves them under the paths and URL
names of the places and the clusters (``locaties:detail``, ``clusters:detail``).
"""

import datetime
from urllib.parse import quote

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.generic import DetailView

from clusters.models import Cluster
from locaties import geojson, opening, structured
from locaties.models import Location, Person
from ontmoeting.cache import PAGE_SECONDS, cached_public, valid_until

from . import agenda
from .models import Activity
from .structured import event_data

# A place's page lists this week's activities and, under "Later", the next few of a month.
UPCOMING_DAYS = 30
LATER_MAX = 20


@method_decorator(cached_public(PAGE_SECONDS), name="get")
class LocationDetailView(DetailView):
    template_name = "locaties/location_detail.html"
    context_object_name = "location"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Location.objects.published()
            .select_related("cluster", "kind")
            .prefetch_related("host_organisations")
            .with_hours(),
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
            .with_hours(),
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
