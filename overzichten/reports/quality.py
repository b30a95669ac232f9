"""The data-quality gaps among the places and their published activities."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from activiteiten import schedules as schedule_rules
from activiteiten.models import Activity, Schedule
from locaties.filters import LocationFilter
from locaties.models import Location, OpeningHours

from .supervision import SupervisorIndex

NOT_VERIFIED_DAYS = 90


def has_ended(schedule, today: datetime.date) -> bool:
    """Whether a schedule has no dates from ``today`` on: until passed or count used up."""
    if schedule.frequency != Schedule.Frequency.ONCE and not (schedule.until or schedule.count):
        return False
    midnight = datetime.datetime.combine(today, datetime.time.min)
    return schedule_rules.rule(schedule).after(midnight, inc=True) is None


@dataclass
class EndedSchedule:
    activity: Activity
    schedule: Schedule
    last: datetime.date | None


@dataclass
class QualityReport:
    no_coordinates: list[Location]
    no_hours: list[Location]
    no_supervisor: list[Location]
    not_verified: list[Activity]
    ended_schedules: list[EndedSchedule]
    published_at_unpublished: list[Activity]
    verified_before: datetime.date

    @property
    def total(self) -> int:
        return sum(
            len(items)
            for items in (
                self.no_coordinates,
                self.no_hours,
                self.no_supervisor,
                self.not_verified,
                self.ended_schedules,
                self.published_at_unpublished,
            )
        )


def quality_report(filterset: LocationFilter, today: datetime.date) -> QualityReport:
    """The data-quality gaps among the filtered places and their published activities.

    * "Not verified": published activities whose ``last_verified`` is empty or more than
      90 days ago.
    * "Ended schedules": schedules of *published* activities that have no date from today
      on (``until`` passed, ``count`` used up, or a one-off in the past), listed only when
      the activity has no other schedule that is still running. An activity with past and
      future schedules is fine; a published activity with nothing left to show is not.
    """
    place_ids = filterset.qs.order_by().values("pk")
    places = list(
        filterset.qs.annotate(
            has_hours=Exists(OpeningHours.objects.filter(location=OuterRef("pk")))
        )
        .select_related("cluster")
        .order_by("cluster__number", "name", "pk")
    )
    supervisors = SupervisorIndex()
    verified_before = today - datetime.timedelta(days=NOT_VERIFIED_DAYS)
    published = (
        Activity.objects.filter(status=Activity.Status.PUBLISHED, location__in=place_ids)
        .select_related("location", "location__cluster", "organiser")
        .order_by("location__cluster__number", "title", "pk")
    )
    # SQL narrows to activities that may have ended (no open-ended or future schedule);
    # Python then checks the count-limited rules, which SQL cannot expand.
    schedules = Schedule.objects.filter(activity=OuterRef("pk"))
    running = schedules.filter(
        Q(until__gte=today)
        | Q(frequency=Schedule.Frequency.ONCE, start_date__gte=today)
        | (~Q(frequency=Schedule.Frequency.ONCE) & Q(until__isnull=True, count__isnull=True))
    )
    candidates = published.filter(Exists(schedules)).exclude(Exists(running))
    ended = []
    for activity in candidates.prefetch_related("schedules"):
        plans = list(activity.schedules.all())
        if plans and all(has_ended(s, today) for s in plans):
            ended.extend(EndedSchedule(activity, s, schedule_rules.last_date(s)) for s in plans)
    return QualityReport(
        no_coordinates=[p for p in places if not p.has_coordinates],
        no_hours=[p for p in places if not p.has_hours],
        no_supervisor=[p for p in places if supervisors.for_place(p).none],
        not_verified=list(
            published.filter(Q(last_verified__isnull=True) | Q(last_verified__lt=verified_before))
        ),
        ended_schedules=ended,
        published_at_unpublished=list(published.filter(location__published=False)),
        verified_before=verified_before,
    )
