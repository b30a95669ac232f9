from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import TemplateView

from ontmoeting.cache import PAGE_SECONDS, cached_public, valid_until

from . import geojson, opening
from .filters import LocationFilter
from .models import Location


def place_filter(request, now) -> LocationFilter:
    """The one FilterSet behind the list, the map data and the downloads."""
    return LocationFilter(
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
        page = Paginator(filterset.qs.with_hours(), self.paginate_by).get_page(
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
    Only what the map draws (position, name, kind): a popup asks :class:`MapPopupView` for
    the rest. With "open now" chosen the answer follows the clock as the list does, within
    the page cache's minute (see ontmoeting/cache.py).
    """

    def get(self, request):
        locations = place_filter(request, timezone.now()).qs
        return HttpResponse(geojson.map_collection(locations), content_type="application/geo+json")


@method_decorator(cached_public(PAGE_SECONDS), name="get")
class MapPopupView(View):
    """One place's popup on the map: name, kind, cluster, link and its state now.

    A place without coordinates has no marker and so no popup: "not found", as for a
    hidden place (the popup's GeoJSON needs a position)."""

    def get(self, request, slug):
        location = get_object_or_404(
            Location.objects.published().with_coordinates().select_related("cluster").with_hours(),
            slug=slug,
        )
        now = timezone.now()
        location.state = opening.state_at(location, now)
        valid_until(request, opening.next_change([location.state]))
        return JsonResponse(geojson.popup_details(location, now))
