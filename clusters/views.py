import datetime
import json

from django.conf import settings
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

import instellingen
from activiteiten.models import Activity
from locaties import geojson, opening
from locaties.models import Location, Person
from ontmoeting.cache import PAGE_SECONDS, cached_public, valid_until

from .models import Cluster


class ClusterListView(ListView):
    template_name = "clusters/cluster_list.html"
    context_object_name = "clusters"

    def get_queryset(self):
        return Cluster.objects.annotate(
            place_count=Count("locations", filter=Q(locations__published=True))
        )


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
        occurrences = (
            Activity.objects.published()
            .in_cluster(self.object)
            .agenda(now, now + datetime.timedelta(days=7))
        )
        valid_until(self.request, opening.next_change(location.state for location in locations))
        valid_until(self.request, min((o.end for o in occurrences), default=None))
        return super().get_context_data(
            now=now,
            locations=locations,
            people=Person.objects.for_cluster(self.object),
            occurrences=occurrences,
            map_features=geojson.feature_collection(locations, now),
            kinds=list({location.kind_id: location.kind for location in locations}.values()),
            **kwargs,
        )


def areas_geojson(request):
    """The clusters' areas, where known, as an RFC 7946 FeatureCollection (a map overlay)."""
    features = [
        {
            "type": "Feature",
            "id": cluster.slug,
            "geometry": cluster.area,
            "properties": {"name": str(cluster), "url": cluster.get_absolute_url()},
        }
        for cluster in Cluster.objects.exclude(area__isnull=True)
    ]
    return JsonResponse(
        {"type": "FeatureCollection", "features": features}, content_type="application/geo+json"
    )


def boundaries_geojson(request):
    """The boundary layer of the site's settings: uploaded in the admin (kept in the
    database), else the MAP_BOUNDARIES_FILE of the environment; 404 without one."""
    site = instellingen.current()
    if site.boundaries_source == "stored":
        layer = instellingen.stored_boundaries()
        if layer is None:
            raise Http404
        return HttpResponse(
            json.dumps(layer, ensure_ascii=False, separators=(",", ":")),
            content_type="application/geo+json",
        )
    if site.boundaries_source == "file":
        return FileResponse(
            open(settings.MAP_BOUNDARIES_FILE, "rb"), content_type="application/geo+json"
        )
    raise Http404
