"""Downloads: the overviews as tables, written as XLSX, CSV, GeoJSON and iCalendar.

A :class:`Table` is a title, columns and an iterable of rows of plain Python values
(text, numbers, booleans, dates, times). The same tables feed the spreadsheet, the CSV and
the management command, built from the same report functions as the pages, so a download
holds exactly what the page shows for the same filter.

Large exports stream rather than build in memory:

* CSV goes out row by row through a generator (``StreamingHttpResponse``), the places
  read with ``.iterator(chunk_size=...)``, so memory stays flat however many rows.
* XLSX cannot be streamed as it is made: it is a zip file whose table of contents comes
  last. openpyxl's *write-only* mode keeps memory flat while writing (rows go straight
  to disk instead of a cell-object tree), into an anonymous temporary file that the
  response then sends in chunks (``FileResponse``) and that disappears when closed.

Every text cell passes :func:`neutralise`: a spreadsheet would run a cell starting with
``=``, ``+``, ``-`` or ``@`` (or tab or CR, which some programs strip first) as a formula,
and names and descriptions are typed by many people.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import functools
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.http import FileResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from activiteiten.models import Activity
from locaties import geojson, opening

from .reports.common import filtered_places
from .reports.grid import grid_hours_for, place_week
from .reports.norm import ClusterWeek, norm_report, weighted_percentage
from .reports.offer import OfferReport, offer_report
from .reports.quality import NOT_VERIFIED_DAYS, QualityReport, quality_report
from .reports.status import StatusReport, status_report
from .reports.supervision import SupervisorIndex

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 500
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
GEOJSON_TYPE = "application/geo+json"
BOM = "\ufeff"
DATE_FORMAT = "DD-MM-YYYY"
TIME_FORMAT = "HH:MM"
DATETIME_FORMAT = "DD-MM-YYYY HH:MM"
# Characters XML 1.0 cannot hold; openpyxl refuses them (IllegalCharacterError).
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def neutralise(value):
    """Make text safe for a spreadsheet: a leading ``=``, ``+``, ``-``, ``@``, tab or CR
    gets an apostrophe in front, so it is shown as text and never run as a formula.

    Anything that is not text (numbers, dates) is returned unchanged.
    """
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


@dataclass
class Column:
    header: str
    width: int = 14
    number_format: str | None = None


@dataclass
class Table:
    slug: str  # the topic's name in URLs and for --topic
    title: str  # the sheet's name
    columns: list[Column]
    rows: Iterable[Sequence]


def text_column(header, width=24) -> Column:
    return Column(header, width)


def number_column(header, width=12) -> Column:
    return Column(header, width)


def date_column(header, width=12) -> Column:
    return Column(header, width, DATE_FORMAT)


def time_column(header, width=8) -> Column:
    return Column(header, width, TIME_FORMAT)


def _hours(minutes: int | None) -> float | None:
    return None if minutes is None else round(minutes / 60, 2)


def _words(names: list[str]) -> str:
    return ", ".join(names)


class Links:
    """Absolute links for the rows: from a request, or from a base URL (the command)."""

    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/") + "/"

    @classmethod
    def for_request(cls, request) -> Links:
        return cls(request.build_absolute_uri("/"))

    def __call__(self, path: str) -> str:
        return urljoin(self.base_url, path.lstrip("/"))


class BaseUrlRequest:
    """Just enough of a request for ``activiteiten.ical`` outside a web request."""

    def __init__(self, base_url: str):
        self.links = Links(base_url)

    def get_host(self) -> str:
        return urlsplit(self.links.base_url).netloc

    def build_absolute_uri(self, location: str = "/") -> str:
        return self.links(location)


# --- Tables -------------------------------------------------------------------------


def places_table(places, links: Links) -> Table:
    """One row per place: facts, supervision, hours and the norm. Streams the places."""

    def rows():
        supervisors = SupervisorIndex()
        for place in places.iterator(chunk_size=CHUNK_SIZE):
            week = place_week(place)
            found = supervisors.for_place(place)
            yield (
                place.name,
                str(place.cluster),
                place.kind.label,
                str(place.get_status_display()),
                str(place.get_building_status_display()) if place.building_status else "",
                place.new_building_year,
                place.published,
                " ".join(p for p in (place.street, place.house_number) if p),
                place.postcode,
                place.city,
                float(place.latitude) if place.latitude is not None else None,
                float(place.longitude) if place.longitude is not None else None,
                _words(found.cluster_managers),
                _words(found.sports_coaches),
                _hours(week.open_minutes),
                _hours(week.supervised_minutes),
                _hours(week.unsupervised_minutes),
                opening.describe_norm(week.norm) if week.norm else "",
                _hours(week.gap_minutes),
                week.percentage,
                week.meets_norm,
                place.last_verified,
                links(place.get_absolute_url()),
            )

    return Table(
        "plekken",
        _("Places"),
        [
            text_column(_("Name"), 32),
            text_column(_("Cluster"), 22),
            text_column(_("Kind"), 22),
            text_column(_("Status"), 12),
            text_column(_("Building"), 20),
            number_column(_("Year of the new building"), 10),
            Column(_("Published"), 10),
            text_column(_("Address"), 26),
            text_column(_("Postcode"), 10),
            text_column(_("City"), 14),
            number_column(_("Latitude"), 11),
            number_column(_("Longitude"), 11),
            text_column(_("Cluster managers"), 26),
            text_column(_("Sports coaches"), 26),
            number_column(_("Open (hours per week)")),
            number_column(_("Supervised (hours per week)")),
            number_column(_("Open without supervision (hours per week)")),
            # Empty for a place whose kind has no norm: no pass and no fail.
            text_column(_("Norm"), 30),
            number_column(_("Norm hours missed (hours per week)")),
            number_column(_("Norm met (%)")),
            Column(_("Meets the norm"), 10),
            date_column(_("Last verified")),
            text_column(_("Page"), 40),
        ],
        rows(),
    )


def status_table(report: StatusReport) -> Table:
    """Places per cluster and kind, designated and planned: the overview's first table."""
    columns = [text_column(_("Cluster"), 26)]
    for kind in report.kinds:
        columns.append(number_column(_("%(kind)s: designated") % {"kind": kind.label}, 14))
        columns.append(number_column(_("%(kind)s: planned") % {"kind": kind.label}, 14))
    columns += [
        number_column(_("Designated")),
        number_column(_("Planned")),
        number_column(_("Total")),
    ]

    def rows():
        for status in report.clusters:
            row = [str(status.cluster)]
            for tally in status.tallies:
                row += [tally.designated, tally.planned]
            yield [*row, status.total.designated, status.total.planned, status.total.total]
        total = [str(_("All places"))]
        for _kind, tally in report.by_kind:
            total += [tally.designated, tally.planned]
        yield [*total, report.total.designated, report.total.planned, report.total.total]

    return Table("stand", _("Places by status"), columns, rows())


def buildings_table(report: StatusReport) -> Table:
    """The places of the kinds that have building statuses, and their buildings."""
    return Table(
        "gebouwen",
        _("Buildings"),
        [
            text_column(_("Place"), 32),
            text_column(_("Kind"), 22),
            text_column(_("Cluster"), 22),
            text_column(_("Building"), 22),
            number_column(_("Year of the new building"), 10),
        ],
        (
            (p.name, group.kind.label, p.cluster, p.building_label, p.year)
            for group in report.buildings
            for p in group.places
        ),
    )


def norm_table(places) -> Table:
    """The grid per place: one row per place and weekday, one column per hour, then the
    day's hours open and supervised. The hours follow the data and the norms (two queries
    before the places stream)."""
    hours = grid_hours_for(places)

    def rows():
        labels: dict = {}  # a cell's words depend on its state only: translate each once
        for place in places.iterator(chunk_size=CHUNK_SIZE):
            week = place_week(place, hours)
            for day in week.grid:
                for cell in day.cells:
                    if cell not in labels:
                        labels[cell] = cell.label
                yield (
                    place.name,
                    str(place.cluster),
                    day.name,
                    *(labels[c] for c in day.cells),
                    day.open_hours,
                    day.supervised_hours,
                )

    hour_columns = [Column(f"{hour:02d}:00", 16) for hour in hours]
    return Table(
        "norm",
        _("Norm per place"),
        [
            text_column(_("Place"), 32),
            text_column(_("Cluster"), 22),
            Column(_("Day"), 11),
            *hour_columns,
            number_column(_("Open (hours)"), 10),
            number_column(_("Supervised (hours)"), 10),
        ],
        rows(),
    )


def norm_clusters_table(cluster_weeks: list[ClusterWeek]) -> Table:
    def rows():
        for cluster_week in cluster_weeks:
            yield (
                str(cluster_week.cluster),
                len(cluster_week.places),
                cluster_week.with_norm,
                cluster_week.meeting_norm,
                cluster_week.percentage,
                cluster_week.open_hours,
                cluster_week.supervised_hours,
            )
        everyone = [p for c in cluster_weeks for p in c.places]
        yield (
            str(_("All places")),
            len(everyone),
            sum(p.has_norm for p in everyone),
            sum(bool(p.meets_norm) for p in everyone),
            weighted_percentage(everyone),
            _hours(sum(p.open_minutes for p in everyone)),
            _hours(sum(p.supervised_minutes for p in everyone)),
        )

    return Table(
        "norm-clusters",
        _("Norm per cluster"),
        [
            text_column(_("Cluster"), 26),
            number_column(_("Places")),
            number_column(_("Places with a norm")),
            number_column(_("Meeting the norm")),
            number_column(_("Norm met (%)")),
            number_column(_("Open (hours per week)")),
            number_column(_("Supervised (hours per week)")),
        ],
        rows(),
    )


def supervision_table(places) -> Table:
    def rows():
        supervisors = SupervisorIndex()
        for place in places.iterator(chunk_size=CHUNK_SIZE):
            week = place_week(place)
            found = supervisors.for_place(place)
            yield (
                place.name,
                str(place.cluster),
                _words(found.cluster_managers),
                _words(found.sports_coaches),
                _hours(week.open_minutes),
                _hours(week.supervised_minutes),
                _hours(week.unsupervised_minutes),
                _hours(week.gap_minutes),
            )

    return Table(
        "begeleiding",
        _("Supervision"),
        [
            text_column(_("Place"), 32),
            text_column(_("Cluster"), 22),
            text_column(_("Cluster managers"), 26),
            text_column(_("Sports coaches"), 26),
            number_column(_("Open (hours per week)")),
            number_column(_("Supervised (hours per week)")),
            number_column(_("Open without supervision (hours per week)")),
            number_column(_("Norm hours missed (hours per week)")),
        ],
        rows(),
    )


def quality_table(report: QualityReport, links: Links) -> Table:
    def admin(obj) -> str:
        meta = obj._meta
        return links(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]))

    def rows():
        place, activity = str(_("place")), str(_("activity"))
        for problem, items in (
            (_("No coordinates"), report.no_coordinates),
            (_("No opening hours"), report.no_hours),
            (_("No cluster manager or sports coach"), report.no_supervisor),
        ):
            for item in items:
                yield (str(problem), place, item.name, str(item.cluster), "", None, admin(item))
        for item in report.not_verified:
            yield (
                str(_("Not verified for %(days)d days") % {"days": NOT_VERIFIED_DAYS}),
                activity,
                item.title,
                str(item.location.cluster),
                item.location.name,
                item.last_verified,
                admin(item),
            )
        for ended in report.ended_schedules:
            yield (
                str(_("Schedule has ended")),
                activity,
                ended.activity.title,
                str(ended.activity.location.cluster),
                str(ended.schedule),
                ended.last,
                admin(ended.activity),
            )
        for item in report.published_at_unpublished:
            yield (
                str(_("Published activity at an unpublished place")),
                activity,
                item.title,
                str(item.location.cluster),
                item.location.name,
                None,
                admin(item),
            )

    return Table(
        "datakwaliteit",
        _("Data quality"),
        [
            text_column(_("Problem"), 34),
            Column(_("Kind"), 10),
            text_column(_("Name"), 32),
            text_column(_("Cluster"), 22),
            text_column(_("Details"), 32),
            date_column(_("Date")),
            text_column(_("Change in the admin"), 40),
        ],
        rows(),
    )


def offer_table(report: OfferReport, links: Links) -> Table:
    def rows():
        for occurrence in report.occurrences:
            activity = occurrence.activity
            start = timezone.localtime(occurrence.start)
            end = timezone.localtime(occurrence.end)
            yield (
                start.date(),
                start.time().replace(second=0, microsecond=0),
                end.time().replace(second=0, microsecond=0),
                _hours(int((occurrence.end - occurrence.start).total_seconds() // 60)),
                activity.title,
                activity.location.name,
                str(activity.location.cluster),
                activity.organiser.name,
                _words([str(t) for t in activity.themes.all()]),
                _words([str(g) for g in activity.target_groups.all()]),
                links(activity.get_absolute_url()),
            )

    return Table(
        "aanbod",
        _("Activities in the week"),
        [
            date_column(_("Date")),
            time_column(_("Start")),
            time_column(_("End")),
            number_column(pgettext("duration in hours", "Hours"), 8),
            text_column(_("Activity"), 32),
            text_column(_("Place"), 28),
            text_column(_("Cluster"), 22),
            text_column(_("Organiser"), 24),
            text_column(_("Themes"), 28),
            text_column(_("Target groups"), 28),
            text_column(_("Page"), 40),
        ],
        rows(),
    )


def offer_summary_table(report: OfferReport) -> Table:
    def rows():
        for dimension, counts in (
            (_("Theme"), report.themes),
            (_("Target group"), report.target_groups),
            (_("Organiser"), report.organisers),
            (_("Cluster"), report.clusters),
            (_("Place"), report.places),
        ):
            for count in counts:
                yield (
                    str(dimension),
                    count.label,
                    count.occurrences,
                    count.activity_count,
                    count.hours,
                )

    return Table(
        "aanbod-samenvatting",
        _("Offer in numbers"),
        [
            text_column(_("By"), 14),
            text_column(_("Name"), 32),
            number_column(pgettext("number of times an activity takes place", "Times")),
            number_column(_("Activities")),
            number_column(pgettext("duration in hours", "Hours")),
        ],
        rows(),
    )


# Topic names for the CSV URLs and the command, in the order of the spreadsheet's sheets.
PLACE_TOPICS = (
    "plekken",
    "stand",
    "gebouwen",
    "norm",
    "norm-clusters",
    "begeleiding",
    "datakwaliteit",
)
OFFER_TOPICS = ("aanbod", "aanbod-samenvatting")
TOPICS = PLACE_TOPICS + OFFER_TOPICS


def place_tables(
    filterset, links: Links, *, today: datetime.date, topics=PLACE_TOPICS
) -> list[Table]:
    """The tables about the filtered places, only those asked for (each is built lazily)."""
    places = filtered_places(filterset)
    status = functools.cache(lambda: status_report(filterset))
    builders: dict[str, Callable[[], Table]] = {
        "plekken": lambda: places_table(places, links),
        "stand": lambda: status_table(status()),
        "gebouwen": lambda: buildings_table(status()),
        "norm": lambda: norm_table(places),
        "norm-clusters": lambda: norm_clusters_table(norm_report(places, ())),
        "begeleiding": lambda: supervision_table(places),
        "datakwaliteit": lambda: quality_table(quality_report(filterset, today), links),
    }
    return [builders[topic]() for topic in topics if topic in builders]


def offer_tables(report: OfferReport, links: Links, *, topics=OFFER_TOPICS) -> list[Table]:
    builders = {
        "aanbod": lambda: offer_table(report, links),
        "aanbod-samenvatting": lambda: offer_summary_table(report),
    }
    return [builders[topic]() for topic in topics if topic in builders]


def everything_tables(filterset, links: Links, *, now, monday, topics=TOPICS) -> list[Table]:
    """All topics for the filtered places; the offer is that of those places in the week.

    Used by the "all topics" spreadsheet and by the command, so that a cluster's report
    holds the activities at that cluster's places (published ones at published places).
    """
    tables = place_tables(filterset, links, today=timezone.localdate(now), topics=topics)
    if any(topic in OFFER_TOPICS for topic in topics):
        place_ids = filterset.qs.order_by().values("pk")
        report = offer_report(
            Activity.objects.published().filter(location__in=place_ids),
            monday,
            places=list(
                filterset.qs.filter(published=True)
                .select_related(None)
                .order_by("name")
                .only("slug", "name")
            ),
        )
        tables += offer_tables(report, links, topics=topics)
    return tables


# --- Writing ------------------------------------------------------------------------


def xlsx_value(value):
    """A cell value as openpyxl wants it: safe text, local naive date-times, plain numbers."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return neutralise(ILLEGAL_XML.sub("", value))
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # Spreadsheets have no time zones: local wall-clock time is what people expect.
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _sheet_title(title: str, used: set[str]) -> str:
    title = SHEET_TITLE_FORBIDDEN.sub(" ", str(title))[:31].strip() or "Blad"
    candidate, n = title, 2
    while candidate.lower() in used:
        candidate = f"{title[:28]} {n}"
        n += 1
    used.add(candidate.lower())
    return candidate


def about_rows(
    title: str, filters: list[tuple[str, str]], problems=(), extra=(), *, now=None
) -> list[tuple[str, object]]:
    """The first sheet: what this file is, when it was made and with which filter."""
    now = timezone.localtime(now or timezone.now())
    rows = [
        (_("File"), title),
        (_("Exported on"), now.replace(microsecond=0)),
        *extra,
    ]
    if filters:
        rows += [(_("Filter: %(label)s") % {"label": label}, value) for label, value in filters]
    else:
        rows.append((_("Filter"), _("none: everything")))
    rows += [(_("Ignored: %(label)s") % {"label": label}, message) for label, message in problems]
    rows.append(
        (
            _("Note"),
            _(
                "Text that starts with =, +, - or @ has an apostrophe in front, so a "
                "spreadsheet never runs it as a formula."
            ),
        )
    )
    return rows


def write_workbook(target, tables: list[Table], about: list[tuple[str, object]]) -> None:
    """Write an XLSX to ``target`` (a path or a binary file) in openpyxl's write-only mode."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    used: set[str] = set()

    def cell(sheet, value, number_format=None, font=None):
        item = WriteOnlyCell(sheet, xlsx_value(value))
        if isinstance(item.value, datetime.datetime):
            item.number_format = DATETIME_FORMAT
        elif isinstance(item.value, datetime.date):
            item.number_format = DATE_FORMAT
        elif isinstance(item.value, datetime.time):
            item.number_format = TIME_FORMAT
        if number_format:
            item.number_format = number_format
        if font:
            item.font = font
        return item

    about_sheet = workbook.create_sheet(_sheet_title(_("About this file"), used))
    about_sheet.column_dimensions["A"].width = 30
    about_sheet.column_dimensions["B"].width = 80
    for label, value in about:
        about_sheet.append([cell(about_sheet, label, font=bold), cell(about_sheet, value)])
    about_sheet.append([])
    about_sheet.append([cell(about_sheet, _("Sheets"), font=bold)])
    for table in tables:
        about_sheet.append([cell(about_sheet, table.title)])

    wrap = Alignment(wrap_text=True, vertical="top")
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        # Write-only sheets take their layout before the first row.
        sheet.freeze_panes = "A2"
        for index, column in enumerate(table.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        header = []
        for column in table.columns:
            item = cell(sheet, column.header, font=bold)
            item.alignment = wrap
            header.append(item)
        sheet.append(header)
        for row in table.rows:
            values = []
            for value, column in zip(row, table.columns, strict=False):
                value = xlsx_value(value)
                # A styled cell only where a format is needed: plain values write faster.
                if column.number_format or isinstance(value, datetime.date | datetime.time):
                    value = cell(sheet, value, column.number_format)
                values.append(value)
            sheet.append(values)
    workbook.save(target)


def xlsx_response(tables, about, filename: str) -> FileResponse:
    """Build the workbook in an anonymous temporary file and stream it from there."""
    # Not a `with`: FileResponse closes it once sent, and the system then deletes it.
    spool = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        write_workbook(spool, tables, about)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def csv_value(value, *, decimal_comma: bool = False) -> str:
    """A cell as CSV text: ISO dates, HH:MM times, yes/no, and a decimal comma on request."""
    if value is None:
        return ""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, float | decimal.Decimal):
        if isinstance(value, decimal.Decimal):
            text = format(value, "f")
        else:
            # 61.0 hours reads as "61"; anything else in Python's shortest exact form.
            text = str(int(value)) if value.is_integer() else repr(value)
        return text.replace(".", ",") if decimal_comma else text
    return neutralise(str(value))


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


def csv_lines(table: Table, *, delimiter: str = ",") -> Iterator[str]:
    """The table as CSV text, line by line, starting with a byte-order mark.

    With ``;`` (what Excel in Dutch expects) numbers get a decimal comma as well: a Dutch
    spreadsheet reads "3.5" as text or a date.
    """
    language = translation.get_language()
    writer = csv.writer(_Echo(), delimiter=delimiter, lineterminator="\r\n")
    decimal_comma = delimiter == ";"
    # The response is iterated after the view returns; keep the view's language.
    with translation.override(language):
        yield BOM + writer.writerow([neutralise(str(c.header)) for c in table.columns])
    for row in table.rows:
        with translation.override(language):
            yield writer.writerow([csv_value(v, decimal_comma=decimal_comma) for v in row])


def csv_response(table: Table, filename: str, *, delimiter: str = ",") -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(table, delimiter=delimiter), content_type=CSV_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def write_csv(file, table: Table, *, delimiter: str = ",") -> None:
    """Write a table as CSV to an open text file (the command)."""
    for line in csv_lines(table, delimiter=delimiter):
        file.write(line)


def geojson_collection(places, moment) -> dict:
    """The places with coordinates as RFC 7946 (reusing the map's builder), plus staff facts."""
    places = list(places)
    collection = geojson.feature_collection(places, moment)
    by_slug = {place.slug: place for place in places}
    supervisors = SupervisorIndex()
    for feature in collection["features"]:
        place = by_slug[feature["id"]]
        week = place_week(place)
        found = supervisors.for_place(place)
        feature["properties"].update(
            {
                "cluster_number": place.cluster.number,
                "status": place.status,
                "status_label": str(place.get_status_display()),
                "building_status": place.building_status or None,
                "new_building_year": place.new_building_year,
                "published": place.published,
                "open_hours_per_week": _hours(week.open_minutes),
                "supervised_hours_per_week": _hours(week.supervised_minutes),
                "norm_percentage": week.percentage,
                "meets_norm": week.meets_norm,
                "cluster_managers": found.cluster_managers,
                "sports_coaches": found.sports_coaches,
            }
        )
    return collection


def geojson_response(collection: dict, filename: str) -> JsonResponse:
    response = JsonResponse(collection, content_type=GEOJSON_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


TOPIC_TITLES = {
    "plekken": gettext_lazy("Places"),
    "stand": gettext_lazy("Places by status"),
    "gebouwen": gettext_lazy("Buildings"),
    "norm": gettext_lazy("Norm per place"),
    "norm-clusters": gettext_lazy("Norm per cluster"),
    "begeleiding": gettext_lazy("Supervision"),
    "datakwaliteit": gettext_lazy("Data quality"),
    "aanbod": gettext_lazy("Activities in the week"),
    "aanbod-samenvatting": gettext_lazy("Offer in numbers"),
}
