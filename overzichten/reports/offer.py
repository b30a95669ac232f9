"""What the activities offer in a week: times, activities and hours per theme, organiser, place …"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .common import HoursOf, in_hours, week_bounds


@dataclass
class OfferCount:
    """Occurrences, distinct activities and hours for one theme, organiser, place …"""

    key: str
    label: str
    occurrences: int = 0
    activities: set = field(default_factory=set)
    minutes: int = 0

    @property
    def activity_count(self) -> int:
        return len(self.activities)

    hours = HoursOf("minutes")

    def add(self, occurrence) -> None:
        self.occurrences += 1
        self.activities.add(occurrence.activity.pk)
        self.minutes += int((occurrence.end - occurrence.start).total_seconds() // 60)


@dataclass
class OfferReport:
    monday: datetime.date
    occurrences: list
    themes: list[OfferCount]
    target_groups: list[OfferCount]
    organisers: list[OfferCount]
    clusters: list[OfferCount]
    places: list[OfferCount]

    @property
    def sunday(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=6)

    @property
    def activity_count(self) -> int:
        return len({o.activity.pk for o in self.occurrences})

    @property
    def total_hours(self) -> float:
        minutes = sum((o.end - o.start).total_seconds() // 60 for o in self.occurrences)
        return in_hours(minutes)


def _tally(occurrences, keys) -> list[OfferCount]:
    """Count occurrences per key; ``keys(occurrence)`` gives (key, label) pairs."""
    counts: dict[str, OfferCount] = {}
    for occurrence in occurrences:
        for key, label in keys(occurrence):
            counts.setdefault(key, OfferCount(key, label)).add(occurrence)
    return sorted(counts.values(), key=lambda c: (-c.occurrences, c.label.lower()))


def offer_report(activities, monday: datetime.date, *, keep=None, places=None) -> OfferReport:
    """What ``activities`` offer in the week from ``monday``: dates that do not go ahead
    (cancelled, or on a day their place is closed) left out.

    ``keep`` narrows the occurrences further (the agenda filter's day and part of day);
    ``places`` (a list) adds those without any activity that week to the hours per place.
    An occurrence with two themes counts once for each theme; one without a theme counts
    under "no theme", so each list adds up to at least the number of occurrences.
    """
    start, end = week_bounds(monday)
    occurrences = activities.occurrences(start, end)
    if keep is not None:
        occurrences = keep(occurrences)
    no_theme, no_group = str(_("(no theme)")), str(_("(no target group)"))
    themes = _tally(
        occurrences,
        lambda o: [(t.slug, str(t)) for t in o.activity.themes.all()] or [("", no_theme)],
    )
    groups = _tally(
        occurrences,
        lambda o: [(g.slug, str(g)) for g in o.activity.target_groups.all()] or [("", no_group)],
    )
    organisers = _tally(
        occurrences, lambda o: [(o.activity.organiser.slug, o.activity.organiser.name)]
    )
    clusters = _tally(
        occurrences,
        lambda o: [(o.activity.location.cluster.slug, str(o.activity.location.cluster))],
    )
    per_place = _tally(
        occurrences, lambda o: [(o.activity.location.slug, o.activity.location.name)]
    )
    if places is not None:
        seen = {c.key for c in per_place}
        per_place += [OfferCount(p.slug, p.name) for p in places if p.slug not in seen]
    return OfferReport(monday, occurrences, themes, groups, organisers, clusters, per_place)
