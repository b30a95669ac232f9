"""A place's popup on the map. The home page and the map data filter the places by their
activities too, so activiteiten serves them (activiteiten/pages.py)."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View

from ontmoeting.cache import PAGE_SECONDS, cached_public, valid_until

from . import geojson, opening
from .models import Location


@method_decorator(cached_public(PAGE_SECONDS), name="get")
class MapPopupView(View):
    """One place's popup on the map: name, kind, cluster, link and its state now.

    A place without coordinates has no marker and so no popup: "not found", as for a
    hidden place (the popup's GeoJSON needs a position)."""

    def get(self, request, slug):
        location = get_object_or_404(
            Location.objects.published()
            .with_coordinates()
            .select_related("cluster")
            .with_hours_data(),
            slug=slug,
        )
        now = timezone.now()
        location.state = opening.state_at(location, now)
        valid_until(request, opening.next_change([location.state]))
        return JsonResponse(geojson.popup_details(location, now))
