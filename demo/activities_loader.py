"""Write the demo activities, each with its schedule and, for some, a cancelled date."""

from __future__ import annotations

import datetime

from django.utils.text import slugify

from activiteiten import schedules as schedule_rules
from activiteiten.models import Activity, Cancellation, Schedule, TargetGroup, Theme

from .activities import ACTIVITIES, DemoActivity, Monthly, Once, Weekly
from .records import parse_time, upsert, validate
from .sources import DemoDataError


def activity_slug(item: DemoActivity) -> str:
    return slugify(item.title)


def _schedule(activity: Activity, when, today: datetime.date) -> Schedule:
    monday = today - datetime.timedelta(days=today.weekday())
    schedule = Schedule(
        activity=activity, start_time=parse_time(when.start), end_time=parse_time(when.end)
    )
    if isinstance(when, Weekly):
        # Four weeks back: a multiple of every 1, 2 and 4 weeks, so this week has a date.
        schedule.frequency = Schedule.Frequency.WEEKLY
        schedule.start_date = monday - datetime.timedelta(weeks=4)
        schedule.weekdays = list(when.days)
        schedule.interval = when.every
        schedule.count = when.count
        if when.until_in_days is not None:
            schedule.until = today + datetime.timedelta(days=when.until_in_days)
    elif isinstance(when, Monthly):
        last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        schedule.frequency = Schedule.Frequency.MONTHLY
        schedule.start_date = last_month
        schedule.weekdays = [when.day]
        schedule.month_week = when.week
    elif isinstance(when, Once):
        schedule.frequency = Schedule.Frequency.ONCE
        schedule.start_date = today + datetime.timedelta(days=when.in_days)
    else:  # pragma: no cover - a programming error in activities.py
        raise DemoDataError(f"Unknown schedule {when!r} for {activity.slug}.")
    return schedule


def load_activities(organisations, locations_by_slug, people, today) -> list[Activity]:
    themes = Theme.objects.in_bulk(field_name="slug")
    groups = TargetGroup.objects.in_bulk(field_name="slug")
    slugs = [activity_slug(item) for item in ACTIVITIES]
    if len(set(slugs)) != len(slugs):
        raise DemoDataError("Two demo activities have the same title; titles must be unique.")
    activities = []
    for position, item in enumerate(ACTIVITIES):
        missing = [s for s in item.themes if s not in themes] + [
            s for s in item.groups if s not in groups
        ]
        if missing:
            raise DemoDataError(
                f"Themes or target groups {missing} of {item.title!r} do not exist: "
                "run 'manage.py migrate' first (it seeds them)."
            )
        if (
            item.organiser not in organisations
            or item.place not in locations_by_slug
            or (item.contact and item.contact not in people)
        ):
            raise DemoDataError(
                f"Demo activity {item.title!r} names an unknown organiser, place or contact."
            )
        activity = upsert(
            Activity,
            {"slug": activity_slug(item)},
            {
                "title": item.title,
                "description": item.description,
                "organiser": organisations[item.organiser],
                "location": locations_by_slug[item.place],
                "room": item.room,
                "support_need_welcome": item.support,
                "is_free": not item.cost,
                "cost": item.cost,
                "registration_required": bool(item.registration),
                "registration_info": item.registration,
                "contact_person": people[item.contact] if item.contact else None,
                "status": Activity.Status.DRAFT if item.draft else Activity.Status.PUBLISHED,
                "last_verified": (
                    today - datetime.timedelta(days=3 + 4 * (position % 12))
                    if item.verified
                    else None
                ),
            },
        )
        activity.themes.set([themes[slug] for slug in item.themes])
        activity.target_groups.set([groups[slug] for slug in item.groups])
        activity.schedules.all().delete()
        activity.cancellations.all().delete()
        schedule = _schedule(activity, item.when, today)
        validate(schedule, activity.slug, exclude=["activity"])
        schedule.save()
        if item.cancel:
            _cancel_a_coming_date(activity, schedule, item.cancel, today)
        activities.append(activity)
    return activities


def _cancel_a_coming_date(activity, schedule, reason: str, today: datetime.date) -> None:
    """Cancel the first date at least a week ahead, so the agenda shows a cancellation."""
    after = datetime.datetime.combine(today + datetime.timedelta(days=7), datetime.time.min)
    upcoming = schedule_rules.rule(schedule).after(after, inc=True)
    if upcoming is not None:
        cancellation = Cancellation(activity=activity, date=upcoming.date(), reason=reason)
        validate(cancellation, activity.slug, exclude=["activity"])
        cancellation.save()
