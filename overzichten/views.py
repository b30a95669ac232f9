"""Thin views: access, filters and week from the request; the work is in reports and exports.

Every overview and download is for users with ``beheer.view_overviews`` (municipality
staff, functional administrators, superusers). Anonymous visitors go to the admin login
and come back; anyone else logged in gets 403, also on a crafted URL. The weekly sheet
is public: it holds only what the public pages show.
"""

import datetime
import functools
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

import instellingen
from activiteiten import ical
from activiteiten.filters import ActivityFilter
from clusters.models import Cluster
from locaties.models import Location
from ontmoeting import dates

from . import charts, exports, weekly
from .reports.common import filtered_places, in_hours, overview_filter, week_start
from .reports.grid import (
    GAP_SYMBOL,
    SLOT_LABELS,
    SLOT_SYMBOLS,
    Slot,
    describe_span,
    grid_hours,
    partial_hour_example,
)
from .reports.norm import norm_report, norms_in_words, weighted_percentage
from .reports.offer import offer_report
from .reports.quality import NOT_VERIFIED_DAYS, quality_report
from .reports.status import status_report
from .reports.supervision import supervision_report

PERMISSION = "beheer.view_overviews"
MAX_PLACE_GRIDS = 60


def overview_access(view):
    """Login first (to the admin login, then back); then the permission, or 403."""

    @functools.wraps(view)
    def check(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    # Staff data (people's names among it): never kept in a shared or browser cache.
    return never_cache(check)


class WeekForm(forms.Form):
    week_of = forms.DateField(
        label=gettext_lazy("Week of"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Any day in the week; empty for this week."),
    )

    def clean_week_of(self):
        # Far-away years are typing errors, and the years 1 and 9999 have no whole week.
        day = self.cleaned_data["week_of"]
        if day is not None and not dates.in_range(day):
            raise forms.ValidationError(dates.range_message(), code="date_out_of_range")
        return day


def chosen_week(data, today: datetime.date) -> tuple[datetime.date, WeekForm]:
    """The Monday of the week asked for with ``week_of`` (this week when empty or invalid)."""
    form = WeekForm(data)
    day = form.cleaned_data.get("week_of") if form.is_valid() else None
    return week_start(day or today), form


def week_problems(form: WeekForm) -> list[tuple[str, str]]:
    """Why the week asked for could not be used, as (label, message) like a filter's problems."""
    return [
        (str(form.fields[name].label), " ".join(errors)) for name, errors in form.errors.items()
    ]


def _week_query(form: WeekForm) -> list[tuple[str, str]]:
    if form.is_valid() and form.cleaned_data.get("week_of"):
        return [("week_of", form.cleaned_data["week_of"].isoformat())]
    return []


def _suffix(items) -> str:
    return "?" + urlencode(items) if items else ""


def download(label, name: str, suffix: str, args=()) -> dict:
    return {"label": label, "url": reverse(f"overzichten:{name}", args=args) + suffix}


def csv_download(topic: str, suffix: str) -> dict:
    """A CSV link, and the same with a semicolon (what Excel in Dutch opens directly)."""
    link = download(
        _("%(topic)s (CSV)") % {"topic": exports.TOPIC_TITLES[topic]},
        "download_csv",
        suffix,
        [topic],
    )
    link["semicolon_url"] = link["url"] + ("&" if suffix else "?") + "sep=%3B"
    return link


def _filename(stem: str, today: datetime.date, extension: str) -> str:
    return f"{stem}-{today:%Y-%m-%d}.{extension}"


# --- Pages --------------------------------------------------------------------------


class PlaceOverview(TemplateView):
    """An overview of the places: the public places filter, plus downloads of the same."""

    topic = ""
    csv_topics: tuple[str, ...] = ()

    @method_decorator(overview_access)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        self.now = timezone.now()
        self.filterset = overview_filter(self.request.GET, now=self.now)
        suffix = _suffix(self.filterset.query_items())
        return super().get_context_data(
            topic=self.topic,
            filter=self.filterset,
            form=self.filterset.display_form,
            filter_summary=self.filterset.described(),
            problems=self.filterset.problems,
            query_suffix=suffix,
            downloads=[
                download(_("Excel, all topics (XLSX)"), "download_xlsx", suffix),
                *(csv_download(topic, suffix) for topic in self.csv_topics),
                download(_("Places for a map (GeoJSON)"), "download_geojson", suffix),
            ],
            **self.report(),
            **kwargs,
        )

    def report(self) -> dict:
        return {}


class IndexView(PlaceOverview):
    template_name = "overzichten/index.html"
    topic = "index"
    csv_topics = ("stand", "gebouwen", "plekken")

    def report(self):
        status = status_report(self.filterset)
        kinds = [(capfirst(kind.label), [t.designated, t.planned]) for kind, t in status.by_kind]
        clusters = [
            (c.cluster.name, [c.total.designated, c.total.planned]) for c in status.clusters
        ]
        series = [_("designated"), _("planned")]
        return {
            "status": status,
            "kind_chart": charts.stacked_bars(kinds, series),
            "cluster_chart": charts.stacked_bars(clusters, series),
        }


class NormView(PlaceOverview):
    template_name = "overzichten/norm.html"
    topic = "norm"
    csv_topics = ("norm-clusters", "norm")

    def report(self):
        places = list(filtered_places(self.filterset))
        hours = grid_hours(places)
        clusters = norm_report(places, hours)
        everyone = [p for c in clusters for p in c.places]
        norms = norms_in_words(self.filterset.kinds)
        with_norm = {kind.pk for group in norms for kind in group.kinds}
        query = [item for item in self.filterset.query_items() if item[0] != "cluster"]
        for cluster_week in clusters:
            cluster_week.url = "?" + urlencode([*query, ("cluster", cluster_week.cluster.slug)])
        return {
            "clusters": clusters,
            # A grid per place is 91 cells; for a whole large city the page would be huge.
            "show_place_grids": len(everyone) <= MAX_PLACE_GRIDS,
            "city_percentage": weighted_percentage(everyone),
            "city_places": len(everyone),
            "city_with_norm": sum(p.has_norm for p in everyone),
            "city_meeting_norm": sum(bool(p.meets_norm) for p in everyone),
            "city_open_hours": in_hours(sum(p.open_minutes for p in everyone)),
            "city_supervised_hours": in_hours(sum(p.supervised_minutes for p in everyone)),
            # The grid's columns follow the data and the norms (see grid_hours).
            "hours": [f"{hour:02d}:00" for hour in hours],
            "grid_span": describe_span(hours),
            "norms": norms,
            "kinds_without_norm": [k for k in self.filterset.kinds if k.pk not in with_norm],
            # Some place shown is judged by a norm: the page shows pass and fail as well.
            "judged": any(p.has_norm for p in everyone),
            "partial_example": partial_hour_example(
                [p.norm for p in everyone if p.norm is not None]
            ),
            "slots": [
                (SLOT_SYMBOLS[s], SLOT_LABELS[s], s)
                for s in (
                    Slot.SUPERVISED,
                    Slot.OPEN,
                    Slot.PARTLY,
                    Slot.CLOSED,
                )
            ],
            "gap_symbol": GAP_SYMBOL,
            "chart": charts.bars(
                [(c.cluster.name, c.percentage) for c in clusters if c.percentage is not None],
                maximum=100,
                unit="%",
            ),
            "coverage_chart": charts.hour_bars(
                [(c.cluster.name, c.supervised_hours) for c in clusters]
            ),
        }


class SupervisionView(PlaceOverview):
    template_name = "overzichten/supervision.html"
    topic = "supervision"
    csv_topics = ("begeleiding",)

    def report(self):
        rows = supervision_report(filtered_places(self.filterset))
        missing = [r for r in rows if not r.supervisors.complete]
        unsupervised = sorted(
            (r for r in rows if r.week.unsupervised_minutes),
            key=lambda r: (-r.week.unsupervised_minutes, r.location.name),
        )
        return {
            "rows": rows,
            "judged": any(r.week.has_norm for r in rows),
            "missing": missing,
            "unsupervised": unsupervised,
            "chart": charts.hour_bars(
                [
                    (r.location.name, round(r.week.unsupervised_minutes / 60, 1))
                    for r in unsupervised
                ]
            ),
        }


class QualityView(PlaceOverview):
    template_name = "overzichten/quality.html"
    topic = "quality"
    csv_topics = ("datakwaliteit",)

    def report(self):
        return {
            "quality": quality_report(self.filterset, timezone.localdate(self.now)),
            "not_verified_days": NOT_VERIFIED_DAYS,
        }


def offer_filter(request) -> ActivityFilter:
    """The agenda's FilterSet over published activities: what residents can find."""
    return ActivityFilter(request.GET or None, request=request)


def offer_places(filterset: ActivityFilter) -> list:
    """Published places in the filter's cluster or place, to show those without activities."""
    chosen = filterset.cleaned
    places = Location.objects.published().order_by("name")
    if chosen.get("cluster"):
        places = places.filter(cluster__slug=chosen["cluster"])
    if chosen.get("place"):
        places = places.filter(slug=chosen["place"])
    return list(places.only("slug", "name"))


def offer_report_for(request, now) -> tuple:
    filterset = offer_filter(request)
    monday, week_form = chosen_week(request.GET, timezone.localdate(now))
    report = offer_report(
        filterset.qs,
        monday,
        keep=filterset.filter_occurrences,
        places=offer_places(filterset),
    )
    return filterset, week_form, report


@method_decorator(overview_access, name="dispatch")
class OfferView(TemplateView):
    template_name = "overzichten/offer.html"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        filterset, week_form, report = offer_report_for(self.request, now)
        suffix = _suffix(filterset.query_items() + _week_query(week_form))
        previous_week = report.monday - datetime.timedelta(days=7)
        next_week = report.monday + datetime.timedelta(days=7)
        this_week = _("This week is shown.")
        week_links = [
            (name, "?" + urlencode([*filterset.query_items(), ("week_of", day.isoformat())]))
            for name, day in ((_("Previous week"), previous_week), (_("Next week"), next_week))
        ]
        return super().get_context_data(
            topic="offer",
            filter=filterset,
            form=filterset.display_form,
            week_form=week_form,
            week_links=week_links,
            problems=filterset.problems
            + [(label, f"{message} {this_week}") for label, message in week_problems(week_form)],
            filter_summary=filterset.described(),
            report=report,
            downloads=[
                download(_("Excel (XLSX)"), "download_offer_xlsx", suffix),
                *(csv_download(topic, suffix) for topic in exports.OFFER_TOPICS),
                download(_("Calendar (iCalendar)"), "download_ics", suffix),
            ],
            theme_chart=charts.bars([(c.label, c.occurrences) for c in report.themes]),
            group_chart=charts.bars([(c.label, c.occurrences) for c in report.target_groups]),
            **kwargs,
        )


# --- Downloads ----------------------------------------------------------------------


def _place_about(filterset, title: str, now, extra=()):
    return exports.about_rows(title, filterset.described(), filterset.problems, extra, now=now)


def _offer_about(filterset, week_form, report, now):
    week = (
        _("Week"),
        f"{report.monday:%d-%m-%Y} – {report.sunday:%d-%m-%Y}",
    )
    problems = filterset.problems + week_problems(week_form)
    return exports.about_rows(_("Activities"), filterset.described(), problems, [week], now=now)


@overview_access
def download_xlsx(request):
    """Every topic about the filtered places in one workbook, a sheet per topic."""
    now = timezone.now()
    filterset = overview_filter(request.GET, now=now)
    monday, _form = chosen_week(request.GET, timezone.localdate(now))
    links = exports.Links.for_request(request)
    tables = exports.everything_tables(filterset, links, now=now, monday=monday)
    week = (
        _("Week of the activities"),
        f"{monday:%d-%m-%Y} – {monday + datetime.timedelta(days=6):%d-%m-%Y}",
    )
    about = _place_about(filterset, _("Overview of the meeting places"), now, [week])
    return exports.xlsx_response(
        tables, about, _filename("overzicht", timezone.localdate(now), "xlsx")
    )


@overview_access
def download_offer_xlsx(request):
    """The offer page's tables, with the offer page's filter and week."""
    now = timezone.now()
    filterset, week_form, report = offer_report_for(request, now)
    tables = exports.offer_tables(report, exports.Links.for_request(request))
    about = _offer_about(filterset, week_form, report, now)
    return exports.xlsx_response(tables, about, _filename("aanbod", report.monday, "xlsx"))


@overview_access
def download_csv(request, topic: str):
    """One topic as CSV (``?sep=;`` for a semicolon and a decimal comma)."""
    if topic not in exports.TOPICS:
        raise Http404
    now = timezone.now()
    links = exports.Links.for_request(request)
    if topic in exports.OFFER_TOPICS:
        _filterset, _week_form, report = offer_report_for(request, now)
        (table,) = exports.offer_tables(report, links, topics=[topic])
        filename = _filename(topic, report.monday, "csv")
    else:
        filterset = overview_filter(request.GET, now=now)
        (table,) = exports.place_tables(
            filterset, links, today=timezone.localdate(now), topics=[topic]
        )
        filename = _filename(topic, timezone.localdate(now), "csv")
    delimiter = ";" if request.GET.get("sep") == ";" else ","
    return exports.csv_response(table, filename, delimiter=delimiter)


@overview_access
def download_geojson(request):
    """The filtered places that have coordinates, as an RFC 7946 FeatureCollection."""
    now = timezone.now()
    filterset = overview_filter(request.GET, now=now)
    places = filtered_places(filterset, exceptions=True).with_coordinates()
    collection = exports.geojson_collection(places, now)
    return exports.geojson_response(
        collection, _filename("plekken", timezone.localdate(now), "geojson")
    )


@overview_access
def download_ics(request):
    """The offer page's activities as iCalendar, each with its whole schedule (RRULE)."""
    filterset = offer_filter(request)
    activities = filterset.feed(since=ical.feed_since())
    name = _("Activities in %(city)s") % {"city": instellingen.current().city_name}
    if summary := filterset.summary():
        name = f"{name}: {', '.join(summary)}"
    calendar = ical.build_calendar(activities, name=name, request=request)
    response = ical.calendar_response(calendar, "aanbod.ics")
    # A download from the overview, not a subscription: save it rather than show it.
    response["Content-Disposition"] = content_disposition_header(True, "aanbod.ics")
    return response


# --- The public weekly sheet --------------------------------------------------------


class WeeklySheetView(TemplateView):
    """A cluster's week on A4, for residents without internet. Public and read-only."""

    template_name = "overzichten/weekly_sheet.html"

    def get_context_data(self, **kwargs):
        cluster = get_object_or_404(Cluster, slug=self.kwargs["slug"])
        today = timezone.localdate()
        monday, week_form = chosen_week(self.request.GET, today)
        sheet = weekly.weekly_sheet(cluster, monday, self.request.build_absolute_uri)
        this_monday = week_start(today)
        other = this_monday if monday != this_monday else this_monday + datetime.timedelta(days=7)
        return super().get_context_data(
            sheet=sheet,
            cluster=cluster,
            week_form=week_form,
            other_week_url="?" + urlencode({"week_of": other.isoformat()}),
            other_week_is_next=other > monday,
            **kwargs,
        )
