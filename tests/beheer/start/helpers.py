"""What the start page's tests share: its address, the start page of a user and its
sections, weekly hours and schedules in a line."""

import datetime

from django.urls import reverse

from tests.beheer.conftest import client_for
from tests.conftest import TUESDAY_MORNING
from tests.factories import OpeningHoursFactory, ScheduleFactory

INDEX = reverse("admin:index")
TODAY = TUESDAY_MORNING.date()


def open_every_day(place):
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday)
    return place


def weekly(activity, weekday, start, end, **fields):
    return ScheduleFactory(
        activity=activity,
        weekdays=[weekday],
        start_time=datetime.time(*start),
        end_time=datetime.time(*end),
        **fields,
    )


def start(user):
    response = client_for(user).get(INDEX)
    assert response.status_code == 200
    return response


def sections(response) -> dict:
    return {section.key: section for section in response.context["start"].sections}


def titles(section) -> list[str]:
    return [item.title for item in section.items]


def change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
