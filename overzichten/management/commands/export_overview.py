"""Write an overview to a file, for scheduled reports (cron, a systemd timer …).

    manage.py export_overview --format xlsx --cluster 3 --output cluster3.xlsx
    manage.py export_overview --format csv --topic norm --output norm.csv --sep ";"
    manage.py export_overview --format geojson --output plekken.geojson
    manage.py export_overview --format ics --cluster 3 --output cluster3.ics

The file holds what the overview pages and their downloads hold for the same cluster.
It is written next to its destination and then renamed, so a reader never finds half a
file.
"""

import contextlib
import datetime
import json
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict
from django.utils import timezone, translation

import instellingen
from activiteiten import ical
from activiteiten.models import Activity
from clusters.models import Cluster
from ontmoeting.dates import EARLIEST_DATE, LATEST_DATE, in_range
from overzichten.reports.common import filtered_places, overview_filter, week_start

from ... import exports

FORMATS = ("xlsx", "csv", "geojson", "ics")


@contextlib.contextmanager
def atomic_file(path: Path, *, binary: bool):
    """A temporary file beside ``path``, renamed onto it only when everything was written."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    # newline="": the csv module writes its own line endings.
    file = (
        os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="")
    )
    try:
        with file:
            yield file
    except BaseException:
        os.unlink(temporary)
        raise
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


class Command(BaseCommand):
    help = "Export the overviews (all places, or one cluster) as XLSX, CSV, GeoJSON or iCalendar."

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=FORMATS, help="The file format.")
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument(
            "--cluster", type=int, help="The cluster's number; leave out for the whole city."
        )
        parser.add_argument(
            "--topic",
            choices=exports.TOPICS,
            help="For CSV (one table per file): which topic. Required with --format csv.",
        )
        parser.add_argument(
            "--week",
            type=datetime.date.fromisoformat,
            help="Any day (YYYY-MM-DD) of the week whose activities to count; default this week.",
        )
        parser.add_argument("--sep", choices=[",", ";"], default=",", help="CSV separator.")
        parser.add_argument(
            "--base-url",
            default=os.environ.get("SITE_URL", "http://localhost:8000"),
            help="The site's address, for the links in the file (default: $SITE_URL).",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The language of headings and labels.",
        )

    def handle(self, *args, **options):
        fmt = options["format"]
        if fmt == "csv" and not options["topic"]:
            raise CommandError(
                "A CSV file holds one table: choose it with --topic ("
                + ", ".join(exports.TOPICS)
                + ")."
            )
        if options["topic"] and fmt != "csv":
            raise CommandError("--topic only applies to --format csv.")
        if options["week"] and not in_range(options["week"]):
            raise CommandError(
                f"--week must be a day in the years {EARLIEST_DATE.year} to {LATEST_DATE.year}."
            )
        cluster = self.cluster(options["cluster"])
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"The folder {output.parent} does not exist.")
        with translation.override(options["language"]):
            written = self.export(fmt, cluster, output, options)
        where = f"cluster {cluster}" if cluster else "all clusters"
        self.stdout.write(f"Wrote {fmt.upper()} for {where} to {written}.")

    def cluster(self, number: int | None) -> Cluster | None:
        if number is None:
            return None
        try:
            return Cluster.objects.get(number=number)
        except Cluster.DoesNotExist:
            known = ", ".join(str(c) for c in Cluster.objects.order_by("number")) or "none"
            raise CommandError(
                f"There is no cluster number {number}. The clusters are: {known}."
            ) from None

    def export(self, fmt: str, cluster, output: Path, options) -> Path:
        now = timezone.now()
        monday = week_start(options["week"] or timezone.localdate(now))
        links = exports.Links(options["base_url"])
        data = QueryDict(mutable=True)
        if cluster:
            data["cluster"] = cluster.slug
        filterset = overview_filter(data, now=now)
        with atomic_file(output, binary=fmt in ("xlsx", "ics")) as file:
            if fmt == "xlsx":
                tables = exports.everything_tables(filterset, links, now=now, monday=monday)
                week = (
                    translation.gettext("Week of the activities"),
                    f"{monday:%d-%m-%Y} – {monday + datetime.timedelta(days=6):%d-%m-%Y}",
                )
                about = exports.about_rows(
                    translation.gettext("Overview of the meeting places"),
                    filterset.described(),
                    extra=[week],
                    now=now,
                )
                exports.write_workbook(file, tables, about)
            elif fmt == "csv":
                (table,) = exports.everything_tables(
                    filterset, links, now=now, monday=monday, topics=[options["topic"]]
                )
                exports.write_csv(file, table, delimiter=options["sep"])
            elif fmt == "geojson":
                places = filtered_places(filterset, exceptions=True).with_coordinates()
                json.dump(exports.geojson_collection(places, now), file, ensure_ascii=False)
            else:
                activities = Activity.objects.published()
                if cluster:
                    activities = activities.in_cluster(cluster)
                calendar = ical.build_calendar(
                    activities.for_feed(since=ical.feed_since(now)),
                    name=translation.gettext("Activities in %(city)s")
                    % {"city": cluster.name if cluster else instellingen.current().city_name},
                    request=exports.BaseUrlRequest(options["base_url"]),
                    now=now,
                )
                file.write(calendar.to_ical())
        return output
