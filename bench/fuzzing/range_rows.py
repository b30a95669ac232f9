"""Rows on both ends of the date range, added for the run and removed afterwards."""

from __future__ import annotations

import datetime

RANGE_SLUG = "fuzz-range-"
# The script that adds them, as the exceptions' reason; kept when the code moved, so that
# rows a killed run of the earlier layout left behind are still found and removed.
RANGE_REASON = "bench/fuzz.py"


def remove_range_rows() -> int:
    """Delete what add_range_rows made (also what a run that was killed left behind)."""
    from activiteiten.models import Activity
    from locaties.models import OpeningException

    found = Activity.objects.filter(slug__startswith=RANGE_SLUG)
    count = found.count()
    found.delete()
    OpeningException.objects.filter(reason=RANGE_REASON).delete()
    return count


def add_range_rows(place_slug: str) -> list[str]:
    """Rows on both ends of ontmoeting/dates.py's range at the place ``place_slug``; returns
    the activities' slugs. Bulk-created, so no history rows are written for them (and each
    schedule's stored last date is set by hand, as Schedule.save would)."""
    from activiteiten.models import Activity, Cancellation, Schedule
    from locaties.models import Location, OpeningException, Organisation
    from ontmoeting.dates import EARLIEST_DATE, LATEST_DATE

    place = Location.objects.get(slug=place_slug)
    organiser = Organisation.objects.order_by("pk").first()
    OpeningException.objects.bulk_create(
        [
            OpeningException(
                location=place,
                start_date=EARLIEST_DATE,
                end_date=EARLIEST_DATE,
                reason=RANGE_REASON,
            ),
            OpeningException(
                location=place,
                start_date=LATEST_DATE,
                end_date=LATEST_DATE,
                kind=OpeningException.Kind.SPECIAL_HOURS,
                opens=datetime.time(20, 0),
                closes=datetime.time(0, 0),
                reason=RANGE_REASON,
            ),
        ]
    )
    last, daily = Activity.objects.bulk_create(
        [
            Activity(
                title="Laatste keer (fuzz)",
                slug=f"{RANGE_SLUG}laatste-keer",
                organiser=organiser,
                location=place,
                status=Activity.Status.PUBLISHED,
            ),
            Activity(
                title="Elke dag\nvan 2000 tot 2100 (fuzz)",
                slug=f"{RANGE_SLUG}elke-dag",
                organiser=organiser,
                location=place,
                room="Zaal\t1",
                status=Activity.Status.PUBLISHED,
            ),
        ]
    )
    midnight, eleven = datetime.time(0, 0), datetime.time(23, 0)
    added = Schedule.objects.bulk_create(
        [
            Schedule(
                activity=last,
                frequency=Schedule.Frequency.ONCE,
                start_date=LATEST_DATE,
                start_time=eleven,
                end_time=midnight,
                last_date=LATEST_DATE,
            ),
            Schedule(
                activity=daily,
                start_date=EARLIEST_DATE,
                until=LATEST_DATE,
                weekdays=list(range(7)),
                start_time=eleven,
                end_time=midnight,
                last_date=LATEST_DATE,
            ),
        ]
    )
    from activiteiten.services import schedule_dates_refresh

    schedule_dates_refresh(schedule_ids=[s.pk for s in added])  # bulk_create sends no signal
    Cancellation.objects.bulk_create(
        [Cancellation(activity=daily, date=day) for day in (EARLIEST_DATE, LATEST_DATE)]
    )
    return [last.slug, daily.slug]


def range_urls(slugs: list[str]) -> dict[str, dict]:
    from django.urls import reverse

    urls = {}
    for slug in slugs:
        urls[f"(range end) {slug} page"] = {
            "path": reverse("activiteiten:detail", kwargs={"slug": slug}),
            "family": "other",
        }
        urls[f"(range end) {slug} feed"] = {
            "path": reverse("activiteiten:ical", kwargs={"slug": slug}),
            "family": "other",
        }
        urls[f"(range end) {slug} API occurrences"] = {
            "path": reverse("api:activity-occurrences", kwargs={"slug": slug}),
            "family": "api_activities",
        }
    return urls
