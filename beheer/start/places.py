"""The start page's sections about places: an empty portal, data-quality gaps and the
coming closures."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

import instellingen
import instellingen.models
from activiteiten import schedules
from activiteiten.models import Activity
from locaties import opening
from locaties.models import (
    Location,
    LocationKind,
    Person,
)

from .items import (
    DATES_LISTED,
    HORIZON_DAYS,
    LIST_LIMIT,
    Item,
    Link,
    Section,
    change_url,
    day_start,
    day_text,
)

# --- Kinds of places -------------------------------------------------------------------------


def empty_portal_sections(user) -> list[Section]:
    """On an empty portal (``make start``): the settings that still name no municipality,
    and no kinds of places yet, so places can be neither added nor imported (the import
    refuses every row's kind). Nothing once they are there."""
    return settings_section(user) + kinds_section(user)


def settings_section(user) -> list[Section]:
    if not instellingen.current().city_name_missing or not user.has_perm(
        "instellingen.change_sitesettings"
    ):
        return []
    return [
        Section(
            key="no-settings",
            title=_("The site does not name your municipality yet"),
            help=_(
                "Fill in the settings first: the name of the municipality, where the map "
                "starts, and the other texts of the site."
            ),
            items=[
                Item(
                    title=_("Site settings"),
                    url=reverse("admin:instellingen_sitesettings_change"),
                    about=str(instellingen.models.SiteSettings._meta.app_config.verbose_name),
                    problem=_("The pages say “your municipality” instead of its name."),
                    fix=Link(
                        _("Fill in the settings"), reverse("admin:instellingen_sitesettings_change")
                    ),
                )
            ],
        )
    ]


def kinds_section(user) -> list[Section]:
    if LocationKind.objects.exists() or not user.has_perm("locaties.add_locationkind"):
        return []
    add_url = reverse("admin:locaties_locationkind_add")
    return [
        Section(
            key="no-kinds",
            title=_("No kinds of places yet"),
            help=_(
                "Each place is of a kind your municipality chooses (village hall, library, "
                "playground …). Add the kinds first: until then places cannot be added, and the "
                "import of places is refused."
            ),
            items=[
                Item(
                    title=_("Kinds of places"),
                    url=reverse("admin:locaties_locationkind_changelist"),
                    about=str(LocationKind._meta.app_config.verbose_name),
                    problem=_("There are no kinds of places yet."),
                    fix=Link(_("Add a kind of place"), add_url),
                )
            ],
        )
    ]


# --- Places --------------------------------------------------------------------------------


def _place_item(place: Location, problem: str, fix: Link) -> Item:
    return Item(
        title=place.name,
        url=change_url(place),
        about=str(place.cluster),
        problem=problem,
        fix=fix,
    )


def place_sections(user, places, *, everyone: bool) -> list[Section]:
    """Places without weekly hours, without a supervisor, without coordinates."""
    places = places.select_related("cluster").order_by("cluster__number", "name", "pk")
    may_change = user.has_perm("locaties.change_location")
    may_add_person = user.has_perm("locaties.add_person")

    def quality_link(anchor: str) -> Link | None:
        if everyone and user.has_perm("beheer.view_overviews"):
            return Link(
                _("All on the data-quality page"), reverse("overzichten:quality") + "#" + anchor
            )
        return None

    def fix(place, label, anchor="") -> Link:
        return Link(
            label if may_change else _("View"), change_url(place, anchor if may_change else "")
        )

    def supervisor_fix(place) -> Link:
        if may_add_person:
            query = urlencode({"role": Person.Role.SPORTS_COACH, "clusters": place.cluster_id})
            return Link(
                _("Add a sports coach or cluster manager"),
                reverse("admin:locaties_person_add") + "?" + query,
            )
        return fix(place, _("View"))

    def section(key, title, help_text, gaps, problem, make_fix) -> Section:
        items = [_place_item(p, problem, make_fix(p)) for p in gaps[:LIST_LIMIT]]
        return Section(
            key=key,
            title=title,
            help=help_text,
            items=items,
            # Counted only when the list is full: one query less in the common case.
            total=gaps.count() if len(items) == LIST_LIMIT else len(items),
            more=quality_link(key),
        )

    return [
        section(
            "no-hours",
            _("Places without opening hours"),
            _("Residents cannot see when these places are open."),
            places.without_weekly_hours(),
            _("No weekly opening hours."),
            lambda p: fix(p, _("Fill in the opening hours"), "opening_hours-group"),
        ),
        section(
            "no-supervisor",
            _("Places without a cluster manager or sports coach"),
            _("Nobody is named to supervise these places."),
            places.without_supervisor(),
            _("No cluster manager or sports coach."),
            supervisor_fix,
        ),
        section(
            "no-coordinates",
            _("Places without coordinates"),
            _("They are in the lists, but not on the map."),
            places.without_coordinates(),
            _("No position on the map."),
            lambda p: fix(p, _("Set it on the map"), "id_latitude"),
        ),
    ]


# --- Closures ------------------------------------------------------------------------------


@dataclass
class ClosureRun:
    """Consecutive days one place is closed for the same reason."""

    location: Location
    first: datetime.date
    last: datetime.date
    reason: str  # opening.Reason.EXCEPTION or HOLIDAY
    note: str
    hits: list = field(default_factory=list)  # occurrences that do not go ahead


def closure_runs(places, start: datetime.date, days: int) -> list[ClosureRun]:
    """The closures of ``places`` (prefetched with their exceptions) from ``start`` on,
    as runs of days (:func:`locaties.opening.closure_on`, exceptions and public holidays)."""
    runs = []
    for place in places:
        current = None
        for offset in range(days):
            day = start + datetime.timedelta(days=offset)
            closure = opening.closure_on(place, day)
            if closure is None:
                current = None
                continue
            if current is not None and (current.reason, current.note) == (
                closure.reason,
                closure.note,
            ):
                current.last = day
            else:
                current = ClosureRun(place, day, day, closure.reason, closure.note)
                runs.append(current)
    runs.sort(key=lambda run: (run.first, run.location.name, run.location.pk))
    return runs


def closures_section(user, places, now: datetime.datetime) -> Section:
    """Closures in the coming 90 days of ``places`` and the activities' dates they stop."""
    today = timezone.localdate(now)
    runs = closure_runs(
        places.select_related("cluster").prefetch_related("exceptions").order_by("pk"),
        today,
        HORIZON_DAYS,
    )
    if runs:
        activities = (
            Activity.objects.filter(
                status=Activity.Status.PUBLISHED,
                location__in={run.location.pk for run in runs},
            )
            .running_between(today, today + datetime.timedelta(days=HORIZON_DAYS))
            .select_related("location", "organiser")
            .prefetch_related("schedules", "cancellations", "location__exceptions")
        )
        at_place = defaultdict(list)
        for activity in activities:
            at_place[activity.location_id].append(activity)
        # Only the closed days of each place are expanded, not 90 days of every activity.
        for run in runs:
            first = max(now, day_start(run.first))
            last = day_start(run.last + datetime.timedelta(days=1))
            run.hits = [
                o
                for o in schedules.occurrences_of(
                    at_place[run.location.pk], first, last, include_cancelled=True
                )
                if o.place_closed and not o.cancelled
            ]
    may_change = user.has_perm("locaties.change_location")
    items = []
    # A public holiday that stops nothing needs no one's attention; a closure people entered
    # (an exception) is listed even then, so its cluster manager sees it took effect.
    runs = [run for run in runs if run.hits or run.reason == opening.Reason.EXCEPTION]
    for run in runs:
        period = (
            day_text(run.first)
            if run.first == run.last
            else _("%(first)s to %(last)s")
            % {"first": day_text(run.first), "last": day_text(run.last)}
        )
        hits = [
            Link(
                f"{o.activity.title} ({o.activity.organiser.name}), {day_text(o.date)} "
                f"{timezone.localtime(o.start):%H:%M}",
                change_url(o.activity),
            )
            for o in run.hits[:DATES_LISTED]
        ]
        if len(run.hits) > DATES_LISTED:
            more = len(run.hits) - DATES_LISTED
            hits.append(ngettext("and %(n)d more", "and %(n)d more", more) % {"n": more})
        problem = (
            ngettext(
                "Closed: %(note)s. %(count)d date of an activity does not go ahead.",
                "Closed: %(note)s. %(count)d dates of activities do not go ahead.",
                len(run.hits),
            )
            if run.hits
            else _("Closed: %(note)s. No activity is hit.")
        ) % {"note": run.note or _("no reason given"), "count": len(run.hits)}
        items.append(
            Item(
                title=f"{run.location.name}: {period}",
                url=change_url(run.location),
                about=str(run.location.cluster),
                problem=problem,
                fix=Link(
                    _("Change the exceptions") if may_change else _("View"),
                    change_url(run.location, "exceptions-group" if may_change else ""),
                ),
                details=tuple(hits),
            )
        )
    return Section(
        key="closures",
        title=_("Coming closures"),
        help=_(
            "Days in the coming %(days)d days on which a place is closed (an exception or a "
            "public holiday), with the activities that then do not go ahead. Let their "
            "organisers know."
        )
        % {"days": HORIZON_DAYS},
        items=items,
    )
