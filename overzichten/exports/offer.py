"""The offer: the activities in the week, and their numbers by theme, group, organiser, place."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..reports.common import in_hours
from ..reports.offer import OfferCount, OfferReport
from .links import Links
from .tables import Table, date_column, number_column, text_column, time_column, words


def _clock(moment: datetime.datetime) -> datetime.time:
    return timezone.localtime(moment).time().replace(second=0, microsecond=0)


def _duration(occurrence) -> float:
    return in_hours(int((occurrence.end - occurrence.start).total_seconds() // 60))


def offer_table(report: OfferReport, links: Links) -> Table:
    columns = [
        date_column(_("Date"), lambda occurrence: timezone.localtime(occurrence.start).date()),
        time_column(_("Start"), lambda occurrence: _clock(occurrence.start)),
        time_column(_("End"), lambda occurrence: _clock(occurrence.end)),
        number_column(pgettext("duration in hours", "Hours"), _duration, 8),
        text_column(_("Activity"), "activity.title", 32),
        text_column(_("Place"), "activity.location.name", 28),
        text_column(_("Cluster"), lambda occurrence: str(occurrence.activity.location.cluster), 22),
        text_column(_("Organiser"), "activity.organiser.name", 24),
        text_column(_("Themes"), lambda occurrence: words(occurrence.activity.themes.all()), 28),
        text_column(
            _("Target groups"),
            lambda occurrence: words(occurrence.activity.target_groups.all()),
            28,
        ),
        text_column(
            _("Page"), lambda occurrence: links(occurrence.activity.get_absolute_url()), 40
        ),
    ]
    return Table(columns, report.occurrences)


class CountBy(NamedTuple):
    by: str  # the theme, target group … that is counted
    count: OfferCount


def _counts(report: OfferReport) -> Iterator[CountBy]:
    for by, counts in (
        (_("Theme"), report.themes),
        (_("Target group"), report.target_groups),
        (_("Organiser"), report.organisers),
        (_("Cluster"), report.clusters),
        (_("Place"), report.places),
    ):
        for count in counts:
            yield CountBy(by, count)


def offer_summary_table(report: OfferReport) -> Table:
    columns = [
        text_column(_("By"), "by", 14),
        text_column(_("Name"), "count.label", 32),
        number_column(
            pgettext("number of times an activity takes place", "Times"), "count.occurrences"
        ),
        number_column(_("Activities"), "count.activity_count"),
        number_column(pgettext("duration in hours", "Hours"), "count.hours"),
    ]
    return Table(columns, _counts(report))
