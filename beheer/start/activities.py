"""The start page's sections about activities: ending soon, not verified, dates on which
the place is closed, and warnings."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import F, OuterRef, Prefetch, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activiteiten import checks, schedules
from activiteiten.models import Activity, Schedule
from locaties.models import (
    OpeningException,
    OpeningHours,
)

from .items import (
    DATES_LISTED,
    ENDING_DAYS,
    HORIZON_DAYS,
    LIST_LIMIT,
    NOT_VERIFIED_DAYS,
    Item,
    Link,
    Section,
    change_url,
    dates_text,
    day_text,
    local_day,
    may_verify,
)

# --- Activities ----------------------------------------------------------------------------


def _settled(activity: Activity, due: datetime.date) -> bool:
    """Whether "still correct" was said on or after the day the item came into view."""
    return activity.last_verified is not None and activity.last_verified >= due


def _activity_item(user, activity: Activity, problem: str, fix: Link | None) -> Item:
    return Item(
        title=activity.title,
        url=change_url(activity),
        about=f"{activity.location.name} · {activity.organiser.name}",
        problem=problem,
        fix=fix,
        verify_url=(
            reverse("admin:activiteiten_activity_verified", args=[activity.pk])
            if may_verify(user)
            else ""
        ),
    )


def _add_dates(activity: Activity) -> Link:
    return Link(_("Add dates"), change_url(activity, "schedules-group"))


def ending_section(user, activities, today: datetime.date) -> Section:
    """Activities whose last date is within four weeks: add dates, or say it is right."""
    ending = (
        activities.ending_between(today, today + datetime.timedelta(days=ENDING_DAYS))
        .select_related("location", "organiser")
        .order_by("ends_on", "title", "pk")
    )
    items = [
        _activity_item(
            user,
            activity,
            _("The last date is %(date)s.") % {"date": day_text(activity.ends_on)},
            _add_dates(activity),
        )
        for activity in ending
        if not _settled(activity, activity.ends_on - datetime.timedelta(days=ENDING_DAYS))
    ]
    return Section(
        key="ending",
        title=_("Ending within four weeks"),
        help=_(
            "After the last date the activity is no longer in the agenda. Add dates to the "
            "schedule, or choose “Still correct” when it really ends."
        ),
        items=items,
    )


def not_verified_section(user, activities, today: datetime.date, *, everyone=False) -> Section:
    """Published activities nobody has checked for 90 days (or ever)."""
    stale = (
        activities.not_verified_since(today - datetime.timedelta(days=NOT_VERIFIED_DAYS))
        .select_related("location", "organiser")
        .order_by(F("last_verified").asc(nulls_first=True), "title", "pk")
    )
    total = stale.count()
    items = [
        _activity_item(
            user,
            activity,
            (
                _("Last verified on %(date)s.") % {"date": day_text(activity.last_verified)}
                if activity.last_verified
                else _("Never verified.")
            ),
            Link(_("Check and change"), change_url(activity)),
        )
        for activity in stale[:LIST_LIMIT]
    ]
    more = None
    if everyone and user.has_perm("beheer.view_overviews"):
        more = Link(
            _("All on the data-quality page"), reverse("overzichten:quality") + "#not-verified"
        )
    return Section(
        key="not-verified",
        title=_("Not verified for %(days)d days") % {"days": NOT_VERIFIED_DAYS},
        help=_(
            "Check the times, the place and the description. Correct what changed, or choose "
            "“Still correct”: the activity is then verified today."
        ),
        items=items,
        total=total,
        more=more,
    )


def _last_saved(model, **match):
    """When a row of ``model`` matching ``match`` was last saved or deleted (its history)."""
    history = model.history.model.objects.filter(**match).order_by("-history_date")
    return Subquery(history.values("history_date")[:1])


def _exceptions_with_saved_date():
    """Exceptions with ``saved_on``: when they were last saved (from their history)."""
    history = OpeningException.history.model.objects.filter(id=OuterRef("pk")).order_by(
        "-history_date"
    )
    return OpeningException.objects.annotate(saved_at=Subquery(history.values("history_date")[:1]))


def _closure_saved_on(location, day: datetime.date) -> datetime.date | None:
    """The day the exceptions closing ``location`` on ``day`` were last saved (None for a
    public holiday, or an exception without history)."""
    saved = [
        e.saved_at
        for e in location.exceptions.all()
        if e.covers(day) and getattr(e, "saved_at", None) is not None
    ]
    return local_day(max(saved)) if saved else None


def activity_date_sections(user, activities, now: datetime.datetime) -> list[Section]:
    """Dates in the coming 90 days of ``activities`` on which their place is closed, and the
    dates the checks warn about (outside opening hours, overlap in the same room).

    The overlap check compares with every published activity at the same places, whoever
    organises it; all of them are read in one set of queries (five).
    """
    today = timezone.localdate(now)
    end = now + datetime.timedelta(days=HORIZON_DAYS)
    mine_ids = set(activities.values_list("pk", flat=True))
    nearby = (
        Activity.objects.filter(
            status=Activity.Status.PUBLISHED,
            location__in=activities.values("location_id"),
        )
        .running_between(today, local_day(end))
        .select_related("location", "organiser")
        .prefetch_related(
            "schedules",
            "cancellations",
            "location__opening_hours",
            Prefetch("location__exceptions", queryset=_exceptions_with_saved_date()),
        )
        .annotate(
            schedules_saved_at=_last_saved(Schedule, activity_id=OuterRef("pk")),
            hours_saved_at=_last_saved(OpeningHours, location_id=OuterRef("location_id")),
            exceptions_saved_at=_last_saved(OpeningException, location_id=OuterRef("location_id")),
        )
        .order_by("title", "pk")
    )
    occurrences = schedules.occurrences_of(nearby, now, end, include_cancelled=True)
    by_activity = defaultdict(list)
    by_place = defaultdict(list)
    for occurrence in occurrences:
        by_activity[occurrence.activity.pk].append(occurrence)
        by_place[occurrence.activity.location_id].append(occurrence)

    closed_items, warning_items = [], []
    activities_by_pk = {a.pk: a for a in nearby if a.pk in mine_ids}
    for activity in sorted(activities_by_pk.values(), key=lambda a: (a.title, a.pk)):
        own = by_activity.get(activity.pk, [])
        location = activity.location

        closed = [
            o
            for o in own
            if o.place_closed
            and not o.cancelled
            and not _settled(activity, _date_due(o.date, _closure_saved_on(location, o.date)))
        ]
        if closed:
            reasons = list(dict.fromkeys(o.closure_reason for o in closed if o.closure_reason))
            problem = _("%(place)s is closed on %(dates)s.") % {
                "place": location.name,
                "dates": dates_text(o.date for o in closed),
            }
            if reasons:
                problem += " " + _("Reason: %(reasons)s.") % {"reasons": "; ".join(reasons)}
            closed_items.append(
                _activity_item(
                    user,
                    activity,
                    problem,
                    Link(_("Add another date"), change_url(activity, "schedules-group")),
                )
            )

        # The closed days are the item above; the rest is what the editor and the import
        # warn about, by the same rules (activiteiten.checks).
        going = [o for o in own if o.goes_ahead]
        others = [o for o in by_place.get(location.pk, []) if o.activity.pk != activity.pk]
        found = checks.date_warnings(going, location=location, room=activity.room, others=others)
        outside = [w for w in found if w.hours is not None]
        clashes = [w for w in found if w.overlaps]
        warned = {w.day for w in outside} | {w.day for w in clashes}
        # A warning follows from the schedules and the place's hours (and, for an overlap, the
        # other's schedules): after a change to any of them it is new, whatever was verified.
        causes = [activity.schedules_saved_at]
        if outside:
            causes += [activity.hours_saved_at, activity.exceptions_saved_at]
        causes += [other.activity.schedules_saved_at for w in clashes for other in w.overlaps]
        saved = [moment for moment in causes if moment is not None]
        saved_on = local_day(max(saved)) if saved else None
        if warned and not _settled(activity, _date_due(min(warned), saved_on)):
            problems = []
            if outside:
                problems.append(
                    ngettext(
                        "%(count)d date outside the opening hours of %(place)s: %(dates)s.",
                        "%(count)d dates outside the opening hours of %(place)s: %(dates)s.",
                        len({w.day for w in outside}),
                    )
                    % {
                        "count": len({w.day for w in outside}),
                        "place": location.name,
                        "dates": dates_text(w.day for w in outside),
                    }
                )
            if clashes:
                titles = list(dict.fromkeys(o.activity.title for w in clashes for o in w.overlaps))
                clash_days = {w.day for w in clashes}
                problems.append(
                    ngettext(
                        "%(count)d date at the same time as %(titles)s in the same room: %(dates)s.",
                        "%(count)d dates at the same time as %(titles)s in the same room: %(dates)s.",
                        len(clash_days),
                    )
                    % {
                        "count": len(clash_days),
                        "titles": get_text_list(titles[:DATES_LISTED], _("and")),
                        "dates": dates_text(clash_days),
                    }
                )
            warning_items.append(
                _activity_item(
                    user,
                    activity,
                    " ".join(problems),
                    Link(
                        _("Change the times or the room"), change_url(activity, "schedules-group")
                    ),
                )
            )

    return [
        Section(
            key="closed-dates",
            title=_("Dates on which the place is closed"),
            help=_(
                "On these dates the activity does not go ahead: the site says so. Let the "
                "participants know, add another date if you like, and choose “Still correct”."
            ),
            items=closed_items,
        ),
        Section(
            key="warnings",
            title=_("Warnings about dates"),
            help=_(
                "Dates in the coming %(days)d days outside the opening hours of the place, or at "
                "the same time as another activity in the same room. Change the times or the "
                "room, or choose “Still correct” when it has been arranged."
            )
            % {"days": HORIZON_DAYS},
            items=warning_items,
        ),
    ]


def _date_due(day: datetime.date, saved_on: datetime.date | None) -> datetime.date:
    """When an item about ``day`` came into view: 90 days before it, or when its cause was
    saved, whichever is later."""
    due = day - datetime.timedelta(days=HORIZON_DAYS)
    return max(due, saved_on) if saved_on else due
