"""The agenda FilterSet and its helpers, and the places FilterSet's activity filters, without
going through a page."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.http import QueryDict
from django.utils import translation

from activiteiten.filters import (
    ActivityFilter,
    PlaceFilter,
    matching_schedules,
    max_week,
    week_number,
    week_period,
)
from activiteiten.models import Activity, Schedule
from locaties.models import Location
from tests.factories import (
    ActivityFactory,
    LocationFactory,
    ScheduleFactory,
    TargetGroupFactory,
    ThemeFactory,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("value", "week", "complains"),
    [
        (None, 0, False),
        ("", 0, False),
        ("0", 0, False),
        ("1", 1, False),
        (" 7 ", 7, False),
        ("12", 12, False),  # the last: AGENDA_DATES_DAYS is 92
        ("13", 0, True),
        ("-1", 0, True),
        ("999999999999", 0, True),
        ("9" * 5000, 0, True),
        ("1.5", 0, True),
        ("abc", 0, True),
        ("\x00", 0, True),
        ("٣", 0, True),  # a digit, but not one people type in a URL
    ],
)
def test_week_number(value, week, complains):
    number, message = week_number(value)
    assert number == week
    assert bool(message) is complains


def test_week_period_starts_now_then_at_midnight():
    now = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM)
    start, end, first, last = week_period(0, now)
    assert (start, first, last) == (now, datetime.date(2026, 11, 23), datetime.date(2026, 11, 29))
    assert end == datetime.datetime(2026, 11, 30, 0, 0, tzinfo=AMSTERDAM)
    start, end, first, last = week_period(2, now)
    assert start == datetime.datetime(2026, 12, 7, 0, 0, tzinfo=AMSTERDAM)
    assert end == datetime.datetime(2026, 12, 14, 0, 0, tzinfo=AMSTERDAM)


def test_week_period_across_the_change_to_winter_time():
    now = datetime.datetime(2026, 10, 22, 9, 0, tzinfo=AMSTERDAM)
    start, end, _, last = week_period(0, now)
    assert last == datetime.date(2026, 10, 28)
    assert end.utcoffset() == datetime.timedelta(hours=1)
    assert start.utcoffset() == datetime.timedelta(hours=2)


@pytest.mark.django_db
def test_matching_schedules_knows_the_weekday_of_a_one_off():
    saturday_once = ScheduleFactory(
        frequency=Schedule.Frequency.ONCE,
        weekdays=[],
        start_date=datetime.date(2026, 11, 28),
        start_time=datetime.time(17, 0),
        end_time=datetime.time(18, 0),
    )
    weekly = ScheduleFactory(weekdays=[1, 5], start_time=datetime.time(9, 30))
    assert set(matching_schedules(days=[5])) == {saturday_once, weekly}
    assert set(matching_schedules(days=[1])) == {weekly}
    assert set(matching_schedules(days=[5], parts=["evening"])) == {saturday_once}
    assert set(matching_schedules(parts=["morning", "afternoon"])) == {weekly}
    assert set(matching_schedules(days=[0])) == set()


@pytest.mark.django_db
def test_problems_name_the_field_and_leave_the_rest_applied():
    sport = ThemeFactory(name="Sport", slug="sport")
    ActivityFactory(title="Gym").themes.add(sport)
    ActivityFactory(title="Bingo")
    data = QueryDict("theme=sport&cluster=nergens&day=9&part=evening&part=night&q=")
    with translation.override("en"):
        filterset = ActivityFilter(data)
        assert [a.title for a in filterset.qs] == ["Gym"]
        assert [label for label, _ in filterset.problems] == ["Day", "Part of the day", "Cluster"]
        assert filterset.query_items() == [("theme", "sport")]
        assert filterset.summary() == ["Sport"]
        # The form shown to the resident only holds what applies.
        form = filterset.display_form
        assert form["theme"].value() == "sport"
        assert form["cluster"].value() is None


@pytest.mark.django_db
def test_query_items_round_trip_every_kind_of_value():
    place = LocationFactory(slug="de-magneet")
    data = QueryDict("q=koffie&day=3&day=1&part=morning&place=de-magneet&free=on&support_need=true")
    filterset = ActivityFilter(data)
    assert filterset.problems == []
    assert filterset.query_items() == [
        ("q", "koffie"),
        ("day", "1"),
        ("day", "3"),
        ("part", "morning"),
        ("place", place.slug),
        ("free", "on"),
        ("support_need", "on"),
    ]
    again = ActivityFilter(QueryDict(filterset.querystring()))
    assert again.query_items() == filterset.query_items()


@pytest.mark.django_db
def test_repeated_values_count_once():
    with translation.override("en"):
        filterset = ActivityFilter(QueryDict("day=1&day=1&part=evening&day=1&part=evening"))
        assert filterset.query_items() == [("day", "1"), ("part", "evening")]
        assert filterset.summary() == ["Tuesday", "Evening (from 17:00)"]


@pytest.mark.django_db
def test_unticked_checkboxes_do_not_mean_paid_only():
    ActivityFactory(title="Gratis", is_free=True)
    ActivityFactory(title="Betaald", is_free=False, cost="€ 1")
    assert {a.title for a in ActivityFilter(QueryDict("")).qs} == {"Gratis", "Betaald"}
    assert {a.title for a in ActivityFilter(QueryDict("free=on")).qs} == {"Gratis"}


@pytest.mark.django_db
def test_only_published_activities_at_published_places_by_default():
    ActivityFactory(title="Zichtbaar")
    ActivityFactory(title="Concept", status=Activity.Status.DRAFT)
    ActivityFactory(title="Gestopt", status=Activity.Status.CANCELLED)
    ActivityFactory(title="Verborgen plek", location=LocationFactory(published=False))
    assert [a.title for a in ActivityFilter(QueryDict("")).qs] == ["Zichtbaar"]
    public = ActivityFilter(QueryDict(""), queryset=Activity.objects.public()).qs
    assert sorted(a.title for a in public) == ["Gestopt", "Zichtbaar"]


@pytest.mark.django_db
def test_choice_lists_are_read_once_each(django_assert_num_queries):
    LocationFactory.create_batch(3)
    filterset = ActivityFilter(QueryDict("place=x&cluster=y&theme=z"))
    with django_assert_num_queries(3):  # places, clusters and themes
        filterset.form.is_valid()
        filterset.summary()
    with django_assert_num_queries(2):  # rendering adds target groups and organisers, once
        str(filterset.display_form)
        str(filterset.display_form)


@pytest.mark.django_db
def test_lists_that_depend_on_the_data_alone_are_kept_until_it_changes(
    django_assert_num_queries,
):
    """Themes, target groups, clusters and organisers are the same on every page: read once
    per change of the data (and per language), not on each page."""
    activity = ActivityFactory(location__cluster__name="Noord", organiser__name="Alifa")
    ThemeFactory(name="Bewegen", name_en="Exercise")

    def shown(*names) -> dict[str, list[str]]:
        form = ActivityFilter(QueryDict("")).display_form
        return {
            name: [str(label) for value, label in form.fields[name].choices if value]
            for name in names
        }

    first = shown("cluster", "organiser", "theme", "target_group")
    assert first["organiser"] == ["Alifa"]
    assert "Bewegen" in first["theme"]
    with django_assert_num_queries(1):  # the places, whose list depends on what is chosen
        assert shown("cluster", "organiser", "theme", "target_group", "place") == {
            **first,
            "place": [activity.location.name],
        }

    organiser = activity.organiser
    organiser.name = "Alifa Welzijn"
    organiser.save()
    ActivityFactory(organiser__name="Vizier")
    assert shown("organiser")["organiser"] == ["Alifa Welzijn", "Vizier"]

    with translation.override("en"):
        english = shown("theme")["theme"]
    assert "Exercise" in english
    assert "Bewegen" not in english
    with translation.override("nl"):
        assert shown("theme")["theme"] == first["theme"]


@pytest.mark.django_db
def test_a_large_city_lists_only_the_places_of_the_chosen_cluster(monkeypatch):
    monkeypatch.setattr("activiteiten.filters.MAX_PLACE_CHOICES", 2)
    noord = LocationFactory(name="De Magneet", cluster__slug="noord").cluster
    LocationFactory(name="Rigtersbleek", cluster=noord)
    LocationFactory(name="Het Diekman", slug="het-diekman", cluster__slug="zuid")

    def shown(query: str) -> list[str]:
        form = ActivityFilter(QueryDict(query)).display_form
        return [str(label) for value, label in form.fields["place"].choices if value]

    assert shown("") == []
    assert shown("cluster=noord") == ["De Magneet", "Rigtersbleek"]
    assert shown("place=het-diekman") == ["Het Diekman"]
    # Every place still works as a filter, chosen in a link or the address bar.
    assert ActivityFilter(QueryDict("place=het-diekman")).form.is_valid()
    assert ActivityFilter(QueryDict("place=het-diekman&cluster=noord")).form.is_valid()
    for unknown in ("place=nergens", "place=%00", "cluster=%00"):
        filterset = ActivityFilter(QueryDict(unknown))
        assert not filterset.form.is_valid()
        assert shown(unknown) == []


@pytest.mark.django_db
def test_a_large_city_reads_only_the_places_it_offers(monkeypatch, django_assert_num_queries):
    monkeypatch.setattr("activiteiten.filters.MAX_PLACE_CHOICES", 2)
    noord = LocationFactory(cluster__slug="noord").cluster
    LocationFactory.create_batch(5)
    in_noord = [place.slug for place in noord.locations.order_by("name")]
    filterset = ActivityFilter(QueryDict("cluster=noord"))
    with django_assert_num_queries(2):  # the first places, to know the city is large; then
        choices = filterset.form.fields["place"].choices  # the chosen cluster's
        assert [value for value, _label in choices if value] == in_noord
    again = ActivityFilter(QueryDict("cluster=noord"))
    with django_assert_num_queries(1):  # the first places are kept until the data changes
        assert [value for value, _label in again.form.fields["place"].choices if value] == in_noord


@pytest.mark.parametrize(
    ("days", "weeks"), [(92, 12), (96, 12), (97, 13), (371, 52), (6, 0), (0, 0)]
)
def test_the_agenda_reaches_as_far_as_its_dates_are_kept(settings, days, weeks):
    """Every week offered lies wholly within the stored dates, so each is one indexed query."""
    settings.AGENDA_DATES_DAYS = days
    assert max_week() == weeks
    assert week_number(str(weeks)) == (weeks, "")
    assert week_number(str(weeks + 1))[0] == 0


# --- The places FilterSet: the places hosting activities ---------------------------------------


def places(query: str) -> list[str]:
    filterset = PlaceFilter(QueryDict(query), queryset=Location.objects.published())
    return [location.name for location in filterset.qs]


@pytest.mark.django_db
def test_theme_and_target_group_count_only_published_activities():
    sport = ThemeFactory(slug="sport-en-bewegen", name="Sport en bewegen")
    elderly = TargetGroupFactory(slug="ouderen", name="Ouderen")
    host = LocationFactory(name="Met activiteit")
    draft_host = LocationFactory(name="Met concept")
    hidden = LocationFactory(name="Verborgen plek", published=False)
    for location, status in (
        (host, Activity.Status.PUBLISHED),
        (draft_host, Activity.Status.DRAFT),
        (draft_host, Activity.Status.CANCELLED),
        (hidden, Activity.Status.PUBLISHED),
    ):
        activity = ActivityFactory(location=location, status=status)
        activity.themes.set([sport])
        activity.target_groups.set([elderly])
    LocationFactory(name="Zonder activiteit")
    assert places("theme=sport-en-bewegen") == ["Met activiteit"]
    assert places("target_group=ouderen") == ["Met activiteit"]
    assert places("theme=sport-en-bewegen&target_group=ouderen&q=concept") == []
    assert "theme" in PlaceFilter(QueryDict("theme=onbekend")).errors


# Where the form has always had them: between the accessibility and "near me".
PLACE_FILTERS = [
    "q",
    "kind",
    "cluster",
    "open_now",
    "supervised_now",
    "day",
    "open_at",
    "access",
    "theme",
    "target_group",
    "postcode",
    "lat",
    "lon",
]


@pytest.mark.django_db
def test_the_activity_filters_keep_their_place_among_the_place_filters():
    assert list(PlaceFilter.base_filters) == PLACE_FILTERS
    assert list(PlaceFilter(QueryDict("")).form.fields) == PLACE_FILTERS


@pytest.mark.django_db
def test_the_activity_filters_are_named_and_linked_in_their_place():
    ThemeFactory(slug="sport", name="Sport")
    query = "postcode=7544&target_group=niemand&theme=sport&kind=kasteel&access=parking"
    with translation.override("en"):
        filterset = PlaceFilter(QueryDict(query))
        assert [label for label, _ in filterset.problems] == ["Kind of place", "Activities for"]
        assert filterset.query_items() == [
            ("access", "parking"),
            ("theme", "sport"),
            ("postcode", "7544"),
        ]
        assert filterset.summary() == ["parking", "Sport", "7544"]
