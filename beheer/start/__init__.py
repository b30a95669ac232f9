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

from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from activiteiten.models import Activity
from clusters.models import Cluster
from locaties.models import Location, Organisation
from ontmoeting import roles, scopes

from .activities import activity_date_sections, ending_section, not_verified_section
from .items import LIST_LIMIT, PLACE_KEYS, Link, StartPage
from .places import closures_section, empty_portal_sections, place_sections

__all__ = ["LIST_LIMIT", "StartPage", "start_page"]


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
