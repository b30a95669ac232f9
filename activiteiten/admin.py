import datetime
from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import prefetch_related_objects
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from beheer.history import ReadableHistoryMixin
from beheer.mixins import HiddenObjectsMixin, ScopedAdminMixin, SentenceCaseInlinesMixin
from locaties.models import Person
from ontmoeting import scopes

from . import admin_views, checks, preview, schedules, services
from .forms import CancellationFormSet, ScheduleForm
from .models import Activity, Cancellation, Schedule, TargetGroup, Theme


class VocabularyAdmin(HiddenObjectsMixin, admin.ModelAdmin):
    list_display = ["name", "name_en", "ordering"]
    list_editable = ["ordering"]
    search_fields = ["name", "name_en"]
    ordering = ["ordering", "name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "name_en", "slug", "ordering"]

    def get_changelist_form(self, request, **kwargs):
        # The editable column has its label only in the heading; name each box.
        label = capfirst(self.model._meta.get_field("ordering").verbose_name)
        kwargs.setdefault("widgets", {"ordering": forms.NumberInput(attrs={"aria-label": label})})
        return super().get_changelist_form(request, **kwargs)


@admin.register(Theme)
class ThemeAdmin(VocabularyAdmin):
    pass


@admin.register(TargetGroup)
class TargetGroupAdmin(VocabularyAdmin):
    pass


class ScheduleInline(admin.StackedInline):
    model = Schedule
    form = ScheduleForm
    extra = 0
    readonly_fields = ["summary", "preview"]
    fieldsets = [
        (None, {"fields": ["summary", ("start_date", "start_time", "end_time")]}),
        (
            _("Repeats"),
            {
                "fields": ["frequency", "interval", "weekdays", "month_week"],
                "description": _(
                    "For a monthly activity also choose the week, e.g. every first Tuesday."
                ),
            },
        ),
        (
            _("Ends"),
            {
                "fields": ["until", "count"],
                "description": _("Fill in a last date, or a number of times, or neither."),
            },
        ),
        (None, {"fields": ["preview"]}),
    ]

    def get_extra(self, request, obj=None, **kwargs):
        # One empty schedule on a new activity, so it can be filled in without JavaScript.
        return 1 if obj is None else 0

    @admin.display(description=_("in words"))
    def summary(self, obj: Schedule | None) -> str:
        if obj is None or obj.pk is None:
            return "–"
        return str(obj)

    @admin.display(description=_("next dates"))
    def preview(self, obj: Schedule | None) -> str:
        """The next ten dates of a saved schedule, with their warnings; the script keeps it up
        to date while editing."""
        dates = []
        saved = obj is not None and obj.pk is not None
        if saved:
            activity = obj.activity
            cancelled = {c.date: c.reason for c in activity.cancellations.all()}
            dates = preview.upcoming_dates(obj, cancelled, today=timezone.localdate())
            if activity.status != Activity.Status.CANCELLED:
                dates = preview.activity_checks(activity).apply(dates)
        return render_to_string(
            "admin/activiteiten/activity/schedule_preview.html",
            {**preview.context(dates), "saved": saved},
        )


class CancellationInline(admin.TabularInline):
    model = Cancellation
    formset = CancellationFormSet
    # One empty row: without JavaScript the "add another" link does not work.
    extra = 1
    fields = ["date", "reason"]


def _schedule_label(record) -> str:
    return schedules.describe(record)


def _cancellation_label(record) -> str:
    return date_format(record.date, "DATE_FORMAT")


class PlaceAutocompleteSelect(AutocompleteSelect):
    """The admin's autocomplete box, asking admin_views.PlaceAutocompleteView."""

    def get_url(self):
        return reverse("admin:activiteiten_activity_place_autocomplete")


# What the bulk actions say they did; plural by the "count" they are formatted with.
PUBLISHED = ngettext_lazy(
    "%(count)d activity published.", "%(count)d activities published.", "count"
)
UNPUBLISHED = ngettext_lazy(
    "%(count)d activity set back to draft.", "%(count)d activities set back to draft.", "count"
)
VERIFIED = ngettext_lazy(
    "%(count)d activity marked as verified today.",
    "%(count)d activities marked as verified today.",
    "count",
)


@admin.register(Activity)
class ActivityAdmin(
    SentenceCaseInlinesMixin, ReadableHistoryMixin, ScopedAdminMixin, SimpleHistoryAdmin
):
    list_display = ["title", "organiser", "location", "status", "last_verified", "next_date"]
    list_filter = ["status", "organiser", "themes", "target_groups", "location__cluster"]
    list_select_related = ["organiser", "location"]
    search_fields = ["title", "description", "location__name"]
    ordering = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    # A plain list for the organiser: a welfare worker is offered only their own organisations.
    autocomplete_fields = ["location", "contact_person"]
    scoped_choices = {"organiser": scopes.own_organisations}
    readonly_fields = ["created", "updated"]
    inlines = [ScheduleInline, CancellationInline]
    actions = ["publish", "unpublish", "mark_verified", "duplicate"]
    related_history = [
        (Schedule, "activity", _schedule_label),
        (Cancellation, "activity", _cancellation_label),
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "description"]}),
        (_("Where and by whom"), {"fields": ["location", "room", "organiser", "contact_person"]}),
        (
            _("For whom"),
            {"fields": ["themes", "target_groups", "support_need_welcome"]},
        ),
        (
            _("Joining"),
            {"fields": ["is_free", "cost", "registration_required", "registration_info"]},
        ),
        (_("Publication"), {"fields": ["status", "last_verified"]}),
        (_("Record"), {"fields": ["created", "updated"], "classes": ["collapse"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin/schedule-preview.js"]

    def render_change_form(self, request, context, *args, **kwargs):
        # The preview script sends these fields of each schedule; the page tells it which.
        context["schedule_fields"] = " ".join(schedules.FIELDS)
        return super().render_change_form(request, context, *args, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "location" and "widget" not in kwargs:
            kwargs["widget"] = PlaceAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "organiser" and field is not None and len(field.choices) == 2:
            # One organisation to choose from (a welfare worker of one organisation): show
            # it, not an empty "---------" that must be opened to find the only choice.
            field.empty_label = None
        return field

    def get_changeform_initial_data(self, request):
        """A user of one organisation gets it as organiser, and its contact person when it
        has exactly one."""
        initial = super().get_changeform_initial_data(request)
        own = scopes.organisation_ids(request.user)
        if len(own) == 1 and "organiser" not in initial:
            initial["organiser"] = own[0]
            people = list(Person.objects.filter(organisation_id=own[0]).values_list("pk")[:2])
            if len(people) == 1 and "contact_person" not in initial:
                initial["contact_person"] = people[0][0]
        return initial

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # A dozen themes or groups: plain checkboxes are the easiest to use, work without
        # JavaScript and pass axe (filter_horizontal puts aria-label on bare spans).
        if db_field.name in ("themes", "target_groups"):
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request):
        # "Next date" expands every row's schedules; fetch them all at once.
        return (
            super()
            .get_queryset(request)
            .select_related("organiser", "location")
            .prefetch_related("schedules", "cancellations")
            .with_closures()
        )

    def get_urls(self):
        # Before the default URLs: "<path:object_id>/" would swallow these.
        def view(function):
            return self.admin_site.admin_view(partial(function, model_admin=self))

        return [
            path(
                "schedule-preview/",
                view(admin_views.schedule_preview),
                name="activiteiten_activity_schedule_preview",
            ),
            path(
                "place-autocomplete/",
                self.admin_site.admin_view(
                    admin_views.PlaceAutocompleteView.as_view(admin_site=self.admin_site)
                ),
                name="activiteiten_activity_place_autocomplete",
            ),
            path(
                "<int:object_id>/verified/",
                view(require_POST(admin_views.verified)),
                name="activiteiten_activity_verified",
            ),
            path("deleted/", view(admin_views.deleted), name="activiteiten_activity_deleted"),
            path(
                "deleted/<int:history_id>/restore/",
                view(require_POST(admin_views.restore)),
                name="activiteiten_activity_restore",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("next date"))
    def next_date(self, obj: Activity) -> datetime.date | None:
        return schedules.next_date(obj, timezone.localdate())

    # --- The schedule editor ---------------------------------------------------------

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        # Cancelled dates are checked against the schedules as submitted with them.
        by_prefix = {formset.prefix: formset for formset in formsets}
        if "cancellations" in by_prefix:
            by_prefix["cancellations"].schedule_formset = by_prefix.get("schedules")
        if request.method == "GET" and obj is not None and obj.pk is not None:
            # Each schedule's preview reads its activity; the formset gives every schedule only
            # the activity's id. One shared instance, its cancelled dates fetched once, lets
            # the previews share one set of checks too (preview.activity_checks).
            prefetch_related_objects([obj], "cancellations")
            for form in getattr(by_prefix.get("schedules"), "forms", []):
                if form.instance.activity_id == obj.pk:
                    form.instance.activity = obj
        return formsets, inline_instances

    # --- Warnings after saving ---------------------------------------------------------

    def response_add(self, request, obj, post_url_continue=None):
        self.warn_about_dates(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self.warn_about_dates(request, obj)
        return super().response_change(request, obj)

    def warn_about_dates(self, request, obj: Activity) -> None:
        """Say (without blocking) which dates in the coming 90 days do not go ahead because
        the place is closed, fall outside its opening hours or overlap another published
        activity in the same room: the rules of ``checks``, as the preview and the import."""
        start, end = checks.window()
        found = checks.activity_warnings([obj], start=start, end=end)
        for activity, warnings in found.items():
            for text in checks.summarise(warnings, activity.location):
                self.message_user(request, text, messages.WARNING)

    # --- Actions ------------------------------------------------------------------------

    def through_service(self, request, queryset, service, done) -> None:
        """Hand the selected activities to a bulk service and say how many it changed."""
        # Through the service: a history row per activity, and the public cache dropped.
        count = service(activities=queryset.prefetch_related(None), user=request.user)
        self.message_user(request, done % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Publish the selected activities"), permissions=["change"])
    def publish(self, request, queryset):
        self.through_service(request, queryset, services.activity_publish, PUBLISHED)

    @admin.action(
        description=_("Unpublish the selected activities (back to draft)"),
        permissions=["change"],
    )
    def unpublish(self, request, queryset):
        self.through_service(request, queryset, services.activity_unpublish, UNPUBLISHED)

    @admin.action(description=_("Mark as verified today"), permissions=["change"])
    def mark_verified(self, request, queryset):
        self.through_service(request, queryset, services.activity_mark_verified, VERIFIED)

    @admin.action(
        description=_("Duplicate the selected activities (as drafts)"), permissions=["add"]
    )
    def duplicate(self, request, queryset):
        # The queryset holds only what this user may manage (ScopedAdminMixin); the
        # service checks again.
        copies = [
            services.activity_duplicate(activity=activity, user=request.user)
            for activity in queryset.prefetch_related(None)
        ]
        for copy in copies:
            self.log_addition(request, copy, [{"added": {}}])
        self.message_user(
            request,
            ngettext(
                "%(count)d copy made, as a draft. Check its title and dates, then publish it.",
                "%(count)d copies made, as drafts. Check their titles and dates, then publish them.",
                len(copies),
            )
            % {"count": len(copies)},
            messages.SUCCESS,
        )
        if len(copies) == 1:
            return HttpResponseRedirect(
                reverse("admin:activiteiten_activity_change", args=[copies[0].pk])
            )
        return None
