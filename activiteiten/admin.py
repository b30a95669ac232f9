import datetime
import re
from dataclasses import dataclass, replace

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Value, When, prefetch_related_objects
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format, localize_input
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from beheer import scopes
from beheer.history import ReadableHistoryMixin
from beheer.mixins import HiddenObjectsMixin, ScopedAdminMixin, SentenceCaseInlinesMixin
from locaties import opening
from locaties.models import Location, Person
from ontmoeting.dates import in_range
from ontmoeting.formats import short_date

from . import checks, schedules, services
from .forms import CancellationFormSet, ScheduleForm
from .models import Activity, Cancellation, Schedule, TargetGroup, Theme

# How many dates the schedule preview shows.
PREVIEW_COUNT = 10
# A crafted preview request cannot make the server parse thousands of dates.
MAX_CANCELLED_PARAMS = 500
ROOM_LENGTH = Activity._meta.get_field("room").max_length
WHOLE_NUMBER = re.compile(r"[0-9]{1,10}")


def _whole_number(value) -> int | None:
    """A primary key from a query string, or None for anything else (never an error)."""
    return int(value) if isinstance(value, str) and WHOLE_NUMBER.fullmatch(value) else None


def _preview_location(params):
    """The place chosen in the form, with its hours, or None when none (or no such) is chosen.

    Any place will do: the activity form offers every place, and what the preview reads
    (hours, published activities) is what the admin shows about it anyway.
    """
    pk = _whole_number(params.get("location"))
    if pk is None:
        return None
    return Location.objects.with_hours().filter(pk=pk).first()


# "Next date" passes at most this many dates that do not go ahead: public holidays never
# run out, and a rule could fall on one every time (a fourth Thursday of November).
NEXT_DATE_SKIPS = 100


def next_date(activity: Activity, today: datetime.date) -> datetime.date | None:
    """The first day from ``today`` on which the activity takes place (cancelled days and
    days its place is closed skipped).

    Reads the prefetched ``schedules``, ``cancellations`` and ``location.exceptions``.
    """
    cancelled = {c.date for c in activity.cancellations.all()}
    start = datetime.datetime.combine(today, datetime.time.min)
    found = []
    for schedule in activity.schedules.all():
        rule = schedules.rule(schedule)
        moment = rule.after(start, inc=True)
        for _skip in range(NEXT_DATE_SKIPS):
            if moment is None or not (
                moment.date() in cancelled or opening.closure_on(activity.location, moment.date())
            ):
                break
            moment = rule.after(moment)
        else:
            moment = None
        if moment is not None:
            found.append(moment.date())
    return min(found, default=None)


@dataclass(frozen=True)
class PreviewDate:
    day: datetime.date
    start: datetime.datetime
    end: datetime.datetime
    cancelled: bool = False
    reason: str = ""
    # What checks.date_warnings says about this date, in sentences; and whether the place is
    # closed that day (the date does not go ahead).
    warnings: tuple[str, ...] = ()
    closed: bool = False

    @property
    def label(self) -> str:
        """'Tuesday 1 December 2026, 10:00–12:00' in the active language."""
        return f"{date_format(self.day, 'l j F Y')}, {self.start:%H:%M}–{self.end:%H:%M}"

    @property
    def short_label(self) -> str:
        """'vr 25 dec 2026' / 'Fri 25 Dec 2026', as the warnings name dates."""
        return short_date(self.day)

    def as_json(self) -> dict:
        return {
            "date": self.day.isoformat(),
            # As the date box of the cancelled-dates table expects it in this language.
            "input": localize_input(self.day),
            "label": self.label,
            "short_label": self.short_label,
            "cancelled": self.cancelled,
            "reason": self.reason,
            "closed": self.closed,
            "warnings": list(self.warnings),
        }


def upcoming_dates(
    schedule, cancelled: dict[datetime.date, str], *, today: datetime.date, count=PREVIEW_COUNT
) -> list[PreviewDate]:
    """The first ``count`` dates of ``schedule`` from ``today`` on, cancelled ones marked.

    The same rule as the agenda and the iCalendar feeds (``schedules.rule``), so what the
    preview shows is what residents will see.
    """
    length = schedules.duration(schedule)
    start = datetime.datetime.combine(today, datetime.time.min)
    result = []
    for naive in schedules.rule(schedule).xafter(start, count=count, inc=True):
        day = naive.date()
        result.append(
            PreviewDate(
                day=day,
                start=naive,
                end=naive + length,
                cancelled=day in cancelled,
                reason=cancelled.get(day, ""),
            )
        )
    return result


class PreviewChecks:
    """The warnings of the preview, before saving: ``checks.date_warnings`` on the dates shown.

    Holds the place (with its hours, exceptions and holidays) and the other published
    activities' dates there, fetched once for the widest period asked, so a form with several
    schedules costs a fixed number of queries. ``exclude`` is the activity being edited.
    """

    def __init__(self, location, *, room: str = "", exclude: int | None = None):
        self.location = location
        self.room = room
        self.exclude = exclude
        self._others: list = []
        self._fetched: tuple[datetime.datetime, datetime.datetime] | None = None

    def _others_between(self, start, end) -> list:
        if self._fetched is None or start < self._fetched[0] or end > self._fetched[1]:
            # At least today and the warnings' usual 90 days: the previews of one form's
            # schedules (each from today on) then mostly fit in the first fetch.
            today = timezone.make_aware(
                datetime.datetime.combine(timezone.localdate(), datetime.time.min)
            )
            start = min(start, today)
            end = max(end, checks.window(today)[1])
            if self._fetched is not None:
                start, end = min(start, self._fetched[0]), max(end, self._fetched[1])
            exclude = [self.exclude] if self.exclude else []
            self._others = checks.other_dates([self.location.pk], start, end, exclude=exclude)
            self._fetched = (start, end)
        return self._others

    def apply(self, dates: list[PreviewDate]) -> list[PreviewDate]:
        if not dates:
            return dates
        moments = [
            schedules.Occurrence(
                activity=None,
                schedule=None,
                start=timezone.make_aware(date.start),
                end=timezone.make_aware(date.end),
                cancelled=date.cancelled,
            )
            for date in dates
        ]
        others = self._others_between(moments[0].start, max(m.end for m in moments))
        found = {
            warning.start: warning
            for warning in checks.date_warnings(
                moments, location=self.location, room=self.room, others=others
            )
        }
        result = []
        for date, moment in zip(dates, moments, strict=True):
            warning = found.get(moment.start)
            if warning is None:
                result.append(date)
            else:
                result.append(
                    replace(
                        date,
                        warnings=tuple(warning.reasons(self.location)),
                        closed=warning.closure is not None,
                    )
                )
        return result


def _preview_context(dates: list[PreviewDate]) -> dict:
    return {
        "dates": dates,
        "warning_summary": warning_summary([date for date in dates if date.warnings], len(dates)),
    }


def warning_summary(flagged: list[PreviewDate], shown: int) -> str:
    """'2 of these 10 dates need a look: vr 25 dec 2026, … You can still save.'"""
    if not flagged:
        return ""
    return ngettext(
        "%(count)d of these %(shown)d dates needs a look: %(dates)s. You can still save.",
        "%(count)d of these %(shown)d dates need a look: %(dates)s. You can still save.",
        len(flagged),
    ) % {
        "count": len(flagged),
        "shown": shown,
        "dates": ", ".join(date.short_label for date in flagged),
    }


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
            dates = upcoming_dates(obj, cancelled, today=timezone.localdate())
            if activity.status != Activity.Status.CANCELLED:
                dates = _activity_checks(activity).apply(dates)
        return render_to_string(
            "admin/activiteiten/activity/schedule_preview.html",
            {**_preview_context(dates), "saved": saved},
        )


def _activity_checks(activity: Activity) -> PreviewChecks:
    """One PreviewChecks per activity shown, shared by its schedules' previews.

    ActivityAdmin._create_formsets gives every schedule of the form the same activity
    instance, so the place and the other activities' dates are fetched once for the form.
    """
    found = getattr(activity, "_preview_checks", None)
    if found is None:
        location = Location.objects.with_hours().get(pk=activity.location_id)
        found = PreviewChecks(location, room=activity.room, exclude=activity.pk)
        activity._preview_checks = found
    return found


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


# How many places of a user's recent activities head the place list of a new activity.
RECENT_PLACES = 5


class PlaceAutocompleteView(AutocompleteJsonView):
    """The admin's place search for the activity form, with the places of the user's
    recent activities first: most activities are added where one works already."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        recent = Activity.objects.recent_location_ids(
            user, organisation_ids=scopes.organisation_ids(user), limit=RECENT_PLACES
        )
        if not recent:
            return queryset
        rank = Case(
            *(When(pk=pk, then=Value(position)) for position, pk in enumerate(recent)),
            default=Value(len(recent)),
        )
        return queryset.annotate(recent_rank=rank).order_by(
            "recent_rank", *(queryset.query.order_by or ["name"])
        )


class PlaceAutocompleteSelect(AutocompleteSelect):
    """The admin's autocomplete box, asking PlaceAutocompleteView."""

    def get_url(self):
        return reverse("admin:activiteiten_activity_place_autocomplete")


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
        view = self.admin_site.admin_view
        return [
            path(
                "schedule-preview/",
                view(self.schedule_preview_view),
                name="activiteiten_activity_schedule_preview",
            ),
            path(
                "place-autocomplete/",
                view(PlaceAutocompleteView.as_view(admin_site=self.admin_site)),
                name="activiteiten_activity_place_autocomplete",
            ),
            path(
                "<int:object_id>/verified/",
                view(require_POST(self.verified_view)),
                name="activiteiten_activity_verified",
            ),
            path(
                "deleted/",
                view(self.deleted_view),
                name="activiteiten_activity_deleted",
            ),
            path(
                "deleted/<int:history_id>/restore/",
                view(require_POST(self.restore_view)),
                name="activiteiten_activity_restore",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("next date"))
    def next_date(self, obj: Activity) -> datetime.date | None:
        return next_date(obj, timezone.localdate())

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
            # the previews share one set of checks too (_activity_checks).
            prefetch_related_objects([obj], "cancellations")
            for form in getattr(by_prefix.get("schedules"), "forms", []):
                if form.instance.activity_id == obj.pk:
                    form.instance.activity = obj
        return formsets, inline_instances

    def schedule_preview_view(self, request):
        """JSON for the live preview: the next dates of the schedule in the query string,
        or the same messages the form would give when saving it."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        form = ScheduleForm(data=request.GET)
        if not form.is_valid():
            return JsonResponse(
                {
                    "errors": [
                        {
                            "field": str(form.fields[name].label) if name in form.fields else "",
                            "messages": [str(message) for message in messages_],
                        }
                        for name, messages_ in form.errors.items()
                    ]
                }
            )
        cancelled = {}
        date_field = forms.DateField()
        for value in request.GET.getlist("cancelled")[:MAX_CANCELLED_PARAMS]:
            try:
                day = date_field.clean(value)
            except ValidationError:
                continue
            # The form refuses such a date when it is saved; here it would mark nothing.
            if in_range(day):
                cancelled[day] = ""
        dates = upcoming_dates(form.instance, cancelled, today=timezone.localdate())
        location = _preview_location(request.GET)
        if location is not None and request.GET.get("status") != Activity.Status.CANCELLED:
            dates = PreviewChecks(
                location,
                room=request.GET.get("room", "")[:ROOM_LENGTH],
                exclude=_whole_number(request.GET.get("activity")),
            ).apply(dates)
        return JsonResponse(
            {
                "summary": schedules.describe(form.instance),
                "dates": [date.as_json() for date in dates],
                "warning_summary": warning_summary(
                    [date for date in dates if date.warnings], len(dates)
                ),
            }
        )

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

    # --- "Still correct" (the start page's button) --------------------------------------

    def verified_view(self, request, object_id: int):
        """Mark one activity verified today, then go back to where the button was.

        Another organisation's activity is "not found" (the list is the user's own); one the
        user may only look at is refused by the service.
        """
        activity = get_object_or_404(
            self.get_queryset(request).prefetch_related(None), pk=object_id
        )
        services.activity_mark_verified(activities=[activity], user=request.user)
        self.message_user(
            request,
            gettext("“%(title)s” is marked as verified today.") % {"title": activity},
            messages.SUCCESS,
        )
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = reverse("admin:index")
        return HttpResponseRedirect(back)

    # --- Deleted activities ------------------------------------------------------------

    def deleted_view(self, request):
        """Activities deleted from the database, from their history; the user's own only."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        records = services.deleted_activities(request.user).select_related(
            "organiser", "location", "history_user"
        )
        page = Paginator(records, 50).get_page(request.GET.get("p"))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Deleted activities"),
            "opts": self.opts,
            "page_obj": page,
            "records": page.object_list,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/activiteiten/activity/deleted.html", context)

    def restore_view(self, request, history_id: int):
        if not self.has_add_permission(request):
            raise PermissionDenied
        # Someone else's deleted activity is "not found", as in the rest of the admin.
        get_object_or_404(services.deleted_activities(request.user), history_id=history_id)
        try:
            activity = services.activity_restore(history_id=history_id, user=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:activiteiten_activity_deleted"))
        self.log_addition(request, activity, [{"added": {}}])
        self.message_user(
            request,
            gettext(
                "“%(title)s” is restored, with its schedules and dates not going ahead. "
                "Check it before you publish it again."
            )
            % {"title": activity},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse("admin:activiteiten_activity_change", args=[activity.pk])
        )

    # --- Actions ------------------------------------------------------------------------

    @admin.action(description=_("Publish the selected activities"), permissions=["change"])
    def publish(self, request, queryset):
        # Through the service: a history row per activity, and the public cache dropped.
        count = services.activity_publish(
            activities=queryset.prefetch_related(None), user=request.user
        )
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
        count = services.activity_unpublish(
            activities=queryset.prefetch_related(None), user=request.user
        )
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
        count = services.activity_mark_verified(
            activities=queryset.prefetch_related(None), user=request.user
        )
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
