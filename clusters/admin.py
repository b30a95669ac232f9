from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from beheer.history import ReadableHistoryMixin
from beheer.mixins import GuardedHistoryAdmin

from .models import Cluster


@admin.register(Cluster)
class ClusterAdmin(ReadableHistoryMixin, GuardedHistoryAdmin):
    list_display = ["number", "name", "location_count", "has_area", "is_example"]
    list_display_links = ["number", "name"]
    list_filter = ["is_example"]
    # Also what the autocomplete on places and people searches.
    search_fields = ["name", "description"]
    ordering = ["number"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["number", "name", "slug", "description"]}),
        (
            _("Area on the map"),
            {
                "fields": ["area"],
                "classes": ["collapse"],
                "description": _(
                    "Usually filled in by the import. Only change it if you know GeoJSON."
                ),
            },
        ),
        (_("Demo"), {"fields": ["is_example"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(location_total=Count("locations"))

    @admin.display(description=_("places"), ordering="location_total")
    def location_count(self, obj: Cluster) -> int:
        return obj.location_total

    @admin.display(description=_("area"), boolean=True)
    def has_area(self, obj: Cluster) -> bool:
        return bool(obj.area)
