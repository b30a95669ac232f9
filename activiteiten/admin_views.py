"""The activity admin's own pages, beside Django's: the live schedule preview (JSON), the
place search with recent places first, "still correct" from the start page, and the list of
deleted activities with their restore button.

Each view takes the ``ActivityAdmin`` it belongs to (``model_admin``), which wires them up
in its ``get_urls`` behind ``admin_site.admin_view``: the admin's rights, scope and
messages apply as on its other pages.
"""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext

from locaties.models import Location
from ontmoeting import scopes
from ontmoeting.dates import in_range

from . import preview, schedules, services
from .forms import ScheduleForm
from .models import Activity

# A crafted preview request cannot make the server parse thousands of dates.
MAX_CANCELLED_PARAMS = 500
ROOM_LENGTH = Activity._meta.get_field("room").max_length
WHOLE_NUMBER = re.compile(r"[0-9]{1,10}")
# How many places of a user's recent activities head the place list of a new activity.
RECENT_PLACES = 5


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


def schedule_preview(request, *, model_admin):
    """JSON for the live preview: the next dates of the schedule in the query string,
    or the same messages the form would give when saving it."""
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
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
    dates = preview.upcoming_dates(form.instance, cancelled, today=timezone.localdate())
    location = _preview_location(request.GET)
    if location is not None and request.GET.get("status") != Activity.Status.CANCELLED:
        dates = preview.PreviewChecks(
            location,
            room=request.GET.get("room", "")[:ROOM_LENGTH],
            exclude=_whole_number(request.GET.get("activity")),
        ).apply(dates)
    return JsonResponse(
        {
            "summary": schedules.describe(form.instance),
            "dates": [date.as_json() for date in dates],
            "warning_summary": preview.warning_summary(
                [date for date in dates if date.warnings], len(dates)
            ),
        }
    )


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


def verified(request, object_id: int, *, model_admin):
    """Mark one activity verified today, then go back to where the button was.

    Another organisation's activity is "not found" (the list is the user's own); one the
    user may only look at is refused by the service.
    """
    activity = get_object_or_404(
        model_admin.get_queryset(request).prefetch_related(None), pk=object_id
    )
    services.activity_mark_verified(activities=[activity], user=request.user)
    model_admin.message_user(
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


def deleted(request, *, model_admin):
    """Activities deleted from the database, from their history; the user's own only."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    records = services.deleted_activities(request.user).select_related(
        "organiser", "location", "history_user"
    )
    page = Paginator(records, 50).get_page(request.GET.get("p"))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": gettext("Deleted activities"),
        "opts": model_admin.opts,
        "page_obj": page,
        "records": page.object_list,
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/activiteiten/activity/deleted.html", context)


def restore(request, history_id: int, *, model_admin):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    # Someone else's deleted activity is "not found", as in the rest of the admin.
    get_object_or_404(services.deleted_activities(request.user), history_id=history_id)
    try:
        activity = services.activity_restore(history_id=history_id, user=request.user)
    except ValidationError as error:
        model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:activiteiten_activity_deleted"))
    model_admin.log_addition(request, activity, [{"added": {}}])
    model_admin.message_user(
        request,
        gettext(
            "“%(title)s” is restored, with its schedules and dates not going ahead. "
            "Check it before you publish it again."
        )
        % {"title": activity},
        messages.SUCCESS,
    )
    return HttpResponseRedirect(reverse("admin:activiteiten_activity_change", args=[activity.pk]))
