"""What the activity admin's tests share: the moment they run at, the admin's addresses,
rows of the schedule and cancellation inlines, the schedule preview's parameters."""

import datetime
import re

from django.urls import reverse

from tests.admin_helpers import change_url, form_data
from tests.factories import LocationFactory, OpeningExceptionFactory, OpeningHoursFactory

# A Monday. Earlier than the tests' logins, so their sessions stay valid.
NOON = datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
CHANGELIST = reverse("admin:activiteiten_activity_changelist")
PREVIEW = reverse("admin:activiteiten_activity_schedule_preview")


def run_action(client, action, activities):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [a.pk for a in activities]},
        follow=True,
    )


def schedule_row(**overrides):
    return {
        "start_date": "2026-12-01",
        "start_time": "10:00",
        "end_time": "12:00",
        "frequency": "weekly",
        "interval": "1",
        **overrides,
    }


def cancellation(date, reason=""):
    return {"date": date, "reason": reason}


def with_cancellation(client, activity, date):
    data = form_data(client.get(change_url(activity)))
    # The page has one empty row for typing a date without JavaScript: fill that one.
    data["cancellations-0-date"] = date
    data["cancellations-0-reason"] = "Zaal bezet"
    return data


def preview_params(**overrides):
    return {
        "start_date": "2026-12-01",
        "start_time": "10:00",
        "end_time": "12:00",
        "frequency": "weekly",
        "interval": "1",
        "weekdays": ["1"],
        **overrides,
    }


def page_text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


def magneet(**kwargs):
    """De Magneet: open on weekdays 08:30–11:00, closed on public holidays and on 8 December."""
    place = LocationFactory(name="De Magneet", **kwargs)
    for weekday in range(5):
        OpeningHoursFactory(location=place, weekday=weekday, closes=datetime.time(11))
    OpeningExceptionFactory(location=place, start_date=datetime.date(2026, 12, 8), reason="")
    return place
