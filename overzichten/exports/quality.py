"""The data-quality gaps, each with a link to where it is put right in the admin."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from activiteiten.models import Activity
from locaties.models import Location

from ..reports.quality import NOT_VERIFIED_DAYS, QualityReport
from .links import Links
from .tables import Column, Table, date_column, text_column


@dataclass
class Finding:
    """A problem with a place or an activity: ``record``, which is changed in the admin."""

    problem: str
    record: Location | Activity
    details: str = ""
    date: datetime.date | None = None

    @property
    def is_place(self) -> bool:
        return isinstance(self.record, Location)

    @property
    def place(self) -> Location:
        return self.record if self.is_place else self.record.location


def _findings(report: QualityReport) -> Iterator[Finding]:
    for problem, places in (
        (_("No coordinates"), report.no_coordinates),
        (_("No opening hours"), report.no_hours),
        (_("No cluster manager or sports coach"), report.no_supervisor),
    ):
        for place in places:
            yield Finding(problem, place)
    not_verified = _("Not verified for %(days)d days") % {"days": NOT_VERIFIED_DAYS}
    for activity in report.not_verified:
        yield Finding(not_verified, activity, activity.location.name, activity.last_verified)
    for ended in report.ended_schedules:
        yield Finding(_("Schedule has ended"), ended.activity, str(ended.schedule), ended.last)
    for activity in report.published_at_unpublished:
        yield Finding(
            _("Published activity at an unpublished place"), activity, activity.location.name
        )


def quality_table(report: QualityReport, links: Links) -> Table:
    def admin(finding: Finding) -> str:
        meta = finding.record._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[finding.record.pk])
        return links(url)

    columns = [
        text_column(_("Problem"), "problem", 34),
        Column(_("Kind"), lambda finding: _("place") if finding.is_place else _("activity"), 10),
        # A place's name, an activity's title.
        text_column(_("Name"), lambda finding: str(finding.record), 32),
        text_column(_("Cluster"), lambda finding: str(finding.place.cluster), 22),
        text_column(_("Details"), "details", 32),
        date_column(_("Date"), "date"),
        text_column(_("Change in the admin"), admin, 40),
    ]
    return Table(columns, _findings(report))
