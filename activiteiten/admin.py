import datetime

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from beheer import scopes
from beheer.mixins import ScopedAdminMixin
from locaties.forms import TabularInlineFormSet

from . import schedules
from .forms import ScheduleForm
from .models import Activity, Cancellation, Schedule, TargetGroup, Theme


def next_date(activity: Activity, today: datetime.date) -> datetime.date | None:
    """The first day from ``today`` on which the activity takes place (cancelled days skipped).

    Reads the prefetched ``schedules`` and ``cancellations``.
    """
    cancelled = {c.date for c in activity.cancellations.all()}
    start = datetime.datetime.combine(today, datetime.time.min)
    found = []
    for schedule in activity.schedules.all():
        rule = schedules.rule(schedule)
        moment = rule.after(start, inc=True)
        # Bounded: every step passes one cancelled date, and there are finitely many.
        while moment is not None and moment.date() in cancelled:
            moment = rule.after(moment)
        if moment is not None:
            found.append(moment.date())
    return min(found, default=None)


class VocabularyAdmin(admin.ModelAdmin):
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
    readonly_fields = ["summary"]
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
    ]

    @admin.display(description=_("in words"))
    def summary(self, obj: Schedule | None) -> str:
        if obj is None or obj.pk is None:
            return "–"
        return str(obj)


class CancellationInline(admin.TabularInline):
    model = Cancellation
    formset = TabularInlineFormSet
    extra = 0
    fields = ["date", "reason"]


@admin.register(Activity)
class ActivityAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
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
    actions = ["publish", "unpublish", "mark_verified"]
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
        )

    @admin.display(description=_("next date"))
    def next_date(self, obj: Activity) -> datetime.date | None:
        return next_date(obj, timezone.localdate())

    @admin.action(description=_("Publish the selected activities"), permissions=["change"])
    def publish(self, request, queryset):
        count = queryset.update(status=Activity.Status.PUBLISHED, updated=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d activity published.", "%(count)d activities published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Unpublish the selected activities (back to draft)"),
        permissions=["change"],
    )
    def unpublish(self, request, queryset):
        count = queryset.update(status=Activity.Status.DRAFT, updated=timezone.now())
        self.message_user(
            request,
            ngettext(
                "%(count)d activity set back to draft.",
                "%(count)d activities set back to draft.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as verified today"), permissions=["change"])
    def mark_verified(self, request, queryset):
        count = queryset.update(last_verified=timezone.localdate(), updated=timezone.now())
        self.message_user(
            request,
            ngettext(
                "%(count)d activity marked as verified today.",
                "%(count)d activities marked as verified today.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
