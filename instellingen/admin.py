from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from solo.admin import SingletonModelAdmin

from beheer.history import ReadableHistoryMixin
from beheer.mixins import GuardedHistoryAdmin

from .forms import SiteSettingsForm
from .models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(ReadableHistoryMixin, GuardedHistoryAdmin, SingletonModelAdmin):
    """The site's one settings page, for functional administrators only (ontmoeting/roles.py).

    Every field may stay empty: the installation's environment variable then holds (its
    value shows in the empty field).
    """

    form = SiteSettingsForm
    readonly_fields = ["map_view"]
    fieldsets = [
        (None, {"fields": ["site_name", "city_name"]}),
        (
            _("Map"),
            {
                "fields": ["map_view", ("map_latitude", "map_longitude"), "map_zoom"],
                "description": _(
                    "Move and zoom the map until it shows what visitors should see first; the "
                    "centre and zoom level below follow it. You can also type them."
                ),
            },
        ),
        (_("Background map"), {"fields": ["tiles_url", "tiles_attribution"]}),
        (
            _("Boundary layer"),
            {
                "fields": [
                    "boundaries_shown",
                    "boundaries_upload",
                    "boundaries_remove",
                    "boundaries_name",
                    "boundaries_attribution",
                ]
            },
        ),
        (_("Opening hours"), {"fields": ["holidays_country"]}),
        (_("About this site"), {"fields": ["about_text", "contact_url", "privacy_url"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.boundaries:
            return fieldsets
        # Nothing to remove: no uploaded layer.
        return [
            (
                name,
                {**options, "fields": [f for f in options["fields"] if f != "boundaries_remove"]},
            )
            for name, options in fieldsets
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Before django-solo creates the row: someone without the right changes nothing.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("map"))
    def map_view(self, obj: SiteSettings | None) -> str:
        """The project's map component, picking the centre and zoom; the inputs below stay
        the way in without JavaScript or a mouse."""
        return render_to_string(
            "admin/instellingen/sitesettings/map_view.html",
            {
                "picker": {
                    "latitude": "id_map_latitude",
                    "longitude": "id_map_longitude",
                    "zoom": "id_map_zoom",
                    "marker_label": gettext("Centre of the map"),
                },
            },
        )
