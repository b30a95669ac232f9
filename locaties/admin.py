from functools import partial

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from activiteiten import closures
from beheer.history import ReadableHistoryMixin
from beheer.list_filters import YesNoFilter
from beheer.mixins import GuardedHistoryAdmin, ScopedAdminMixin, SentenceCaseInlinesMixin
from ontmoeting import scopes

from . import admin_views, geocoding, opening, services
from .forms import (
    LocationKindForm,
    OpeningExceptionForm,
    OpeningHoursForm,
    OpeningHoursFormSet,
    OpeningHoursInlineForm,
    TabularInlineFormSet,
)
from .models import (
    Location,
    LocationKind,
    OpeningException,
    OpeningHours,
    Organisation,
    Person,
    Weekday,
)


class CoordinatesFilter(YesNoFilter):
    """Places with or without a spot on the map (those without appear only in lists)."""

    title = _("coordinates")
    parameter_name = "coordinates"
    yes_label = _("on the map")
    no_label = _("missing")

    def yes(self, queryset):
        return queryset.with_coordinates()

    def no(self, queryset):
        return queryset.filter(Q(latitude__isnull=True) | Q(longitude__isnull=True))


# Staff type "www.alifa.nl"; make that https:// (Django 6's default) rather than http://.
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Organisation)
class OrganisationAdmin(ReadableHistoryMixin, GuardedHistoryAdmin):
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


@admin.register(LocationKind)
class LocationKindAdmin(ReadableHistoryMixin, GuardedHistoryAdmin):
    """The municipality's kinds of places, edited by functional administrators (others may
    at most look). A kind that places still use cannot be deleted: the admin says how many."""

    form = LocationKindForm
    list_display = ["name_nl", "name_en", "slug", "icon_preview", "order", "norm", "place_count"]
    list_display_links = ["name_nl"]
    search_fields = ["name_nl", "name_en", "plural_nl", "plural_en", "slug"]
    ordering = ["order", "name_nl"]
    prepopulated_fields = {"slug": ["name_nl"]}
    fieldsets = [
        (None, {"fields": [("name_nl", "plural_nl"), ("name_en", "plural_en"), "slug"]}),
        (_("On the map and in lists"), {"fields": ["icon", "order", "schema_type"]}),
        (
            _("Norm"),
            {
                "fields": ["norm_weekdays", ("norm_opens", "norm_closes"), "norm_supervised"],
                "description": _(
                    "Optional: on which days and hours a place of this kind should be open. "
                    "The overviews check the places against it; without a norm they show how "
                    "many hours the places are open and supervised, without pass or fail."
                ),
            },
        ),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_place_count()

    @admin.display(description=_("icon"))
    def icon_preview(self, obj: LocationKind) -> str:
        return format_html(
            '<img src="{}" alt="{}" width="20" height="25">', obj.icon_url, obj.get_icon_display()
        )

    @admin.display(description=_("norm"))
    def norm(self, obj: LocationKind) -> str:
        return admin_views.norm_description(obj) or gettext("no norm")

    @admin.display(description=_("places"), ordering="place_count")
    def place_count(self, obj: LocationKind) -> int:
        return obj.place_count

    # --- Deleting: refused with a clear message while places use the kind -------------

    def in_use_message(self, kind: LocationKind, count: int) -> str:
        return ngettext(
            "The kind “%(kind)s” cannot be deleted: %(count)d place uses it. Give that place "
            "another kind first.",
            "The kind “%(kind)s” cannot be deleted: %(count)d places use it. Give those places "
            "another kind first.",
            count,
        ) % {"kind": kind.name_nl, "count": count}

    def delete_view(self, request, object_id, extra_context=None):
        kind = self.get_object(request, unquote(object_id))
        # Only someone who may delete learns why not; anyone else gets the usual 403.
        if kind is not None and self.has_delete_permission(request, kind):
            count = kind.locations.count()
            if count:
                self.message_user(request, self.in_use_message(kind, count), messages.ERROR)
                return HttpResponseRedirect(
                    reverse("admin:locaties_locationkind_change", args=[kind.pk])
                )
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            delete_selected, name, description = actions["delete_selected"]

            def delete_unused(modeladmin, request, queryset):
                used = [kind for kind in queryset.with_place_count() if kind.place_count]
                if used:
                    for kind in used:
                        self.message_user(
                            request, self.in_use_message(kind, kind.place_count), messages.ERROR
                        )
                    return None
                return delete_selected(modeladmin, request, queryset)

            actions["delete_selected"] = (delete_unused, name, description)
        return actions


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


def _hours_label(record) -> str:
    return f"{Weekday(record.weekday).label} {record.opens:%H:%M}–{record.closes:%H:%M}"


def _exception_label(record) -> str:
    return str(record.instance)


@admin.register(Location)
class LocationAdmin(
    SentenceCaseInlinesMixin, ReadableHistoryMixin, ScopedAdminMixin, SimpleHistoryAdmin
):
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
    readonly_fields = ["state_now", "map_picker"]
    inlines = [OpeningHoursInline, OpeningExceptionInline]
    actions = ["mark_verified", "apply_norm"]
    related_history = [
        (OpeningHours, "location", _hours_label),
        (OpeningException, "location", _exception_label),
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "cluster", "description"]}),
        # Right after the name: the hours are what cluster managers come for, and the
        # weekly hours and the exceptions follow this fieldset (see render_change_form).
        (
            _("Opening hours"),
            {
                "fields": ["state_now", "closed_on_public_holidays"],
                "description": _(
                    "The weekly hours and the exceptions (closed days, special hours) follow "
                    "right below. Buttons to fill in the norm or copy one day's hours to "
                    "other days are under the save buttons."
                ),
            },
        ),
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
                    "map_picker",
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
        (_("Checked"), {"fields": ["last_verified", "source"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin/location-picker.js"]

    def get_queryset(self, request):
        # "Open now" reads every place's hours and exceptions: prefetch them so the
        # list costs the same few queries however many places it shows.
        return super().get_queryset(request).select_related("cluster", "kind").with_hours()

    def get_urls(self):
        # Before the default URLs: "<path:object_id>/" would swallow these.
        return [
            path(
                "geocode/",
                self.admin_site.admin_view(partial(admin_views.geocode, self)),
                name="locaties_location_geocode",
            ),
            *super().get_urls(),
        ]

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

    @admin.display(description=_("map"))
    def map_picker(self, obj: Location | None) -> str:
        """The project's map component as a coordinate picker, plus the address lookup.

        Both appear only with JavaScript; the latitude and longitude inputs above are the
        way in without it (and for keyboard and screen-reader users).
        """
        return render_to_string(
            "admin/locaties/location/map_picker.html",
            {
                "geocode_url": reverse("admin:locaties_location_geocode"),
                "address_inputs": " ".join(f"id_{name}" for name in geocoding.ADDRESS_PARTS),
                "picker": {
                    "latitude": "id_latitude",
                    "longitude": "id_longitude",
                    "marker_label": gettext("Position of the place"),
                },
            },
        )

    # --- Closures -----------------------------------------------------------------------

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the rights check (ScopedAdminMixin), which undoes a save it refuses.
        saved = [
            exception
            for formset in formsets
            if formset.model is OpeningException
            for exception in [*formset.new_objects, *(obj for obj, _f in formset.changed_objects)]
        ]
        days = closures.closed_days(
            saved,
            public_holidays="closed_on_public_holidays" in form.changed_data
            and form.instance.closed_on_public_holidays,
            today=timezone.localdate(),
        )
        hits = closures.closure_hits(form.instance, days, timezone.now()) if days else []
        if hits:
            message = closures.closure_hits_message(form.instance, hits)
            self.message_user(request, message, messages.WARNING)

    # --- Opening-hours shortcuts ------------------------------------------------------

    def may_edit_hours(self, request, obj=None) -> bool:
        """Replacing weekly hours adds and deletes rows: the user needs both, on this place."""
        user = request.user
        return (
            user.has_perm("locaties.add_openinghours")
            and user.has_perm("locaties.delete_openinghours")
            and self.has_change_permission(request, obj)
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = {"weekday_choices": Weekday.choices, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context=context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["hours_shortcuts"] = (
            change and obj is not None and self.may_edit_hours(request, obj)
        )
        # The weekly hours and the exceptions go right after the fieldset of the opening
        # hours, not at the bottom of a long page (templates/admin/locaties/location/).
        context["hours_fieldset"] = next(
            (
                position
                for position, (_name, options) in enumerate(self.get_fieldsets(request, obj))
                if "closed_on_public_holidays" in options.get("fields", ())
            ),
            None,
        )
        # The norm of the place's kind, if it has one; without one there is no norm button.
        context["norm_description"] = (
            admin_views.norm_description(obj.kind) if obj and obj.kind_id else ""
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        if "_apply_norm" in request.POST or "_copy_day" in request.POST:
            # The form (and everything typed in it) is saved by now; the shortcut comes on top.
            if not self.may_edit_hours(request, obj):
                raise PermissionDenied
            admin_views.hours_shortcut(self, request, obj)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    # --- Actions ----------------------------------------------------------------------

    @admin.action(description=_("Mark as verified today"), permissions=["change"])
    def mark_verified(self, request, queryset):
        # Through the service: a history row per place, and the public cache dropped.
        count = services.location_mark_verified(locations=queryset, user=request.user)
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

    @admin.action(description=_("Fill in the norm hours"), permissions=["change"])
    def apply_norm(self, request, queryset):
        # The queryset holds only the places this user may manage (ScopedAdminMixin).
        if not self.may_edit_hours(request):
            raise PermissionDenied
        places = list(queryset.select_related("kind"))
        filled = [place for place in places if place.kind.norm is not None]
        for place in filled:
            services.location_apply_norm(location=place)
        if filled:
            self.message_user(
                request,
                ngettext(
                    "The norm hours of its kind are filled in for %(count)d place.",
                    "The norm hours of their kind are filled in for %(count)d places.",
                    len(filled),
                )
                % {"count": len(filled)},
                messages.SUCCESS,
            )
        skipped = [place for place in places if place.kind.norm is None]
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d place is of a kind without a norm and is left as it was: %(places)s.",
                    "%(count)d places are of a kind without a norm and are left as they were: "
                    "%(places)s.",
                    len(skipped),
                )
                % {
                    "count": len(skipped),
                    "places": get_text_list([str(p) for p in skipped], gettext("and")),
                },
                messages.WARNING,
            )


@admin.register(OpeningHours)
class OpeningHoursAdmin(ReadableHistoryMixin, ScopedAdminMixin, SimpleHistoryAdmin):
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
class PersonAdmin(ReadableHistoryMixin, ScopedAdminMixin, SimpleHistoryAdmin):
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
