import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from activiteiten import schedules
from activiteiten.models import Activity, Schedule
from activiteiten.schedules import next_date
from beheer import roles
from tests.admin_helpers import (
    add_rows,
    change_url,
    form_data,
    history_url,
    inline_tags,
    page_text,
    staff_client,
)
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    PersonFactory,
    ScheduleFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))


@pytest.fixture(autouse=True)
def english_admin(admin_client):
    """These tests read the admin's English texts; the site itself defaults to Dutch."""
    admin_client.cookies["django_language"] = "en"


MODELS = ["activity", "theme", "targetgroup"]
CHANGELIST = reverse("admin:activiteiten_activity_changelist")


@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_add_page(admin_client, activity, model):
    for page in ("changelist", "add"):
        response = admin_client.get(reverse(f"admin:activiteiten_{model}_{page}"))
        assert response.status_code == 200, page


def test_change_pages(admin_client):
    activity = ActivityFactory(contact_person=PersonFactory())
    activity.themes.add(theme := ThemeFactory())
    activity.target_groups.add(group := TargetGroupFactory())
    ScheduleFactory(activity=activity)
    CancellationFactory(activity=activity)
    for obj in (activity, theme, group):
        assert admin_client.get(change_url(obj)).status_code == 200, obj


def test_change_page_describes_the_schedule(admin_client):
    schedule = ScheduleFactory()
    with translation.override("en"):
        response = admin_client.get(
            change_url(schedule.activity), headers={"accept-language": "en"}
        )
        expected = str(schedule)
    assert expected == "every week on Tuesday, 10:00–12:00"
    assert expected in response.content.decode()


@pytest.mark.parametrize("rows", [5, 30])
def test_activity_changelist_runs_bounded_queries(
    admin_client, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        activity = ActivityFactory(location=LocationFactory(), organiser=OrganisationFactory())
        activity.themes.add(ThemeFactory())
        activity.target_groups.add(TargetGroupFactory())
        ScheduleFactory(activity=activity)
        ScheduleFactory(activity=activity, weekdays=[3], end_time=datetime.time(16))
        CancellationFactory(activity=activity)
    # One of them reads the places' exceptions: "next date" skips the days a place is closed;
    # one the header's organisations and clusters of the user.
    with django_assert_max_num_queries(13):
        response = admin_client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == rows


def test_next_date_skips_cancelled_days():
    # Tuesdays from 1 December 2026; 8 December is cancelled.
    activity = CancellationFactory(date=datetime.date(2026, 12, 8)).activity
    ScheduleFactory(activity=activity)
    ScheduleFactory(activity=activity, weekdays=[4], count=2)  # Fridays 4 and 11 December
    activity = Activity.objects.prefetch_related("schedules", "cancellations").get()

    assert next_date(activity, datetime.date(2026, 11, 1)) == datetime.date(2026, 12, 1)
    assert next_date(activity, datetime.date(2026, 12, 5)) == datetime.date(2026, 12, 11)
    assert next_date(activity, datetime.date(2026, 12, 12)) == datetime.date(2026, 12, 15)


def test_next_date_is_empty_when_the_schedule_has_ended():
    schedule = ScheduleFactory(until=datetime.date(2026, 12, 31))
    activity = Activity.objects.prefetch_related("schedules", "cancellations").get()
    assert next_date(activity, datetime.date(2027, 1, 1)) is None
    assert schedule.activity == activity


# --- The schedule inline ------------------------------------------------------------


def schedule_row(**overrides):
    return {
        "start_date": "2026-12-01",
        "start_time": "10:00",
        "end_time": "12:00",
        "frequency": "weekly",
        "interval": "1",
        **overrides,
    }


def test_inline_prefixes_are_what_the_tests_post(admin_client, activity):
    response = admin_client.get(change_url(activity))
    prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    assert prefixes == ["schedules", "cancellations"]


def test_schedule_with_weekday_checkboxes_is_saved(admin_client, activity):
    data = form_data(admin_client.get(change_url(activity)))
    add_rows(data, "schedules", [schedule_row(interval="2", weekdays=["3", "1"], count="10")])

    response = admin_client.post(change_url(activity), data)

    assert response.status_code == 302
    schedule = activity.schedules.get()
    assert schedule.weekdays == [1, 3]
    assert schedule.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=10"


def test_saved_weekdays_are_ticked(admin_client):
    schedule = ScheduleFactory(weekdays=[1, 3])
    response = admin_client.get(change_url(schedule.activity))
    form = response.context["inline_admin_formsets"][0].formset.forms[0]
    ticked = [w.data["value"] for w in form["weekdays"].subwidgets if w.data["selected"]]
    assert ticked == [1, 3]


def test_weekly_schedule_without_days_is_rejected(admin_client, activity):
    data = form_data(admin_client.get(change_url(activity)))
    add_rows(data, "schedules", [schedule_row()])

    response = admin_client.post(change_url(activity), data)

    assert response.status_code == 200
    form = response.context["inline_admin_formsets"][0].formset.forms[0]
    with translation.override("en"):
        assert form.errors["weekdays"] == ["Choose at least one day."]
    assert not Schedule.objects.exists()


def test_editing_a_schedule_keeps_its_days(admin_client):
    schedule = ScheduleFactory(weekdays=[1, 3])
    data = form_data(admin_client.get(change_url(schedule.activity)))
    data["schedules-0-end_time"] = "13:00"

    response = admin_client.post(change_url(schedule.activity), data)

    assert response.status_code == 302
    schedule.refresh_from_db()
    assert (schedule.weekdays, schedule.end_time) == ([1, 3], datetime.time(13))


# --- Actions ------------------------------------------------------------------------


def run_action(client, action, activities):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [a.pk for a in activities]},
        follow=True,
    )


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("publish", Activity.Status.DRAFT, Activity.Status.PUBLISHED),
        ("unpublish", Activity.Status.PUBLISHED, Activity.Status.DRAFT),
    ],
)
def test_publish_and_unpublish(admin_client, action, before, after):
    chosen = ActivityFactory.create_batch(2, status=before)
    other = ActivityFactory(status=before)

    response = run_action(admin_client, action, chosen)

    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    assert set(
        Activity.objects.filter(pk__in=[a.pk for a in chosen]).values_list("status", flat=True)
    ) == {after}
    other.refresh_from_db()
    assert other.status == before


@time_machine.travel(NOON, tick=False)
def test_mark_verified(admin_client):
    chosen = ActivityFactory(last_verified=datetime.date(2025, 1, 1))
    other = ActivityFactory(last_verified=None)

    response = run_action(admin_client, "mark_verified", [chosen])

    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert chosen.last_verified == NOON.date()
    assert other.last_verified is None


def test_unpublishing_drops_the_cached_public_pages_at_once(client, settings):
    """Anonymous visitors get cached pages; the action must not leave them a stale copy."""
    settings.CACHE_PUBLIC_ANSWERS = True
    organisation = OrganisationFactory(name="Alifa")
    activity = ActivityFactory(title="Samen Breien", organiser=organisation)
    ScheduleFactory(activity=activity)  # Tuesdays from 1 December 2026
    place = activity.location
    worker = staff_client(roles.WELFARE_WORKER, organisations=[organisation])
    pages = [
        reverse("activiteiten:agenda"),
        place.get_absolute_url(),
        activity.get_absolute_url(),
    ]
    monday = timezone.make_aware(datetime.datetime(2026, 11, 30, 9, 0))
    with time_machine.travel(monday, tick=False):
        for url in pages:
            assert "Samen Breien" in client.get(url).content.decode(), url
        response = run_action(worker, "unpublish", [activity])
        assert [m.level_tag for m in response.context["messages"]] == ["success"]
        for url in pages[:2]:
            response = client.get(url)
            assert response.status_code == 200
            assert "Samen Breien" not in response.content.decode(), url
        assert client.get(activity.get_absolute_url()).status_code == 404
        run_action(worker, "publish", [activity])
        assert "Samen Breien" in client.get(reverse("activiteiten:agenda")).content.decode()
    rows = activity.history.filter(history_type="~").order_by("history_id")
    worker_id = int(worker.session["_auth_user_id"])
    assert [(row.status, row.history_user_id) for row in rows] == [
        ("draft", worker_id),
        ("published", worker_id),
    ]


def test_search_finds_activities_by_place_name(admin_client):
    wanted = ActivityFactory(location=LocationFactory(name="De Magneet"))
    ActivityFactory(location=LocationFactory(name="Het Bolwerk"))
    response = admin_client.get(CHANGELIST, {"q": "magneet"})
    assert list(response.context["cl"].result_list) == [wanted]


def test_theme_order_can_be_edited_in_the_list(admin_client):
    first, second = ThemeFactory(ordering=1), ThemeFactory(ordering=2)
    url = reverse("admin:activiteiten_theme_changelist")
    response = admin_client.get(url)
    inputs = re.findall(rb"<input[^>]*>", response.content)
    assert any(b'name="form-0-ordering"' in i and b"aria-label=" in i for i in inputs)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-id": str(first.pk),
        "form-0-ordering": "5",
        "form-1-id": str(second.pk),
        "form-1-ordering": "2",
        "_save": "Save",
    }
    # Other themes (from the data migration) are on the page too; post only these two.
    response = admin_client.post(url + f"?id__in={first.pk},{second.pk}", data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.ordering == 5


# --- The schedule preview -----------------------------------------------------------

PREVIEW = reverse("admin:activiteiten_activity_schedule_preview")
# A Monday. Earlier than the tests' logins, so their sessions stay valid.


@time_machine.travel(NOON, tick=False)
def test_saved_schedule_shows_its_next_ten_dates(admin_client):
    schedule = ScheduleFactory()  # Tuesdays from 1 December 2026
    CancellationFactory(activity=schedule.activity, date=datetime.date(2026, 12, 8))

    response = admin_client.get(change_url(schedule.activity))

    preview = re.search(
        r'<div class="schedule-preview".*?</div>', response.content.decode(), re.S
    ).group(0)
    items = [page_text_of(item) for item in re.findall(r"<li.*?</li>", preview, re.S)]
    assert len(items) == 10
    assert items[0] == "Tuesday 1 December 2026, 10:00–12:00"
    assert items[1] == "Tuesday 8 December 2026, 10:00–12:00 (not going ahead: Zaal bezet)"
    assert "<del>" in preview
    assert items[9] == "Tuesday 2 February 2027, 10:00–12:00"


def page_text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


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


@time_machine.travel(NOON, tick=False)
def test_preview_endpoint_gives_the_next_ten_dates(admin_client):
    params = preview_params(interval="2", weekdays=["3", "1"], cancelled=["2026-12-03", "bad"])

    data = admin_client.get(PREVIEW, params).json()

    assert data["summary"] == "every 2 weeks on Tuesday and Thursday, 10:00–12:00"
    assert [d["date"] for d in data["dates"]] == [
        "2026-12-01",
        "2026-12-03",
        "2026-12-15",
        "2026-12-17",
        "2026-12-29",
        "2026-12-31",
        "2027-01-12",
        "2027-01-14",
        "2027-01-26",
        "2027-01-28",
    ]
    assert [d["cancelled"] for d in data["dates"][:3]] == [False, True, False]
    assert data["dates"][0]["label"] == "Tuesday 1 December 2026, 10:00–12:00"


@time_machine.travel(NOON, tick=False)
def test_preview_starts_today_and_ends_with_the_schedule(admin_client):
    data = admin_client.get(PREVIEW, preview_params(start_date="2026-11-03", count="5")).json()
    # 3, 10, 17 November have passed.
    assert [d["date"] for d in data["dates"]] == ["2026-11-24", "2026-12-01"]
    params = preview_params(start_date="2026-11-03", until="2026-11-20")
    data = admin_client.get(PREVIEW, params).json()
    assert data["dates"] == []


@time_machine.travel(NOON, tick=False)
def test_preview_in_dutch_gives_dutch_dates(admin_client):
    admin_client.cookies["django_language"] = "nl"
    data = admin_client.get(PREVIEW, preview_params(cancelled=["08-12-2026"])).json()
    first, second = data["dates"][:2]
    assert first["label"] == "dinsdag 1 december 2026, 10:00–12:00"
    assert first["input"] == "01-12-2026"  # as the Dutch date box expects it
    assert second["cancelled"]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        (preview_params(weekdays=[]), "Days", "Choose at least one day."),
        (preview_params(end_time="09:00"), "End time", "The end time must be later"),
        (preview_params(until="2026-12-31", count="3"), "Number of times", "Choose an end date"),
        (preview_params(frequency="monthly"), "Week of the month", "Choose which week"),
        (preview_params(start_date="gisteren"), "First date", "Enter a valid date."),
        (preview_params(weekdays=["abc"]), "Days", "Select a valid choice."),
        (preview_params(weekdays=["9"]), "Days", "Select a valid choice."),
        (preview_params(interval="99999999999"), "Every", "Ensure this value"),
        (preview_params(count="0"), "Number of times", "Ensure this value"),
        (preview_params(frequency="daily"), "Repeats", "Select a valid choice."),
        (preview_params(start_time="\x00"), "Start time", ""),
        ({}, "First date", "This field is required."),
    ],
)
def test_preview_endpoint_gives_the_forms_messages(admin_client, params, field, message):
    response = admin_client.get(PREVIEW, params)
    assert response.status_code == 200
    errors = {e["field"]: " ".join(e["messages"]) for e in response.json()["errors"]}
    assert errors[field].startswith(message), errors


def test_preview_endpoint_is_for_staff_who_edit_activities(client):
    assert client.get(PREVIEW, preview_params()).status_code == 302
    manager = staff_client(roles.CLUSTER_MANAGER)  # may only view activities
    assert manager.get(PREVIEW, preview_params()).status_code == 403
    welfare = staff_client(roles.WELFARE_WORKER, organisations=[OrganisationFactory()])
    assert welfare.get(PREVIEW, preview_params()).status_code == 200


def test_activity_form_carries_the_preview_settings_and_no_inline_code(admin_client, activity):
    for url in (change_url(activity), reverse("admin:activiteiten_activity_add")):
        body = admin_client.get(url).content
        assert b'id="schedule-preview-config"' in body
        assert f'data-url="{PREVIEW}"'.encode() in body
        # The script sends the fields the server lists (schedules.FIELDS), not a copy of them.
        assert f'data-fields="{" ".join(schedules.FIELDS)}"'.encode() in body
        assert b"js/admin/schedule-preview.js" in body
        assert inline_tags(body) == [], url


# --- Warnings in the preview, before saving --------------------------------------------


def magneet(**kwargs):
    """De Magneet: open on weekdays 08:30–11:00, closed on public holidays and on 8 December."""
    place = LocationFactory(name="De Magneet", **kwargs)
    for weekday in range(5):
        OpeningHoursFactory(location=place, weekday=weekday, closes=datetime.time(11))
    OpeningExceptionFactory(location=place, start_date=datetime.date(2026, 12, 8), reason="")
    return place


@time_machine.travel(NOON, tick=False)
def test_the_preview_warns_about_each_date_before_saving(admin_client):
    place = magneet()
    ScheduleFactory(activity__location=place, activity__title="Breiclub", count=1)
    # Tuesdays and Fridays 10:00–12:00 from 1 December, in the form, not saved.
    params = preview_params(weekdays=["1", "4"], location=str(place.pk), room="Zaal 1")

    data = admin_client.get(PREVIEW, params).json()

    dates = {d["date"]: d for d in data["dates"]}
    assert len(dates) == 10
    # Every date runs past 11:00; 1 December also overlaps the Breiclub (no room given, so
    # anywhere in the place); 8 December the place is closed; 25 December is Christmas Day.
    assert dates["2026-12-01"]["warnings"] == [
        "Outside the opening hours of De Magneet (that day open 08:30–11:00).",
        "Overlaps in the same room with Breiclub (10:00–12:00).",
    ]
    assert dates["2026-12-04"]["warnings"] == [
        "Outside the opening hours of De Magneet (that day open 08:30–11:00)."
    ]
    assert dates["2026-12-08"]["closed"] is True
    assert dates["2026-12-08"]["warnings"] == [
        "De Magneet is closed that day: this date does not go ahead."
    ]
    assert dates["2026-12-25"]["closed"] is True
    assert dates["2026-12-25"]["warnings"] == [
        "De Magneet is closed that day (Eerste kerstdag): this date does not go ahead."
    ]
    assert all(len(d["warnings"]) >= 1 for d in data["dates"])
    assert data["warning_summary"].startswith(
        "10 of these 10 dates need a look: Tue 1 Dec 2026, Fri 4 Dec 2026, Tue 8 Dec 2026,"
    )
    assert data["warning_summary"].endswith("You can still save.")


@time_machine.travel(NOON, tick=False)
def test_the_preview_warns_in_dutch_with_dutch_dates(admin_client):
    admin_client.cookies["django_language"] = "nl"
    place = magneet()
    params = preview_params(
        weekdays=["4"], start_time="09:00", end_time="10:30", location=str(place.pk)
    )

    data = admin_client.get(PREVIEW, params).json()

    # Fridays 09:00–10:30 fit the hours; only Christmas Day and New Year's Day are closed.
    flagged = [d for d in data["dates"] if d["warnings"]]
    assert [(d["short_label"], d["warnings"]) for d in flagged] == [
        (
            "vr 25 dec 2026",
            ["De Magneet is die dag dicht (Eerste kerstdag): deze datum gaat niet door."],
        ),
        (
            "vr 1 jan 2027",
            ["De Magneet is die dag dicht (Nieuwjaarsdag): deze datum gaat niet door."],
        ),
    ]
    assert data["warning_summary"] == (
        "2 van deze 10 datums vragen aandacht: vr 25 dec 2026, vr 1 jan 2027. Opslaan kan wel."
    )


@time_machine.travel(NOON, tick=False)
def test_the_preview_leaves_out_the_activity_itself_and_other_rooms(admin_client):
    place = LocationFactory()
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday)
    mine = ScheduleFactory(activity__location=place, activity__room="Zaal 1").activity
    ScheduleFactory(activity__location=place, activity__room="Zaal 2")
    ScheduleFactory(activity__location=place, activity__status="draft")
    params = preview_params(location=str(place.pk), room="zaal 1", activity=str(mine.pk))

    data = admin_client.get(PREVIEW, params).json()

    assert [d["warnings"] for d in data["dates"]] == [[]] * 10
    assert data["warning_summary"] == ""
    # Without saying which activity it is, its own saved dates overlap the form's.
    del params["activity"]
    data = admin_client.get(PREVIEW, params).json()
    assert all(d["warnings"] for d in data["dates"])


@time_machine.travel(NOON, tick=False)
def test_the_preview_of_a_cancelled_activity_or_without_a_place_warns_about_nothing(
    admin_client,
):
    place = magneet()
    for params in (
        preview_params(location=str(place.pk), status="cancelled"),
        preview_params(),
        preview_params(location=""),
    ):
        data = admin_client.get(PREVIEW, params).json()
        assert len(data["dates"]) == 10
        assert not any(d["warnings"] for d in data["dates"]), params


@pytest.mark.parametrize(
    "value", ["abc", "-1", "1.5", "²", "99999999999", "0", "1e3", "\x00", "%", "1,2"]
)
def test_a_malformed_place_in_the_preview_is_ignored(admin_client, value):
    response = admin_client.get(
        PREVIEW, preview_params(location=value, activity=value, room="x" * 5000)
    )
    assert response.status_code == 200
    assert len(response.json()["dates"]) == 10


@time_machine.travel(NOON, tick=False)
def test_the_preview_runs_a_fixed_number_of_queries(admin_client, django_assert_max_num_queries):
    place = magneet()
    for hour in range(8, 20):
        ScheduleFactory(
            activity__location=place,
            start_time=datetime.time(hour),
            end_time=datetime.time(hour + 1),
            weekdays=[1, 2, 3],
        )
    params = preview_params(location=str(place.pk))
    # Session and user; the form's checks of the schedule's constraints (4 in savepoints,
    # 12 queries); the place with its hours and exceptions (3); the other activities with
    # their places, schedules, cancelled dates and places' exceptions (4).
    with django_assert_max_num_queries(21):
        data = admin_client.get(PREVIEW, params).json()
    assert all(d["warnings"] for d in data["dates"])


@time_machine.travel(NOON, tick=False)
def test_the_saved_form_shows_the_warnings_in_its_preview(
    admin_client, django_assert_max_num_queries
):
    place = magneet()
    activity = ScheduleFactory(activity__location=place, weekdays=[4]).activity  # Fridays
    ScheduleFactory(
        activity=activity, weekdays=[1], start_time=datetime.time(9), end_time=datetime.time(10)
    )
    ScheduleFactory(activity__location=place, activity__title="Breiclub", weekdays=[1], count=1)

    response = admin_client.get(change_url(activity))

    html = response.content.decode()
    previews = re.findall(r'<div class="schedule-preview".*?</ol>', html, re.S)
    assert len(previews) == 2
    fridays = page_text_of(previews[1] if "Friday 4 December" in previews[1] else previews[0])
    tuesdays = page_text_of(previews[0] if "Friday 4 December" in previews[1] else previews[1])
    assert fridays.startswith("10 of these 10 dates need a look: Fri 4 Dec 2026, Fri 11 Dec 2026")
    assert (
        "Friday 25 December 2026, 10:00–12:00 Warning: De Magneet is closed that day "
        "(Eerste kerstdag): this date does not go ahead." in fridays
    )
    # Tuesdays 09:00–10:00 fit the hours; on 8 December the place is closed. 09:00–10:00
    # only touches the Breiclub's 10:00–12:00 on 1 December.
    assert tuesdays.startswith("1 of these 10 dates needs a look: Tue 8 Dec 2026. You can")
    assert "Breiclub" not in tuesdays


@time_machine.travel(NOON, tick=False)
def test_the_change_page_fetches_the_checks_once_for_all_schedules(
    admin_client, django_assert_max_num_queries
):
    place = magneet()
    counts = []
    for schedules_count in (1, 4):
        activity = ActivityFactory(location=place)
        for n in range(schedules_count):
            ScheduleFactory(activity=activity, weekdays=[n % 5], count=12)
        with django_assert_max_num_queries(60) as captured:
            assert admin_client.get(change_url(activity)).status_code == 200
        counts.append(len(captured))
    # More schedules cost their own formset rows, not a fetch of the checks each.
    assert counts[1] - counts[0] <= 3, counts


# --- Cancelling a date --------------------------------------------------------------


def cancellation(date, reason=""):
    return {"date": date, "reason": reason}


def with_cancellation(client, activity, date):
    data = form_data(client.get(change_url(activity)))
    # The page has one empty row for typing a date without JavaScript: fill that one.
    data["cancellations-0-date"] = date
    data["cancellations-0-reason"] = "Zaal bezet"
    return data


def test_a_cancelled_date_must_be_one_of_the_activitys_dates(admin_client):
    activity = ScheduleFactory().activity  # Tuesdays from 1 December 2026

    response = admin_client.post(
        change_url(activity), with_cancellation(admin_client, activity, "2026-12-09")
    )

    assert response.status_code == 200
    form = response.context["inline_admin_formsets"][1].formset.forms[0]
    assert form.errors["date"] == [
        "The activity does not take place on Wednesday 9 December 2026: choose one of its "
        "dates (see the next dates under each schedule)."
    ]
    assert not activity.cancellations.exists()

    response = admin_client.post(
        change_url(activity), with_cancellation(admin_client, activity, "2026-12-08")
    )
    assert response.status_code == 302
    assert [c.date for c in activity.cancellations.all()] == [datetime.date(2026, 12, 8)]


def test_a_new_schedule_and_a_date_of_it_cancelled_in_one_go(admin_client, activity):
    data = with_cancellation(admin_client, activity, "2026-12-10")
    add_rows(data, "schedules", [schedule_row(weekdays=["3"])])  # Thursdays

    response = admin_client.post(change_url(activity), data)

    assert response.status_code == 302
    assert activity.cancellations.get().date == datetime.date(2026, 12, 10)


def test_a_cancellation_of_a_schedule_deleted_in_the_same_go_is_refused(admin_client):
    activity = ScheduleFactory().activity
    data = with_cancellation(admin_client, activity, "2026-12-08")
    data["schedules-0-DELETE"] = "on"

    response = admin_client.post(change_url(activity), data)

    assert response.status_code == 200
    assert activity.schedules.exists()
    assert not activity.cancellations.exists()


def test_old_cancellations_do_not_block_moving_a_schedule(admin_client):
    schedule = ScheduleFactory()
    CancellationFactory(activity=schedule.activity, date=datetime.date(2026, 12, 8))
    data = form_data(admin_client.get(change_url(schedule.activity)))
    data["schedules-0-weekdays"] = ["3"]  # from Tuesdays to Thursdays

    response = admin_client.post(change_url(schedule.activity), data)

    assert response.status_code == 302
    schedule.refresh_from_db()
    assert schedule.weekdays == [3]


def test_a_new_activity_page_has_an_empty_schedule_and_cancellation_row(admin_client):
    response = admin_client.get(reverse("admin:activiteiten_activity_add"))
    schedules_, cancellations = (i.formset for i in response.context["inline_admin_formsets"])
    assert (len(schedules_.forms), len(cancellations.forms)) == (1, 1)


# --- Dates out of range, text on more than one line ----------------------------------
# See ontmoeting/dates.py and ontmoeting/text.py. Before, such a form was saved and broke
# the feeds, the activity's page and its own change form; the add form answered 500.

OUT_OF_RANGE = "Enter a date in the years 2000 to 2099."
NOT_ONE_LINE = (
    "Write this on one line: line breaks, tabs and other control characters are not allowed here."
)
END_OF_TIME = {
    "frequency": "once",
    "start_date": "9999-12-31",
    "start_time": "23:00",
    "end_time": "00:00",
}


def schedule_errors(response) -> dict:
    (form,) = response.context["inline_admin_formsets"][0].formset.forms
    return dict(form.errors)


def test_a_far_end_date_is_refused_and_nothing_saved(admin_client, activity):
    data = form_data(admin_client.get(change_url(activity)))
    add_rows(data, "schedules", [schedule_row(weekdays=["1"], until="9999-12-31")])

    response = admin_client.post(change_url(activity), data)

    assert response.status_code == 200
    assert schedule_errors(response) == {"until": [OUT_OF_RANGE]}
    assert not activity.schedules.exists()


def test_a_one_off_at_the_end_of_time_is_refused_by_the_add_form(admin_client):
    place, organiser = LocationFactory(), OrganisationFactory()
    data = form_data(admin_client.get(reverse("admin:activiteiten_activity_add")))
    data.update(
        title="Oudejaarsfeest",
        slug="oudejaarsfeest",
        location=str(place.pk),
        organiser=str(organiser.pk),
        status="published",
    )
    data.update({f"schedules-0-{name}": value for name, value in END_OF_TIME.items()})

    response = admin_client.post(reverse("admin:activiteiten_activity_add"), data)

    assert response.status_code == 200
    assert schedule_errors(response) == {"start_date": [OUT_OF_RANGE]}
    assert not Activity.objects.exists()


def test_a_cancelled_date_outside_the_range_is_refused(admin_client):
    activity = ScheduleFactory().activity
    response = admin_client.post(
        change_url(activity), with_cancellation(admin_client, activity, "1999-12-28")
    )
    assert response.status_code == 200
    form = response.context["inline_admin_formsets"][1].formset.forms[0]
    assert form.errors["date"] == [OUT_OF_RANGE]
    assert not activity.cancellations.exists()


@pytest.mark.parametrize("title", ["Koffie\nochtend", "Koffie\r\nochtend", "Koffie\tochtend"])
def test_a_title_on_two_lines_is_refused(admin_client, title):
    activity = ScheduleFactory(activity__title="Koffieochtend").activity
    data = form_data(admin_client.get(change_url(activity)))
    data["title"] = title

    response = admin_client.post(change_url(activity), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"title": [NOT_ONE_LINE]}
    activity.refresh_from_db()
    assert activity.title == "Koffieochtend"


def test_a_line_break_at_the_end_is_simply_dropped(admin_client):
    """What the form strips anyway (spaces and line breaks around the text) is no error."""
    activity = ScheduleFactory(activity__title="Koffieochtend").activity
    data = form_data(admin_client.get(change_url(activity)))
    data["title"] = "Koffieochtend\r\n"
    assert admin_client.post(change_url(activity), data).status_code == 302


@pytest.mark.parametrize(
    ("params", "field"),
    [
        (preview_params(until="9999-12-31"), "Until and including"),
        (preview_params(start_date="1999-12-31"), "First date"),
        ({**preview_params(weekdays=[]), **END_OF_TIME}, "First date"),
    ],
)
def test_the_preview_says_when_a_date_is_out_of_range(admin_client, params, field):
    response = admin_client.get(PREVIEW, params)
    assert response.status_code == 200
    errors = {e["field"]: e["messages"] for e in response.json()["errors"]}
    assert errors == {field: [OUT_OF_RANGE]}


def test_the_number_of_times_may_not_run_past_the_range(admin_client):
    errors = admin_client.get(PREVIEW, preview_params(start_date="2099-06-02", count="40")).json()[
        "errors"
    ]
    assert errors == [
        {
            "field": "Number of times",
            "messages": [
                "With this number of times the last date would be after Dec. 31, 2099: choose "
                "fewer times or an end date."
            ],
        }
    ]
    # 31 weeks of Tuesdays from 2 June 2099 end on 29 December 2099.
    data = admin_client.get(PREVIEW, preview_params(start_date="2099-06-02", count="31")).json()
    assert "errors" not in data


# --- Duplicate ----------------------------------------------------------------------


def test_duplicate_one_activity_opens_the_copy(admin_client):
    original = ScheduleFactory(activity__title="Taalcafé", activity__slug="taalcafe").activity
    original.themes.add(ThemeFactory())

    response = run_action(admin_client, "duplicate", [original])

    copy = Activity.objects.exclude(pk=original.pk).get()
    assert response.redirect_chain == [(change_url(copy), 302)]
    assert (copy.title, copy.slug, copy.status) == ("Taalcafé (copy)", "taalcafe-copy", "draft")
    assert copy.schedules.count() == 1
    assert list(copy.themes.all()) == list(original.themes.all())
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_duplicate_several(admin_client):
    chosen = ActivityFactory.create_batch(2)
    response = run_action(admin_client, "duplicate", chosen)
    assert Activity.objects.count() == 4
    assert "2 copies made" in str(next(iter(response.context["messages"])))


def test_welfare_worker_duplicates_only_own_activities():
    own, other = ActivityFactory(), ActivityFactory()
    welfare = staff_client(roles.WELFARE_WORKER, organisations=[own.organiser])
    run_action(welfare, "duplicate", [own, other])
    assert Activity.objects.filter(organiser=own.organiser).count() == 2
    assert Activity.objects.filter(organiser=other.organiser).count() == 1


def test_view_only_staff_cannot_duplicate():
    activity = ActivityFactory()
    manager = staff_client(roles.CLUSTER_MANAGER)
    run_action(manager, "duplicate", [activity])
    assert Activity.objects.count() == 1


# --- Warnings after saving -----------------------------------------------------------


def warnings_after_saving(client, activity) -> list[str]:
    data = form_data(client.get(change_url(activity)))
    response = client.post(change_url(activity), data, follow=True)
    assert response.redirect_chain[-1][1] == 302
    return [str(m) for m in response.context["messages"] if m.level_tag == "warning"]


@time_machine.travel(NOON, tick=False)
def test_warning_when_dates_fall_outside_the_opening_hours(admin_client):
    place = LocationFactory(name="De Magneet")
    OpeningHoursFactory(location=place, weekday=1, closes=datetime.time(11))
    schedule = ScheduleFactory(activity__location=place)  # Tuesdays 10:00–12:00

    warnings = warnings_after_saving(admin_client, schedule.activity)

    assert len(warnings) == 1
    assert warnings[0].startswith(
        "12 dates in the coming 90 days fall outside the opening hours of De Magneet: "
        "Tue 1 Dec 2026 10:00–12:00, Tue 8 Dec 2026 10:00–12:00"
    )
    assert warnings[0].endswith("Tue 29 Dec 2026 10:00–12:00 and 7 more.")
    assert Activity.objects.filter(pk=schedule.activity.pk).exists()  # saved all the same


@time_machine.travel(NOON, tick=False)
def test_warning_when_another_activity_uses_the_room(admin_client):
    place = LocationFactory()
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday)
    mine = ScheduleFactory(activity__location=place, activity__room="Zaal 1", count=2).activity
    ScheduleFactory(activity__location=place, activity__title="Breiclub", activity__room="")
    ScheduleFactory(activity__location=place, activity__room="Zaal 2")
    ScheduleFactory(activity__location=place, activity__status="draft")

    warnings = warnings_after_saving(admin_client, mine)

    assert warnings == [
        "2 dates overlap with another published activity in the same room (Breiclub): "
        "Tue 1 Dec 2026 10:00–12:00, Tue 8 Dec 2026 10:00–12:00."
    ]


@time_machine.travel(NOON, tick=False)
def test_no_warning_when_all_is_well(admin_client):
    place = LocationFactory()
    OpeningHoursFactory(location=place, weekday=1)
    schedule = ScheduleFactory(activity__location=place)
    ScheduleFactory(
        activity__location=place, start_time=datetime.time(14), end_time=datetime.time(16)
    )
    assert warnings_after_saving(admin_client, schedule.activity) == []


@time_machine.travel(NOON, tick=False)
def test_saving_an_activity_says_which_dates_the_place_is_closed(admin_client):
    place = LocationFactory(name="De Magneet")  # closed on public holidays, the default
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday)
    OpeningExceptionFactory(location=place, start_date=datetime.date(2026, 12, 8), reason="")
    # Fridays 10:00–12:00, four times: 4, 11, 18 and 25 December (Christmas Day).
    schedule = ScheduleFactory(activity__location=place, weekdays=[4], count=4)
    ScheduleFactory(activity=schedule.activity, weekdays=[1], count=2)  # Tuesdays 1 and 8

    data = form_data(admin_client.get(change_url(schedule.activity)))
    response = admin_client.post(change_url(schedule.activity), data, follow=True)

    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    # The holiday's name as the holidays package gives it (in Dutch, as on the public site).
    assert warnings == [
        "2 dates in the coming 90 days do not go ahead, because De Magneet is closed those "
        "days: Tue 8 Dec 2026 10:00–12:00, Fri 25 Dec 2026 10:00–12:00 (Eerste kerstdag)."
    ]


@time_machine.travel(NOON, tick=False)
def test_the_message_after_saving_names_each_date_once_in_dutch(admin_client):
    admin_client.cookies["django_language"] = "nl"
    place = LocationFactory(name="De Magneet")
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday)
    # Wednesdays 10:00–12:00, twice; two other activities overlap both dates.
    mine = ScheduleFactory(activity__location=place, weekdays=[2], count=2).activity
    for title, hours in (("Breiclub", (9, 11)), ("Taalcafé", (11, 13))):
        ScheduleFactory(
            activity__location=place,
            activity__title=title,
            weekdays=[2],
            start_time=datetime.time(hours[0]),
            end_time=datetime.time(hours[1]),
        )

    warnings = warnings_after_saving(admin_client, mine)

    assert warnings == [
        "2 datums overlappen met een andere gepubliceerde activiteit in dezelfde ruimte "
        "(Breiclub, Taalcafé): wo 2 dec 2026 10:00–12:00, wo 9 dec 2026 10:00–12:00."
    ]


@time_machine.travel(NOON, tick=False)
def test_no_warnings_for_a_cancelled_activity(admin_client):
    place = LocationFactory()
    OpeningHoursFactory(location=place, weekday=1, closes=datetime.time(11))
    schedule = ScheduleFactory(activity__location=place, activity__status="cancelled")
    assert warnings_after_saving(admin_client, schedule.activity) == []


def test_next_date_skips_the_days_the_place_is_closed():
    place = LocationFactory()
    OpeningExceptionFactory(location=place, start_date=datetime.date(2027, 1, 8))
    ScheduleFactory(activity__location=place, weekdays=[4])  # Fridays from 4 December 2026
    activity = Activity.objects.prefetch_related(
        "schedules", "cancellations", "location__exceptions"
    ).get()

    # Christmas Day, New Year's Day and the closed 8 January are passed over.
    assert next_date(activity, datetime.date(2026, 12, 22)) == datetime.date(2027, 1, 15)


def test_next_date_stops_looking_at_a_place_closed_for_years():
    from activiteiten.schedules import NEXT_DATE_SKIPS

    place = LocationFactory()
    OpeningExceptionFactory(
        location=place,
        start_date=datetime.date(2026, 11, 1),
        end_date=datetime.date(2029, 12, 31),  # more closed Tuesdays than it looks through
        reason="Nieuwbouw",
    )
    ScheduleFactory(activity__location=place)  # Tuesdays from 1 December 2026
    activity = Activity.objects.prefetch_related(
        "schedules", "cancellations", "location__exceptions"
    ).get()
    assert (datetime.date(2029, 12, 31) - datetime.date(2026, 12, 1)).days // 7 > NEXT_DATE_SKIPS
    assert next_date(activity, datetime.date(2026, 11, 1)) is None


# --- History and restoring -------------------------------------------------------------


def test_history_shows_changed_fields_themes_and_schedules(admin_client, admin_user):
    schedule = ScheduleFactory(activity__title="Koffie")
    activity = schedule.activity
    theme = ThemeFactory(name="Buurtkoken")
    data = form_data(admin_client.get(change_url(activity)))
    data.update(title="Koffie en praat", themes=[str(theme.pk)], is_free="")
    data.pop("is_free")
    data["schedules-0-end_time"] = "12:30"
    assert admin_client.post(change_url(activity), data).status_code == 302

    response = admin_client.get(history_url(activity))

    text = page_text(response)
    assert "Title: Koffie → Koffie en praat" in text
    assert "Themes: – → Buurtkoken" in text
    assert "Free: yes → no" in text
    assert "End time: 12:00 → 12:30" in text
    assert admin_user.username in text
    assert inline_tags(response.content) == []


def delete_in_admin(client, activity):
    url = reverse("admin:activiteiten_activity_delete", args=[activity.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()


DELETED = reverse("admin:activiteiten_activity_deleted")


def restore_url(history_id) -> str:
    return reverse("admin:activiteiten_activity_restore", args=[history_id])


@pytest.fixture
def doomed():
    activity = ActivityFactory(title="Taalcafé", slug="taalcafe")
    activity.themes.add(ThemeFactory())
    activity.target_groups.add(TargetGroupFactory())
    ScheduleFactory(activity=activity)
    ScheduleFactory(
        activity=activity, weekdays=[4], start_time=datetime.time(19), end_time=datetime.time(21)
    )
    CancellationFactory(activity=activity, date=datetime.date(2026, 12, 8))
    return activity


def test_a_deleted_activity_is_restored_with_everything(admin_client, client, doomed):
    pk, themes, groups = doomed.pk, list(doomed.themes.all()), list(doomed.target_groups.all())
    delete_in_admin(admin_client, doomed)

    assert "Deleted activities" in admin_client.get(CHANGELIST).content.decode()
    response = admin_client.get(DELETED)
    assert response.status_code == 200
    (record,) = response.context["records"]
    assert record.title == "Taalcafé"
    assert inline_tags(response.content) == []

    response = admin_client.post(restore_url(record.history_id), follow=True)

    assert response.redirect_chain == [
        (reverse("admin:activiteiten_activity_change", args=[pk]), 302)
    ]
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    activity = Activity.objects.get(pk=pk)
    assert activity.schedules.count() == 2
    assert [c.date for c in activity.cancellations.all()] == [datetime.date(2026, 12, 8)]
    assert list(activity.themes.all()) == themes
    assert list(activity.target_groups.all()) == groups
    assert list(admin_client.get(DELETED).context["records"]) == []
    # The public page is back.
    assert client.get(activity.get_absolute_url()).status_code == 200


def test_welfare_worker_restores_own_activities_only(doomed):
    own = staff_client(roles.WELFARE_WORKER, organisations=[doomed.organiser])
    other = staff_client(roles.WELFARE_WORKER, organisations=[OrganisationFactory()])
    delete_in_admin(own, doomed)
    record = Activity.history.filter(id=doomed.pk, history_type="-").get()

    assert list(other.get(DELETED).context["records"]) == []
    # A crafted POST for another organisation's activity: not found, nothing restored.
    assert other.post(restore_url(record.history_id)).status_code == 404
    assert not Activity.objects.exists()
    assert own.get(restore_url(record.history_id)).status_code == 405

    assert len(own.get(DELETED).context["records"]) == 1
    assert own.post(restore_url(record.history_id)).status_code == 302
    assert Activity.objects.get().schedules.count() == 2


def test_deleted_activities_are_for_staff_who_may_add_activities(doomed):
    municipality = staff_client(roles.MUNICIPALITY)
    assert municipality.get(DELETED).status_code == 403
    assert b"Deleted activities" not in municipality.get(CHANGELIST).content
    delete_in_admin(staff_client(roles.FUNCTIONAL_ADMIN), doomed)
    record = Activity.history.filter(history_type="-").get()
    assert municipality.post(restore_url(record.history_id)).status_code == 403
    assert not Activity.objects.exists()


def test_restoring_what_is_not_deleted_says_so(admin_client, activity):
    record = activity.history.get()
    assert admin_client.post(restore_url(record.history_id)).status_code == 404
    assert admin_client.post(restore_url(10**9)).status_code == 404
