import datetime
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

import instellingen
from clusters.models import Cluster
from locaties.models import Location
from ontmoeting.cache import PAGE_SECONDS, cached_public, valid_until

from . import ical
from .agenda import AgendaPaginator
from .filters import ActivityFilter, max_week, week_number, week_period
from .models import Activity

UPCOMING_DAYS = 365
UPCOMING_SHOWN = 10


AGENDA_PAGE_SIZE = 100
# Counting every date of a region's week would cost time that grows with the region; past
# this many pages the agenda asks to choose a day, a place or a theme (as the feed does).
AGENDA_MAX_PAGES = 10

# Feeds are polled by calendar apps; answers are cheap to keep and dropped on any change.
FEED_CACHE_SECONDS = 300


def date_range(first: datetime.date, last: datetime.date) -> str:
    """'1 to 7 December 2026', '30 November to 6 December 2026', '28 December 2026 to
    3 January 2027': each part said once, in the language of the page."""
    if (first.year, first.month) == (last.year, last.month):
        start = date_format(first, "j")
    elif first.year == last.year:
        start = date_format(first, "j F")
    else:
        start = date_format(first, "j F Y")
    return _("%(first)s to %(last)s") % {"first": start, "last": date_format(last, "j F Y")}


def agenda_heading(first: datetime.date, last: datetime.date, choices: list[str], page: int):
    """The agenda page's title and heading: which week, which search or filters, which page.

    Every week and every choice is a page of its own (in search results, bookmarks, the
    browser's history and a screen reader's list of tabs), so each says what it shows.
    """
    heading = _("Agenda %(period)s") % {"period": date_range(first, last)}
    if choices:
        heading = _("%(heading)s: %(choices)s") % {
            "heading": heading,
            "choices": ", ".join(choices),
        }
    if page > 1:
        heading = _("%(heading)s, page %(page)d") % {"heading": heading, "page": page}
    return heading


@method_decorator(cached_public(PAGE_SECONDS), name="get")
class AgendaView(TemplateView):
    """The coming seven days by day, a week at a time, with the filters and a feed link."""

    template_name = "activiteiten/agenda.html"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        filterset = ActivityFilter(self.request.GET, request=self.request)
        week, week_problem = week_number(self.request.GET.get("week"))
        start, end, first_day, last_day = week_period(week, now)
        occurrences = filterset.agenda(start, end, rows=True)
        # A busy city has hundreds of dates a week: show them a page at a time.
        page = AgendaPaginator(occurrences, AGENDA_PAGE_SIZE, max_pages=AGENDA_MAX_PAGES).get_page(
            self.request.GET.get("page")
        )
        query = filterset.query_items()
        summary = filterset.summary()
        return super().get_context_data(
            filter=filterset,
            form=filterset.display_form,
            problems=filterset.problems,
            week_problem=week_problem,
            filter_summary=summary,
            heading=agenda_heading(first_day, last_day, summary, page.number),
            occurrences=page.object_list,
            page_obj=page,
            page_query=urlencode([*query, ("week", str(week))] if week else query),
            today=timezone.localdate(now),
            week=week,
            first_day=first_day,
            last_day=last_day,
            previous_url=self.week_url(query, week - 1) if week > 0 else "",
            next_url=self.week_url(query, week + 1) if week < max_week() else "",
            subscribe_url=with_query(reverse("activiteiten:subscribe"), query),
            **kwargs,
        )

    @staticmethod
    def week_url(query, week: int) -> str:
        items = [*query, ("week", str(week))] if week else query
        return "?" + urlencode(items) if items else "?"


def with_query(path: str, query: list[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(query)}" if query else path


def subscribe_heading(choices: list[str]) -> str:
    heading = _("Activities in your calendar")
    if choices:
        heading = _("%(heading)s: %(choices)s") % {
            "heading": heading,
            "choices": ", ".join(choices),
        }
    return heading


@method_decorator(cached_public(PAGE_SECONDS), name="get")
class SubscribeView(TemplateView):
    """How to keep the agenda's choice in a calendar app, step by step.

    Whether the choice holds too many activities for a feed is asked here, where someone
    wants the feed, not on every agenda page: for a region's broad searches it costs as much
    as the rest of the page.
    """

    template_name = "activiteiten/subscribe.html"

    def get_context_data(self, **kwargs):
        filterset = feed_filter(self.request)
        query = filterset.query_items()
        summary = filterset.summary()
        feed_path = with_query(reverse("activiteiten:agenda_ical"), query)
        feed = filterset.feed(since=ical.feed_since())
        return super().get_context_data(
            problems=filterset.problems,
            filter_summary=summary,
            heading=subscribe_heading(summary),
            agenda_url=with_query(reverse("activiteiten:agenda"), query),
            feed_too_large=(
                feed_too_large_message() if feed.more_than(ical.MAX_FEED_ACTIVITIES) else ""
            ),
            feed_url=self.request.build_absolute_uri(feed_path),
            webcal_url=f"webcal://{self.request.get_host()}{feed_path}",
            **kwargs,
        )


@method_decorator(cached_public(PAGE_SECONDS), name="get")
class ActivityDetailView(DetailView):
    template_name = "activiteiten/activity_detail.html"
    context_object_name = "activity"

    def get_queryset(self):
        # Cancelled activities keep their page, which says so (see ActivityQuerySet.public).
        return (
            Activity.objects.public()
            .for_display()
            .with_closures()
            .select_related("contact_person", "contact_person__organisation")
        )

    def get_context_data(self, **kwargs):
        now = timezone.now()
        end = now + datetime.timedelta(days=UPCOMING_DAYS)
        occurrences = self.object.occurrences(now, end)[:UPCOMING_SHOWN]
        valid_until(self.request, min((o.end for o in occurrences), default=None))
        return super().get_context_data(
            occurrences=occurrences,
            is_cancelled=self.object.status == Activity.Status.CANCELLED,
            feed_url=self.request.build_absolute_uri(
                reverse("activiteiten:ical", kwargs={"slug": self.object.slug})
            ),
            **kwargs,
        )


def feed_too_large_message() -> str:
    return _(
        "This choice has more than %(max)s activities: too many for a calendar app. "
        "Choose a cluster, a place, a theme or an organiser first."
    ) % {"max": number_format(ical.MAX_FEED_ACTIVITIES, force_grouping=True)}


def feed_filter(request) -> ActivityFilter:
    """The agenda's choices as its feed reads them: cancelled activities too (as cancelled)."""
    return ActivityFilter(request.GET, queryset=Activity.objects.public(), request=request)


def _feed(request, activities, *, name: str, filename: str):
    """``activities`` (a QuerySet.for_feed) as an iCalendar answer, unless too many."""
    if activities.more_than(ical.MAX_FEED_ACTIVITIES):
        return HttpResponse(
            feed_too_large_message(), status=400, content_type="text/plain; charset=utf-8"
        )
    calendar = ical.build_calendar(activities, name=name, request=request)
    return ical.calendar_response(calendar, filename)


@cached_public(FEED_CACHE_SECONDS)
def agenda_feed(request):
    """The agenda as a feed; takes the same parameters as the agenda page."""
    filterset = feed_filter(request)
    name = _("Activities in %(city)s") % {"city": instellingen.current().city_name}
    if summary := filterset.summary():
        name = f"{name}: {', '.join(summary)}"
    return _feed(request, filterset.feed(since=ical.feed_since()), name=name, filename="agenda.ics")


@cached_public(FEED_CACHE_SECONDS)
def activity_feed(request, slug):
    activity = get_object_or_404(Activity.objects.public(), slug=slug)
    return _feed(
        request,
        Activity.objects.filter(pk=activity.pk).for_feed(since=ical.feed_since()),
        name=activity.title,
        filename=f"{slug}.ics",
    )


@cached_public(FEED_CACHE_SECONDS)
def location_feed(request, slug):
    location = get_object_or_404(Location.objects.published(), slug=slug)
    return _feed(
        request,
        Activity.objects.public().at_location(location).for_feed(since=ical.feed_since()),
        name=_("Activities at %(place)s") % {"place": location.name},
        filename=f"{slug}.ics",
    )


@cached_public(FEED_CACHE_SECONDS)
def cluster_feed(request, slug):
    cluster = get_object_or_404(Cluster, slug=slug)
    return _feed(
        request,
        Activity.objects.public().in_cluster(cluster).for_feed(since=ical.feed_since()),
        name=_("Activities in cluster %(cluster)s") % {"cluster": cluster.name},
        filename=f"{slug}.ics",
    )
