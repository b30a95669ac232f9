"""The offer: the activities in the week, and their numbers by theme, group, organiser, place."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..reports.common import in_hours
from ..reports.offer import OfferReport
from .links import Links
from .tables import Table, date_column, number_column, text_column, time_column, words


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
                in_hours(int((occurrence.end - occurrence.start).total_seconds() // 60)),
                activity.title,
                activity.location.name,
                str(activity.location.cluster),
                activity.organiser.name,
                words([str(t) for t in activity.themes.all()]),
                words([str(g) for g in activity.target_groups.all()]),
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
