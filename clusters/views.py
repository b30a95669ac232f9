import json

from django.conf import settings
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.views.generic import ListView

import instellingen

from .models import Cluster


class ClusterListView(ListView):
    template_name = "clusters/cluster_list.html"
    context_object_name = "clusters"

    def get_queryset(self):
        return Cluster.objects.annotate(
            place_count=Count("locations", filter=Q(locations__published=True))
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
