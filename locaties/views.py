import datetime

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, TemplateView

from activiteiten.models import Activity

from . import geojson, opening
from .filters import LocationFilter
from .models import Location, Person


def with_states(locations, moment):
    """Attach ``state`` (the "now" engine's answer) to each place of a prefetched list."""
    locations = list(locations)
    for location in locations:
        location.state = opening.state_at(location, moment)
    return locations


def place_filter(request, now) -> LocationFilter:
    """The one FilterSet behind the list, the map data and the downloads."""
    return LocationFilter(
        request.GET or None,
        queryset=Location.objects.published().select_related("cluster"),
        now=now,
    )


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
        return super().get_context_data(
            filter=filterset,
            page_obj=page,
            locations=with_states(page.object_list, now),
            query=query.urlencode(),
            now=now,
            kinds=Location.Kind,
            **kwargs,
        )


class LocationDetailView(DetailView):
    template_name = "locaties/location_detail.html"
    context_object_name = "location"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Location.objects.published()
            .select_related("cluster")
            .prefetch_related("host_organisations")
            .with_hours(),
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        location = self.object
        now = timezone.now()
        today = timezone.localdate(now)
        week_end = now + datetime.timedelta(days=7)
        return super().get_context_data(
            now=now,
            state=opening.state_at(location, now),
            week=opening.week_hours(location, today),
            people=Person.objects.for_location(location),
            occurrences=Activity.objects.published()
            .at_location(location)
            .occurrences(now, week_end),
            map_features=geojson.feature_collection([location], now),
            **kwargs,
        )


class LocationGeoJSONView(View):
    """The published places as an RFC 7946 FeatureCollection for the map."""

    def get(self, request):
        locations = (
            Location.objects.published().with_coordinates().select_related("cluster").with_hours()
        )
        return JsonResponse(
            geojson.feature_collection(locations, timezone.now()),
            content_type="application/geo+json",
        )
