"""The admin's start page: what needs doing, for each role.

Instead of Django's bare list of models, staff first see the things in *their* part of the
data that need attention, each with the form where it is fixed:

* a welfare worker: their organisations' published activities that end within four weeks,
  have not been verified for 90 days, have dates on which the place is closed, or have
  dates that fall outside the place's opening hours or overlap another activity in the same
  room ("warnings", the rules of ``activiteiten.checks``);
* a cluster manager: their places without weekly hours, without a cluster manager or sports
  coach, or without coordinates, and the coming closures with the activities they stop;
* municipality staff: the overviews, and the same data-quality gaps for all places;
* a functional administrator: the overviews, the gaps of all places, and the activities
  that end soon or were not verified.

**"Still correct"** marks an activity verified today (``activiteiten.services``), and that
settles every item of it that was already due then. An item is *due* from the moment it
came into view: an activity that ends, four weeks before its last date; a closed day, 90
days before it or when the closure was last saved, whichever is later; a warning, when the
schedules, the place's hours or (for an overlap) the other activity's schedules were last
saved. So a verification does not hide what turns up after it: a closure entered tomorrow,
or a new activity in the same room, shows again.

Read-only, and a fixed number of queries per section whatever the amount of data; each
list shows at most ``LIST_LIMIT`` items and says how many more there are.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import F, OuterRef, Prefetch, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

import instellingen
import instellingen.models
from activiteiten import checks, schedules
from activiteiten.models import Activity, Schedule
from clusters.models import Cluster
from locaties import opening
from locaties.models import (
    Location,
    LocationKind,
    OpeningException,
    OpeningHours,
    Organisation,
    Person,
)

from . import roles, scopes

LIST_LIMIT = 25
# Dates listed in one item; the rest are counted.
DATES_LISTED = 5
ENDING_DAYS = 28
NOT_VERIFIED_DAYS = 90
HORIZON_DAYS = checks.HORIZON_DAYS
PLACE_KEYS = ("no-hours", "no-supervisor", "no-coordinates")


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Item:
    """One thing that needs attention."""

    title: str
    url: str  # where it is fixed (or, for who may only look, seen)
    about: str  # the place, the organiser … in a few words
    problem: str  # what is the matter
    fix: Link | None = None  # the action that settles it
    verify_url: str = ""  # "still correct" (a POST), when the user may change the activity
    details: tuple[Link | str, ...] = ()  # e.g. the activities a closure stops


@dataclass
class Section:
    key: str
    title: str
    help: str
    items: list[Item]
    more: Link | None = None  # where all of them are, when the list is cut off
    total: int = 0

    def __post_init__(self):
        self.total = max(self.total, len(self.items))
        self.items = self.items[:LIST_LIMIT]

    @property
    def left_out(self) -> int:
        return self.total - len(self.items)


@dataclass
class StartPage:
    intro: str
    sections: list[Section] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(section.total for section in self.sections)


# --- Words -------------------------------------------------------------------------------


def day_text(day: datetime.date) -> str:
    """'vr 25 dec 2026' in Dutch, 'Fri 25 Dec 2026' in English.

    Dutch writes months in lower case; Django's "M" capitalises them, "b" does not.
    """
    month = "b" if (get_language() or "").startswith("nl") else "M"
    return date_format(day, f"D j {month} Y")


def dates_text(days) -> str:
    """Each date once, in order, at most DATES_LISTED of them, and how many more."""
    unique = sorted(set(days))
    text = ", ".join(day_text(day) for day in unique[:DATES_LISTED])
    if len(unique) > DATES_LISTED:
        more = len(unique) - DATES_LISTED
        text += " " + ngettext("and %(n)d more", "and %(n)d more", more) % {"n": more}
    return text


def _change_url(obj, anchor: str = "") -> str:
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return f"{url}#{anchor}" if anchor else url


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


# --- Who sees what -------------------------------------------------------------------------


def start_page(user, now: datetime.datetime) -> StartPage:
    """The sections for ``user``'s roles, most specific role first, each section once."""
    names = scopes.role_names(user)
    today = timezone.localdate(now)
    published = Activity.objects.filter(status=Activity.Status.PUBLISHED)
    # (keys, builder): a builder whose sections a more specific role already gave is skipped.
    groups = []
    parts = []
    if roles.WELFARE_WORKER in names:
        organisations = list(scopes.own_organisations(user, Organisation.objects.order_by("name")))
        parts.append(
            _("the activities of %(organisations)s")
            % {"organisations": get_text_list([o.name for o in organisations], _("and"))}
            if organisations
            else _(
                "the activities of your organisations (none yet: ask a functional administrator)"
            )
        )
        mine = published.filter(organiser__in=[o.pk for o in organisations])
        groups += [
            (("ending",), lambda: [ending_section(user, mine, today)]),
            (("not-verified",), lambda: [not_verified_section(user, mine, today)]),
            (("closed-dates", "warnings"), lambda: activity_date_sections(user, mine, now)),
        ]
    if roles.CLUSTER_MANAGER in names:
        clusters = list(scopes.own_clusters(user, Cluster.objects.order_by("number", "name")))
        parts.append(
            _("the places of %(clusters)s")
            % {"clusters": get_text_list([c.name for c in clusters], _("and"))}
            if clusters
            else _("the places of your clusters (none yet: ask a functional administrator)")
        )
        own_places = Location.objects.filter(cluster__in=[c.pk for c in clusters])
        groups += [
            (PLACE_KEYS, lambda: place_sections(user, own_places, everyone=False)),
            (("closures",), lambda: [closures_section(user, own_places, now)]),
        ]
    if names & {roles.MUNICIPALITY, roles.FUNCTIONAL_ADMIN}:
        parts.append(_("all places"))
        groups += [
            (PLACE_KEYS, lambda: place_sections(user, Location.objects.all(), everyone=True)),
            (
                ("not-verified",),
                lambda: [not_verified_section(user, published, today, everyone=True)],
            ),
        ]
    if roles.FUNCTIONAL_ADMIN in names:
        # First of all: without kinds no place can be added or imported.
        groups.insert(0, (("no-settings", "no-kinds"), lambda: empty_portal_sections(user)))
        groups.append((("ending",), lambda: [ending_section(user, published, today)]))
    page = StartPage(
        intro=(
            _("What needs attention in %(what)s. Each item links to the form where you fix it.")
            % {"what": get_text_list(parts, _("and"))}
            if parts
            else _("Your account has no role yet: ask a functional administrator for one.")
        ),
        links=_links(user),
    )
    shown: set[str] = set()
    for keys, build in groups:
        if shown.issuperset(keys):
            continue
        shown.update(keys)
        page.sections.extend(build())
    return page


def _links(user) -> list[Link]:
    links = []
    if user.has_perm("beheer.view_overviews"):
        links += [
            Link(_("Overviews per cluster"), reverse("overzichten:index")),
            Link(_("Norm: open and supervised"), reverse("overzichten:norm")),
            Link(_("Supervision"), reverse("overzichten:supervision")),
            Link(_("Activities on offer"), reverse("overzichten:offer")),
            Link(_("Data quality"), reverse("overzichten:quality")),
        ]
    return links


def _may_verify(user) -> bool:
    return user.has_perm("activiteiten.change_activity")


# --- Activities ----------------------------------------------------------------------------


def _settled(activity: Activity, due: datetime.date) -> bool:
    """Whether "still correct" was said on or after the day the item came into view."""
    return activity.last_verified is not None and activity.last_verified >= due


def _activity_item(user, activity: Activity, problem: str, fix: Link | None) -> Item:
    return Item(
        title=activity.title,
        url=_change_url(activity),
        about=f"{activity.location.name} · {activity.organiser.name}",
        problem=problem,
        fix=fix,
        verify_url=(
            reverse("admin:activiteiten_activity_verified", args=[activity.pk])
            if _may_verify(user)
            else ""
        ),
    )


def _add_dates(activity: Activity) -> Link:
    return Link(_("Add dates"), _change_url(activity, "schedules-group"))


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
            Link(_("Check and change"), _change_url(activity)),
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
    return _local_day(max(saved)) if saved else None


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
        .running_between(today, _local_day(end))
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
                    Link(_("Add another date"), _change_url(activity, "schedules-group")),
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
        saved_on = _local_day(max(saved)) if saved else None
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
                        _("Change the times or the room"), _change_url(activity, "schedules-group")
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
        url=_change_url(place),
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
            label if may_change else _("View"), _change_url(place, anchor if may_change else "")
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
            first = max(now, _day_start(run.first))
            last = _day_start(run.last + datetime.timedelta(days=1))
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
                _change_url(o.activity),
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
                url=_change_url(run.location),
                about=str(run.location.cluster),
                problem=problem,
                fix=Link(
                    _("Change the exceptions") if may_change else _("View"),
                    _change_url(run.location, "exceptions-group" if may_change else ""),
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
