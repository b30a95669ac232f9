"""The range of dates (ontmoeting/dates.py): what is refused, and what is stored at its ends.

Two halves. The database refuses a date outside the range in every field people fill in,
also when the models' validation is bypassed (``QuerySet.update``), and accepts both ends.
And with rows on both ends stored (a one-off on 31 December 2099 23:00–00:00, rules that run
from 1 January 2000 to the end, a thousand weeks from the last day, exceptions and
cancellations on both ends), every page, feed, download, API answer and admin page still
answers, with the clock at an ordinary moment and at both ends of the range.
"""

import datetime
import json
import re
import zipfile
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from activiteiten.filters import max_week
from activiteiten.models import Activity, Cancellation, Schedule
from api.filters import DATE_PATTERN
from locaties.models import Location, OpeningException
from ontmoeting import roles
from ontmoeting.dates import EARLIEST_DATE, LATEST_DATE
from overzichten.exports import TOPICS
from tests.conftest import module_data
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    ScheduleFactory,
)
from tests.overzichten.conftest import make_user

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DAY = datetime.timedelta(days=1)
T = datetime.time
MOMENTS = {
    "an ordinary day": datetime.datetime(2026, 12, 1, 12, 30, tzinfo=AMSTERDAM),
    "the first half hour of the range": datetime.datetime(2000, 1, 1, 0, 30, tzinfo=AMSTERDAM),
    "the last half hour of the range": datetime.datetime(2099, 12, 31, 23, 30, tzinfo=AMSTERDAM),
}

# (model, field, a row with the field set) for every stored date a person enters.
STORED_DATES = [
    (Schedule, "start_date"),
    (Schedule, "until"),
    (Cancellation, "date"),
    (OpeningException, "start_date"),
    (OpeningException, "end_date"),
    (Activity, "last_verified"),
    (Location, "last_verified"),
]


def a_row_of(model):
    if model is Schedule:
        return ScheduleFactory(start_date=datetime.date(2026, 12, 1))
    if model is Cancellation:
        return CancellationFactory()
    if model is OpeningException:
        return OpeningExceptionFactory(
            start_date=datetime.date(2026, 12, 24), end_date=datetime.date(2026, 12, 26)
        )
    if model is Activity:
        return ActivityFactory()
    return LocationFactory()


def ends_for(model, field) -> list[dict]:
    """Updates that put ``field`` on each end of the range and keep the row's other rules
    (an end date not before the start date)."""
    if (model, field) == (Schedule, "start_date"):
        return [{"start_date": EARLIEST_DATE}, {"start_date": LATEST_DATE}]
    if (model, field) == (Schedule, "until"):
        return [
            {"start_date": EARLIEST_DATE, "until": EARLIEST_DATE},
            {"until": LATEST_DATE},
        ]
    if model is OpeningException:
        return [
            {"start_date": EARLIEST_DATE, "end_date": EARLIEST_DATE},
            {"start_date": LATEST_DATE, "end_date": LATEST_DATE},
        ][:: 1 if field == "start_date" else -1]
    return [{field: EARLIEST_DATE}, {field: LATEST_DATE}]


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "field"), STORED_DATES)
def test_the_database_refuses_a_date_outside_the_range_and_takes_both_ends(model, field):
    row = a_row_of(model)
    rows = model.objects.filter(pk=row.pk)
    for outside in (EARLIEST_DATE - DAY, LATEST_DATE + DAY, datetime.date(9999, 12, 31)):
        changes = {field: outside}
        if model is OpeningException:
            # The other constraint (end not before start) must not be what refuses it.
            changes = {"start_date": outside, "end_date": outside}
        with pytest.raises(IntegrityError), transaction.atomic():
            rows.update(**changes)
    for changes in ends_for(model, field):
        assert rows.update(**changes) == 1
        assert getattr(rows.get(), field) == changes.get(field, getattr(row, field))


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "field"), STORED_DATES)
def test_the_models_say_so_in_dutch(model, field):
    row = a_row_of(model)
    setattr(row, field, datetime.date(9999, 12, 31))
    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        row.full_clean()
    assert caught.value.message_dict[field] == [
        "Vul een datum in uit de jaren 2000 tot en met 2099."
    ]


# --- Rows on both ends, and everything that reads them -------------------------------------


@pytest.fixture(scope="module")
def ends(django_db_setup, django_db_blocker):
    """Published places and activities whose dates lie on the ends of the range.

    Made with the factories, which save without the models' validation, and where that
    is not enough with ``QuerySet.update``, which also skips ``save()``: the stored last
    date of the thousand-week schedule stays what it was, as after a careless script.
    """
    with module_data(django_db_blocker):
        place = LocationFactory(
            name="Huis aan de rand",
            slug="huis-aan-de-rand",
            cluster__name="Rand",
            cluster__slug="rand",
            last_verified=EARLIEST_DATE,
        )
        for weekday in range(7):
            OpeningHoursFactory(location=place, weekday=weekday, opens=T(0, 0), closes=T(0, 0))
        OpeningExceptionFactory(
            location=place, start_date=EARLIEST_DATE, end_date=EARLIEST_DATE, reason="Nieuwjaar"
        )
        OpeningExceptionFactory(
            location=place,
            start_date=LATEST_DATE,
            end_date=LATEST_DATE,
            kind=OpeningException.Kind.SPECIAL_HOURS,
            opens=T(20, 0),
            closes=T(0, 0),
            reason="Oudejaarsavond",
        )
        # Closed for the whole range: "next opening" has nowhere to go.
        closed = LocationFactory(
            name="Dicht huis", slug="dicht-huis", cluster=place.cluster, last_verified=LATEST_DATE
        )
        OpeningHoursFactory(location=closed, weekday=0)
        OpeningExceptionFactory(
            location=closed, start_date=EARLIEST_DATE, end_date=LATEST_DATE, reason="Verbouwing"
        )

        def activity(slug, where=place, **fields):
            return ActivityFactory(title=slug.capitalize(), slug=slug, location=where, **fields)

        first = activity("eerste-keer", last_verified=EARLIEST_DATE)
        ScheduleFactory(
            activity=first,
            frequency=Schedule.Frequency.ONCE,
            weekdays=[],
            start_date=EARLIEST_DATE,
            start_time=T(0, 0),
            end_time=T(1, 0),
        )
        last = activity("laatste-keer", last_verified=LATEST_DATE)
        ScheduleFactory(
            activity=last,
            frequency=Schedule.Frequency.ONCE,
            weekdays=[],
            start_date=LATEST_DATE,
            start_time=T(23, 0),
            end_time=T(0, 0),
        )
        daily = activity("elke-dag")
        ScheduleFactory(
            activity=daily,
            start_date=EARLIEST_DATE,
            until=LATEST_DATE,
            weekdays=list(range(7)),
            start_time=T(23, 0),
            end_time=T(0, 0),  # midnight: the last one ends in the next century
        )
        CancellationFactory(activity=daily, date=EARLIEST_DATE, reason="Eerste dag")
        CancellationFactory(activity=daily, date=LATEST_DATE, reason="Laatste dag")
        endless = activity("zonder-einde", where=closed)
        ScheduleFactory(
            activity=endless, start_date=EARLIEST_DATE, weekdays=[5], interval=3
        )  # Saturdays, every three weeks, without end
        ScheduleFactory(
            activity=endless,
            frequency=Schedule.Frequency.MONTHLY,
            start_date=EARLIEST_DATE,
            until=LATEST_DATE,
            weekdays=[4],
            month_week=Schedule.MonthWeek.LAST,
        )
        thousand = activity("duizend-keer")
        schedule = ScheduleFactory(activity=thousand, start_date=LATEST_DATE, weekdays=[3], count=1)
        Schedule.objects.filter(pk=schedule.pk).update(count=1000)
        cancelled = activity("gestopt", status=Activity.Status.CANCELLED)
        ScheduleFactory(activity=cancelled, start_date=EARLIEST_DATE, until=LATEST_DATE)
        yield {
            "places": [place, closed],
            "activities": [first, last, daily, endless, thousand, cancelled],
        }


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def is_page(response, content) -> bool:
    return response["Content-Type"].startswith("text/html") and b"</html>" in content


def is_feed(response, content) -> bool:
    return response["Content-Type"].startswith("text/calendar") and (
        Calendar.from_ical(content).name == "VCALENDAR"
    )


def is_json(response, content) -> bool:
    return isinstance(json.loads(content), dict | list)


def is_xlsx(response, content) -> bool:
    return zipfile.ZipFile(BytesIO(content)).testzip() is None


def is_text(response, content) -> bool:
    return len(content.decode("utf-8-sig")) > 0


def public_urls(ends) -> list[tuple[str, object]]:
    place, closed = ends["places"]
    cluster = place.cluster
    sheet = reverse("overzichten:weekly_sheet", kwargs={"slug": cluster.slug})
    urls = [
        ("/", is_page),
        ("/?open_now=on&supervised_now=on", is_page),
        (reverse("locaties:geojson"), is_json),
        (reverse("clusters:list"), is_page),
        (cluster.get_absolute_url(), is_page),
        (reverse("clusters:ical", kwargs={"slug": cluster.slug}), is_feed),
        (reverse("activiteiten:agenda"), is_page),
        (reverse("activiteiten:agenda") + f"?week={max_week()}", is_page),
        (reverse("activiteiten:agenda_ical"), is_feed),
        (reverse("activiteiten:agenda_ical") + "?day=3&part=evening", is_feed),
        (sheet, is_page),
        (f"{sheet}?week_of={EARLIEST_DATE}", is_page),
        (f"{sheet}?week_of={LATEST_DATE}", is_page),
        ("/api/v1/places/", is_json),
        ("/api/v1/places.geojson", is_json),
        ("/api/v1/clusters/", is_json),
        (f"/api/v1/clusters/{cluster.slug}/", is_json),
        ("/api/v1/activities/", is_json),
        ("/api/v1/organisations/", is_json),
    ]
    for where in (place, closed):
        urls += [
            (where.get_absolute_url(), is_page),
            (reverse("locaties:ical", kwargs={"slug": where.slug}), is_feed),
            (f"/api/v1/places/{where.slug}/", is_json),
        ]
    # The API's longest window (93 days) on each end of the range.
    windows = [(EARLIEST_DATE, EARLIEST_DATE + 92 * DAY), (LATEST_DATE - 92 * DAY, LATEST_DATE)]
    for start, end in [*windows, (LATEST_DATE, LATEST_DATE)]:
        urls.append((f"/api/v1/occurrences/?start={start}&end={end}", is_json))
    for activity in ends["activities"]:
        urls += [
            (activity.get_absolute_url(), is_page),
            (reverse("activiteiten:ical", kwargs={"slug": activity.slug}), is_feed),
        ]
        if activity.status != Activity.Status.PUBLISHED:
            continue  # the API has published activities only
        urls.append((f"/api/v1/activities/{activity.slug}/", is_json))
        for start, end in windows:
            path = reverse("api:activity-occurrences", kwargs={"slug": activity.slug})
            urls.append((f"{path}?start={start}&end={end}", is_json))
    return urls


def staff_urls(ends) -> list[tuple[str, object]]:
    urls = [
        (reverse("overzichten:index"), is_page),
        (reverse("overzichten:norm"), is_page),
        (reverse("overzichten:supervision"), is_page),
        (reverse("overzichten:offer"), is_page),
        (reverse("overzichten:offer") + f"?week_of={EARLIEST_DATE}", is_page),
        (reverse("overzichten:offer") + f"?week_of={LATEST_DATE}", is_page),
        (reverse("overzichten:quality"), is_page),
        (reverse("overzichten:download_xlsx"), is_xlsx),
        (reverse("overzichten:download_offer_xlsx") + f"?week_of={LATEST_DATE}", is_xlsx),
        (reverse("overzichten:download_geojson"), is_json),
        (reverse("overzichten:download_ics"), is_feed),
    ]
    urls += [(reverse("overzichten:download_csv", args=[topic]), is_text) for topic in TOPICS]
    return urls


def admin_urls(ends) -> list[tuple[str, object]]:
    preview = reverse("admin:activiteiten_activity_schedule_preview")
    urls = [
        (reverse("admin:activiteiten_activity_changelist"), is_page),
        (reverse("admin:locaties_location_changelist"), is_page),
        (
            f"{preview}?start_date={LATEST_DATE}&start_time=23:00&end_time=00:00"
            f"&frequency=once&interval=1&cancelled={LATEST_DATE}",
            is_json,
        ),
        (
            f"{preview}?start_date={EARLIEST_DATE}&start_time=23:00&end_time=00:00"
            f"&frequency=weekly&interval=1&weekdays=5&until={LATEST_DATE}",
            is_json,
        ),
    ]
    urls += [
        (reverse("admin:activiteiten_activity_change", args=[a.pk]), is_page)
        for a in ends["activities"]
    ]
    urls += [
        (reverse("admin:locaties_location_change", args=[p.pk]), is_page) for p in ends["places"]
    ]
    return urls


@pytest.mark.parametrize(
    ("moment", "who"),
    [
        ("an ordinary day", ("public", "staff", "admin")),
        ("the last half hour of the range", ("public", "staff", "admin")),
        # The staff pages say nothing more about the first day than about any other.
        ("the first half hour of the range", ("public",)),
    ],
    ids=["ordinary", "last", "first"],
)
def test_every_answer_holds_with_rows_on_both_ends(ends, db, moment, who):
    failures = []
    with time_machine.travel(MOMENTS[moment], tick=False):
        # Logged in at that moment: sessions end after eight hours.
        staff = Client(raise_request_exception=False)
        staff.force_login(make_user("gemeente", roles.MUNICIPALITY))
        admin = Client(raise_request_exception=False)
        admin.force_login(make_user("beheerder", superuser=True))
        groups = {
            "public": (Client(raise_request_exception=False), public_urls(ends)),
            "staff": (staff, staff_urls(ends)),
            "admin": (admin, admin_urls(ends)),
        }
        for name in who:
            client, urls = groups[name]
            for url, looks_right in urls:
                response = client.get(url)
                if response.status_code != 200 or not looks_right(response, body(response)):
                    failures.append((url, response.status_code))
    assert failures == []


@time_machine.travel(MOMENTS["the last half hour of the range"], tick=False)
def test_the_last_one_off_is_listed_with_its_end_in_the_next_century(ends, db, client):
    """What the pages compute at the end is also right, not only free of errors."""
    last = ends["activities"][1]
    path = reverse("api:activity-occurrences", kwargs={"slug": last.slug})
    body = client.get(path, {"start": LATEST_DATE, "end": LATEST_DATE}).json()
    assert [(o["start"], o["end"]) for o in body["results"]] == [
        ("2099-12-31T23:00:00+01:00", "2100-01-01T00:00:00+01:00")
    ]
    (event,) = Calendar.from_ical(
        client.get(reverse("activiteiten:ical", kwargs={"slug": last.slug})).content
    ).events
    assert event.end == datetime.datetime(2100, 1, 1, tzinfo=AMSTERDAM)
    page = client.get(last.get_absolute_url()).content.decode()
    assert "31 december 2099" in page


def test_the_range_in_the_api_schema_is_the_range():
    """The API's date pattern (in its OpenAPI schema) says the years of ontmoeting/dates.py."""
    for day, fits in [
        (EARLIEST_DATE, True),
        (LATEST_DATE, True),
        (EARLIEST_DATE - DAY, False),
        (LATEST_DATE + DAY, False),
    ]:
        assert bool(re.fullmatch(DATE_PATTERN, day.isoformat())) is fits, day
