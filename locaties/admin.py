from django.contrib import admin, messages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from beheer import scopes
from beheer.mixins import ScopedAdminMixin

from . import opening
from .forms import (
    OpeningExceptionForm,
    OpeningHoursForm,
    OpeningHoursFormSet,
    OpeningHoursInlineForm,
    TabularInlineFormSet,
)
from .models import Location, OpeningException, OpeningHours, Organisation, Person


class CoordinatesFilter(admin.SimpleListFilter):
    """Places with or without a spot on the map (those without appear only in lists)."""

    title = _("coordinates")
    parameter_name = "coordinates"

    def lookups(self, request, model_admin):
        return [("yes", _("on the map")), ("no", _("missing"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.with_coordinates()
        if self.value() == "no":
            return queryset.filter(Q(latitude__isnull=True) | Q(longitude__isnull=True))
        return queryset


# Staff type "www.alifa.nl"; make that https:// (Django 6's default) rather than http://.
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = ["name", "kind", "email", "phone", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "description", "email"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "description"]}),
        (_("Contact"), {"fields": ["email", "phone", "website"]}),
    ]


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    form = OpeningHoursInlineForm
    formset = OpeningHoursFormSet
    extra = 0
    verbose_name_plural = _("weekly opening hours")


class OpeningExceptionInline(admin.TabularInline):
    model = OpeningException
    form = OpeningExceptionForm
    formset = TabularInlineFormSet
    extra = 0


@admin.register(Location)
class LocationAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = [
        "name",
        "kind",
        "cluster",
        "status",
        "published",
        "open_now",
        "on_map",
        "last_verified",
    ]
    list_filter = [
        "kind",
        "cluster",
        "status",
        "building_status",
        "published",
        CoordinatesFilter,
    ]
    search_fields = ["name", "street", "postcode", "city", "cluster__name"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    # A plain list for the cluster: a cluster manager is offered only their own clusters.
    autocomplete_fields = ["host_organisations"]
    scoped_choices = {"cluster": scopes.own_clusters}
    readonly_fields = ["state_now"]
    inlines = [OpeningHoursInline, OpeningExceptionInline]
    actions = ["mark_verified"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "cluster", "description"]}),
        (
            _("Status"),
            {"fields": ["status", "published", "building_status", "new_building_year"]},
        ),
        (_("Host organisations"), {"fields": ["host_organisations"]}),
        (
            _("Address and map"),
            {
                "fields": [
                    ("street", "house_number"),
                    ("postcode", "city"),
                    ("latitude", "longitude"),
                ],
                "description": _(
                    "Leave latitude and longitude empty when unknown: the place is then "
                    "shown in lists, but not on the map."
                ),
            },
        ),
        (_("Contact"), {"fields": ["phone", "email", "website"]}),
        (
            _("Accessibility"),
            {
                "fields": [
                    "wheelchair_accessible",
                    "accessible_toilet",
                    "hearing_loop",
                    "parking",
                    "public_transport_nearby",
                ]
            },
        ),
        (
            _("Opening hours"),
            {
                "fields": ["state_now", "closed_on_public_holidays"],
                "description": _(
                    "The weekly hours and the exceptions (holidays, special days) are "
                    "further down this page."
                ),
            },
        ),
        (_("Checked"), {"fields": ["last_verified", "source"]}),
    ]

    def get_queryset(self, request):
        # "Open now" reads every place's hours and exceptions: prefetch them so the
        # list costs the same few queries however many places it shows.
        return super().get_queryset(request).select_related("cluster").with_hours()

    @admin.display(description=_("open now"), boolean=True)
    def open_now(self, obj: Location) -> bool:
        return opening.state_at(obj, timezone.now()).is_open

    @admin.display(description=_("on the map"), boolean=True, ordering="latitude")
    def on_map(self, obj: Location) -> bool:
        return obj.has_coordinates

    @admin.display(description=_("now"))
    def state_now(self, obj: Location | None) -> str:
        if obj is None or obj.pk is None:
            return "–"
        return opening.describe_state(opening.state_at(obj, timezone.now()))

    @admin.action(description=_("Mark as verified today"), permissions=["change"])
    def mark_verified(self, request, queryset):
        count = queryset.update(last_verified=timezone.localdate())
        self.message_user(
            request,
            ngettext(
                "%(count)d place marked as verified today.",
                "%(count)d places marked as verified today.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(OpeningHours)
class OpeningHoursAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    """All weekly hours side by side, e.g. to see which places open on Sunday."""

    form = OpeningHoursForm
    list_display = ["location", "weekday", "opens", "closes", "supervised"]
    list_filter = ["weekday", "supervised", "location__cluster"]
    list_select_related = ["location"]
    search_fields = ["location__name"]
    ordering = ["location__name", "weekday", "opens"]
    autocomplete_fields = ["location"]
    scoped_choices = {"location": scopes.own_locations}


@admin.register(Person)
class PersonAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "role", "organisation", "phone", "email", "contact_public"]
    list_filter = ["role", "contact_public", "clusters"]
    list_select_related = ["organisation"]
    search_fields = ["name", "email", "organisation__name"]
    ordering = ["name"]
    autocomplete_fields = ["organisation", "locations"]
    scoped_choices = {"clusters": scopes.own_clusters, "locations": scopes.own_locations}
    fieldsets = [
        (None, {"fields": ["name", "role", "organisation"]}),
        (_("Contact details"), {"fields": ["phone", "email", "contact_public"]}),
        (
            _("Works at"),
            {
                "fields": ["clusters", "locations"],
                "description": _(
                    "Cluster managers and sports coaches are shown at every place of their "
                    "clusters; others only at the places chosen here."
                ),
            },
        ),
    ]
