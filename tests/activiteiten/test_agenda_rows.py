"""The dates by day as activiteiten/templatetags/agenda.py writes them: the agenda's rows and
the shorter ones of a place's and a cluster's page."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from activiteiten.schedules import Occurrence
from tests.factories import ActivityFactory, ClusterFactory, LocationFactory, ScheduleFactory

pytestmark = pytest.mark.django_db

TUESDAY = datetime.date(2026, 12, 8)


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def occurrence(schedule, day=TUESDAY, **marks) -> Occurrence:
    return Occurrence(
        activity=schedule.activity,
        schedule=schedule,
        start=at(day, schedule.start_time.hour),
        end=at(day, schedule.end_time.hour),
        **marks,
    )


def render(source: str, **context) -> str:
    with translation.override("nl"):
        html = Template("{% load agenda %}" + source).render(Context(context))
    return re.sub(r"\s+", " ", html).strip()


def days(occurrences, today=TUESDAY) -> str:
    return render("{% agenda_days occurrences today %}", occurrences=occurrences, today=today)


def test_a_row_says_when_what_where_and_for_whom():
    place = LocationFactory(name="Wijkhuis 't Oosten", cluster=ClusterFactory(name="Oost"))
    schedule = ScheduleFactory(
        activity=ActivityFactory(
            title="Koffie & praten", location=place, is_free=True, support_need_welcome=True
        )
    )
    html = days([occurrence(schedule)])
    assert html == (
        '<h3 class="day-heading">Dinsdag 8 december <span class="meta">(vandaag)</span></h3> '
        '<ul class="agenda"><li class="agenda-item"> <span class="time">'
        '<time datetime="2026-12-08T10:00:00+01:00">10:00</time>–'
        '<time datetime="2026-12-08T12:00:00+01:00">12:00</time></span> '
        '<span class="agenda-what"> '
        f'<a href="/activiteiten/{schedule.activity.slug}/">Koffie &amp; praten</a> '
        '<span class="meta">Wijkhuis &#x27;t Oosten · Oost · gratis · ook met een ondersteuningsvraag'
        '</span> <span class="meta">Elke week op dinsdag</span> </span> </li></ul>'
    )


def test_rows_are_grouped_by_day_in_the_order_given_and_only_today_is_marked():
    tuesday, wednesday = ScheduleFactory(), ScheduleFactory(weekdays=[2])
    html = days(
        [
            occurrence(tuesday),
            occurrence(wednesday, TUESDAY + datetime.timedelta(days=1)),
            occurrence(tuesday, TUESDAY + datetime.timedelta(days=7)),
        ],
        today=TUESDAY + datetime.timedelta(days=1),
    )
    headings = re.findall(r'<h3 class="day-heading">(.*?)</h3>', html)
    assert headings == [
        "Dinsdag 8 december",
        'Woensdag 9 december <span class="meta">(vandaag)</span>',
        "Dinsdag 15 december",
    ]
    assert html.count('<ul class="agenda">') == 3


def test_a_one_off_has_no_line_for_how_it_repeats():
    once = ScheduleFactory(frequency="once", start_date=TUESDAY, weekdays=[])
    assert 'class="meta">Elke' not in days([occurrence(once)])


def test_everything_typed_by_people_is_escaped():
    schedule = ScheduleFactory(activity=ActivityFactory(title="<script>x</script>"))
    html = days([occurrence(schedule, cancelled=True, cancellation_reason="<b>ziek</b>")])
    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "Gaat niet door: &lt;b&gt;ziek&lt;/b&gt;" in html


def test_no_dates_write_nothing():
    assert days([]) == ""


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ({}, ""),
        ({"cancelled": True}, '<strong class="cancelled">Gaat niet door</strong>'),
        (
            {"cancelled": True, "cancellation_reason": "Zaal bezet"},
            '<strong class="cancelled">Gaat niet door: Zaal bezet</strong>',
        ),
        (
            {"place_closed": True, "closure_reason": "Eerste kerstdag"},
            '<strong class="cancelled">Gaat niet door: de plek is dicht (Eerste kerstdag)</strong>',
        ),
        (
            {"place_closed": True},
            '<strong class="cancelled">Gaat niet door: de plek is dicht</strong>',
        ),
    ],
)
def test_the_status_says_why_a_date_does_not_go_ahead(marks, expected):
    html = render("{% occurrence_status o %}", o=occurrence(ScheduleFactory(), **marks))
    assert html == expected


def test_a_cancelled_row_is_marked_for_the_eye_too():
    html = days([occurrence(ScheduleFactory(), place_closed=True)])
    assert '<li class="agenda-item agenda-item--cancelled">' in html


def short_days(occurrences, show_place=False) -> str:
    return render(
        "{% occurrence_days occurrences show_place=show_place %}",
        occurrences=occurrences,
        show_place=show_place,
    )


def test_a_short_row_says_when_and_what_and_where_only_when_asked():
    place = LocationFactory(name="Wijkhuis 't Oosten")
    schedule = ScheduleFactory(activity=ActivityFactory(title="Koffie & praten", location=place))
    url = f"/activiteiten/{schedule.activity.slug}/"

    assert short_days([occurrence(schedule)]) == (
        '<h3 class="day-heading">Dinsdag 8 december</h3> <ul class="agenda">'
        '<li class="agenda-item"> <span class="time">10:00–12:00</span> '
        f'<a href="{url}">Koffie &amp; praten</a> </li></ul>'
    )
    assert (
        f'<a href="{url}">Koffie &amp; praten</a> <span class="meta">Wijkhuis &#x27;t Oosten</span>'
        in short_days([occurrence(schedule)], show_place=True)
    )


def test_short_rows_are_grouped_by_day_marked_when_cancelled_and_escaped():
    tuesday = ScheduleFactory(activity=ActivityFactory(title="<i>Yoga</i>"))
    wednesday = ScheduleFactory(weekdays=[2])
    html = short_days(
        [
            occurrence(tuesday, cancelled=True, cancellation_reason="<b>ziek</b>"),
            occurrence(tuesday, place_closed=True),
            occurrence(wednesday, TUESDAY + datetime.timedelta(days=1)),
        ],
        show_place=True,
    )
    headings = re.findall(r'<h3 class="day-heading">(.*?)</h3>', html)
    assert headings == ["Dinsdag 8 december", "Woensdag 9 december"], "no 'today' here"
    assert html.count('<li class="agenda-item agenda-item--cancelled">') == 2
    assert html.count('<li class="agenda-item">') == 1
    assert "&lt;i&gt;Yoga&lt;/i&gt;" in html
    assert "<i>" not in html
    assert "Gaat niet door: &lt;b&gt;ziek&lt;/b&gt;" in html


def test_no_short_rows_say_that_nothing_is_planned():
    assert short_days([]) == "<p>In deze periode zijn geen activiteiten gepland.</p>"
    with translation.override("en"):
        assert "No activities planned in this period." in Template(
            "{% load agenda %}{% occurrence_days occurrences %}"
        ).render(Context({"occurrences": []}))
