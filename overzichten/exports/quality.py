"""The data-quality gaps, each with a link to where it is put right in the admin."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ..reports.quality import NOT_VERIFIED_DAYS, QualityReport
from .links import Links
from .tables import Column, Table, date_column, text_column


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
