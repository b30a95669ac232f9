"""The counting behind the overviews, against numbers worked out by hand and by plain queries."""

import datetime

import pytest
from django.db.models import Q
from django.http import QueryDict
from django.utils import translation

from activiteiten.models import Activity
from locaties import opening
from locaties.models import Location, LocationKind, OpeningHours
from overzichten import reports
from overzichten.reports import Slot
from tests.factories import (
    LocationFactory,
    LocationKindFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    ScheduleFactory,
)
from tests.overzichten.conftest import MONDAY, T

pytestmark = pytest.mark.django_db


def place_filter(**data):
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query[key] = value
    return reports.overview_filter(query)


def places_by_slug(filterset=None):
    places = reports.filtered_places(filterset or place_filter())
    return {p.slug: p for p in places}


# --- Places by kind and status ------------------------------------------------------


def test_status_counts_match_the_database(city):
    report = reports.status_report(place_filter())
    designated = Location.objects.filter(status=Location.Status.DESIGNATED).count()
    assert (report.total.designated, report.total.total) == (designated, Location.objects.count())
    assert (report.total.designated, report.total.total) == (3, 6)  # "3 of 6 designated"
    # One row per kind that exists, in the kinds' order.
    assert [kind.slug for kind in report.kinds] == ["park", "house", "playground", "petting_farm"]
    for kind, tally in report.by_kind:
        of_kind = Location.objects.filter(kind=kind)
        assert tally.designated == of_kind.filter(status="designated").count()
        assert tally.planned == of_kind.filter(status="planned").count()
    for row in report.clusters:
        in_cluster = Location.objects.filter(cluster=row.cluster)
        assert row.total.designated == in_cluster.filter(status="designated").count()
        assert row.total.total == in_cluster.count()
        for kind, tally in zip(report.kinds, row.tallies, strict=True):
            assert tally.total == in_cluster.filter(kind=kind).count()


def test_a_kind_without_places_still_has_its_row_and_a_new_kind_its_own(city):
    LocationKindFactory(slug="bibliotheek", order=0)
    report = reports.status_report(place_filter())
    assert report.kinds[0].slug == "bibliotheek"
    assert report.by_kind[0][1].total == 0
    assert all(len(row.tallies) == 5 for row in report.clusters)


def test_the_status_report_runs_a_fixed_number_of_queries(city, django_assert_num_queries):
    for number in range(5):
        LocationFactory(kind=LocationKindFactory(slug=f"soort-{number}"))
    filterset = place_filter()
    # The kinds, the counts, the clusters, the buildings: however many kinds and places.
    with django_assert_num_queries(4):
        reports.status_report(filterset)


@translation.override("nl")
def test_buildings_future_proof_and_new_building_with_year(city):
    report = reports.status_report(place_filter())
    parks = Location.objects.filter(kind__slug="park")
    # Only the parks have a building status: theirs is the one group.
    (group,) = report.buildings
    assert group.kind.slug == "park"
    assert group.heading == "3 ontmoetingsparken"
    assert group.future_proof == parks.filter(building_status="future_proof").count() == 1
    assert group.new_building == parks.filter(building_status="new_building_planned").count()
    assert group.new_building_years == [(2028, 2)]
    assert [p.name for p in group.places] == ["Rigtersbleek", "Sportlust", "Victoria"]


@translation.override("nl")
def test_buildings_of_another_kind_make_their_own_group(city):
    Location.objects.filter(slug="de-magneet").update(building_status="future_proof")
    report = reports.status_report(place_filter())
    assert [(g.kind.slug, g.heading) for g in report.buildings] == [
        ("park", "3 ontmoetingsparken"),
        ("house", "1 ontmoetingshuis"),
    ]


def test_without_building_statuses_there_is_no_buildings_section(city):
    Location.objects.update(building_status="", new_building_year=None)
    assert reports.status_report(place_filter()).buildings == []


def test_status_follows_the_public_filter(city):
    report = reports.status_report(place_filter(cluster="oost", kind="park"))
    assert [row.cluster.slug for row in report.clusters] == ["oost"]
    assert (report.total.designated, report.total.total) == (1, 2)
    assert [p.name for p in report.buildings[0].places] == ["Sportlust", "Victoria"]


def test_a_bad_filter_value_is_ignored_and_reported(city):
    filterset = place_filter(cluster="nowhere", open_at="25:99")
    report = reports.status_report(filterset)
    assert report.total.total == 6
    problems = dict(filterset.problems)
    assert set(problems) == {str(filterset.form.fields[n].label) for n in ("cluster", "open_at")}


def test_staff_see_unpublished_places_too(city):
    assert "kinderboerderij" in places_by_slug()


# --- The norm grid ------------------------------------------------------------------


def states(week, weekday):
    return [cell.state for cell in week.grid[weekday].cells]


def gaps(week, weekday):
    return [cell.gap for cell in week.grid[weekday].cells]


def week_of(slug, filterset=None):
    """A place's week in the grid of all the places shown (their hours and norms)."""
    places = list(reports.filtered_places(filterset or place_filter()))
    hours = reports.grid_hours(places)
    return reports.place_week(next(p for p in places if p.slug == slug), hours)


def test_the_grid_runs_from_the_earliest_opening_to_the_latest_closing(city):
    places = list(reports.filtered_places(place_filter()))
    # The norm from 08:30 and Sportlust open until 20:30: 08:00 up to 21:00.
    assert reports.grid_hours(places) == tuple(range(8, 21))
    assert reports.grid_hours_for(reports.filtered_places(place_filter())) == tuple(range(8, 21))
    assert reports.describe_span(reports.grid_hours(places)) == ("08:00", "21:00")


def test_the_grid_follows_the_hours_shown_and_their_norms(city):
    # Only the petting farm (10:00–17:00) and the norm of its kind (08:30–20:00).
    farm = place_filter(kind="petting_farm")
    assert reports.grid_hours(reports.filtered_places(farm)) == tuple(range(8, 20))
    # Without a norm, the hours alone: 10:00 up to 17:00.
    LocationKind.objects.filter(slug="petting_farm").update(
        norm_weekdays=[], norm_opens=None, norm_closes=None
    )
    assert reports.grid_hours(reports.filtered_places(farm)) == tuple(range(10, 17))
    assert reports.grid_hours_for(reports.filtered_places(farm)) == tuple(range(10, 17))
    # A place open until midnight: the grid runs to 24:00.
    OpeningHours.objects.filter(location__slug="kinderboerderij", weekday=6).update(closes=T(0, 0))
    assert reports.grid_hours(reports.filtered_places(farm)) == tuple(range(10, 24))
    assert reports.grid_hours_for(reports.filtered_places(farm)) == tuple(range(10, 24))
    assert reports.describe_span(tuple(range(10, 24))) == ("10:00", "24:00")


def test_nothing_to_draw_makes_an_empty_grid(city):
    playground = place_filter(kind="playground")  # no hours; its kind's norm is dropped
    LocationKind.objects.filter(slug="playground").update(
        norm_weekdays=[], norm_opens=None, norm_closes=None
    )
    assert reports.grid_hours(reports.filtered_places(playground)) == ()
    assert reports.grid_hours_for(reports.filtered_places(playground)) == ()
    assert reports.describe_span(()) is None


def test_a_place_meeting_the_norm(city):
    week = week_of("de-magneet")
    # 08:00–09:00 is judged on 08:30–09:00 (the norm's part of it): supervised.
    assert all(states(week, day)[:12] == [Slot.SUPERVISED] * 12 for day in range(7))
    assert states(week, 0)[12] == Slot.CLOSED  # 20:00–21:00: outside the norm, closed
    assert not any(cell.gap for day in week.grid for cell in day.cells)
    assert (week.percentage, week.meets_norm, week.gap_minutes) == (100.0, True, 0)
    assert (week.open_hours, week.supervised_hours) == (80.5, 80.5)


def test_grid_cells_and_percentage_worked_out_by_hand(city):
    week = week_of("rigtersbleek")
    sup, opn, shut = Slot.SUPERVISED, Slot.OPEN, Slot.CLOSED
    # Monday: supervised from 09:00, so the 08:00 hour is a gap; 20:00 is outside the norm.
    assert states(week, 0) == [shut] + [sup] * 11 + [shut]
    assert gaps(week, 0) == [True] + [False] * 11 + [False]
    # Saturday: open 10:00–16:00 without supervision: open, but gaps all day in the norm.
    assert states(week, 5) == [shut, shut] + [opn] * 6 + [shut] * 5
    assert gaps(week, 5) == [True] * 12 + [False]
    assert states(week, 6) == [shut] * 13
    # 5 × 660 supervised minutes of 7 × 690 in the norm.
    assert week.check.norm_minutes == 4830
    assert week.percentage == round(100 * 3300 / 4830, 1) == 68.3
    assert week.gap_minutes == 4830 - 3300
    assert (week.open_hours, week.supervised_hours, week.unsupervised_hours) == (61, 55, 6)


def test_part_of_an_hour_outside_the_norm_is_partly_open_not_a_gap(city):
    week = week_of("sportlust")
    assert states(week, 1)[12] == Slot.PARTLY  # Tuesday 20:00–20:30
    assert gaps(week, 1)[12] is False
    assert week.unsupervised_minutes == 30


def test_half_hours_inside_the_norm_count_as_minutes(db):
    place = LocationFactory()
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday, opens=T(8, 30), closes=T(19, 30))
    place = Location.objects.with_hours().get(pk=place.pk)
    week = reports.place_week(place, reports.grid_hours([place]))
    assert states(week, 0)[11] == Slot.PARTLY  # 19:00–20:00: open until 19:30
    assert gaps(week, 0)[11] is True
    # 30 minutes a day short: 660 of 690, not 11 of 12 hours.
    assert week.percentage == round(100 * 660 / 690, 1)


def test_touching_intervals_count_as_one(db):
    place = LocationFactory()
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday, opens=T(8, 30), closes=T(12, 0))
        OpeningHoursFactory(location=place, weekday=weekday, opens=T(12, 0), closes=T(20, 0))
    week = reports.place_week(Location.objects.with_hours().get(pk=place.pk))
    assert week.meets_norm
    assert week.open_minutes == 7 * 690


def test_cluster_grid_and_percentage(city):
    clusters = reports.norm_report(reports.filtered_places(place_filter()))
    noord, oost = clusters
    assert [p.location.slug for p in noord.places] == [
        "de-magneet",
        "rigtersbleek",
        "speeltuin-zuid",
    ]
    monday = noord.grid[0].cells
    assert (monday[0].supervised, monday[0].places, monday[0].gap) == (1, 3, True)
    assert (monday[2].supervised, monday[2].places) == (2, 3)
    assert monday[12].gap is False  # 20:00 is outside the norm
    # Minutes over the cluster's places: (4830 + 3300 + 0) / (3 × 4830).
    assert noord.percentage == round(100 * (4830 + 3300) / (3 * 4830), 1)
    assert noord.meeting_norm == 1
    # Oost: Victoria 0, Kinderboerderij 7 × 420, Sportlust 690.
    assert oost.percentage == round(100 * (7 * 420 + 690) / (3 * 4830), 1)


# --- Norms per kind, or none -----------------------------------------------------------


def drop_norms(*slugs):
    kinds = LocationKind.objects.filter(slug__in=slugs) if slugs else LocationKind.objects.all()
    kinds.update(norm_weekdays=[], norm_opens=None, norm_closes=None)


def test_without_any_norm_the_grid_shows_coverage_without_pass_or_fail(city):
    drop_norms()
    places = list(reports.filtered_places(place_filter()))
    hours = reports.grid_hours(places)
    clusters = reports.norm_report(places, hours)
    weeks = {p.location.slug: p for c in clusters for p in c.places}

    # The grid follows the hours alone: De Magneet from 08:30, Sportlust until 20:30.
    assert hours == tuple(range(8, 21))
    for week in weeks.values():
        assert (week.has_norm, week.check, week.norm) == (False, None, None)
        assert (week.percentage, week.meets_norm, week.gap_minutes, week.gap_hours) == (None,) * 4
        assert not any(cell.gap for day in week.grid for cell in day.cells)
    assert all(c.percentage is None and c.with_norm == 0 for c in clusters)
    assert reports.weighted_percentage(list(weeks.values())) is None
    assert not any(cell.gap for c in clusters for day in c.grid for cell in day.cells)
    # Coverage per weekday, by hand: Rigtersbleek Mon–Fri 09:00–20:00 supervised, Sat
    # 10:00–16:00 open without supervision, Sunday closed.
    rigtersbleek = weeks["rigtersbleek"]
    assert [(d.open_minutes, d.supervised_minutes) for d in rigtersbleek.grid] == [
        *[(660, 660)] * 5,
        (360, 0),
        (0, 0),
    ]
    assert (rigtersbleek.grid[5].open_hours, rigtersbleek.grid[5].supervised_hours) == (6, 0)
    assert (rigtersbleek.open_hours, rigtersbleek.supervised_hours) == (61, 55)
    # The cells still say open, supervised or closed.
    assert states(rigtersbleek, 5)[2:8] == [Slot.OPEN] * 6
    assert (clusters[0].open_hours, clusters[0].supervised_hours) == (80.5 + 61, 80.5 + 55)


def test_a_norm_on_one_kind_only_judges_only_its_places(city):
    drop_norms("house", "playground", "petting_farm")
    clusters = reports.norm_report(reports.filtered_places(place_filter()))
    noord, oost = clusters
    weeks = {p.location.slug: p for c in clusters for p in c.places}

    assert {slug for slug, w in weeks.items() if w.has_norm} == {
        "rigtersbleek",
        "victoria",
        "sportlust",
    }
    assert weeks["de-magneet"].percentage is None
    # Noord: only Rigtersbleek counts (3300 of 4830); Oost: Victoria 0 and Sportlust 690.
    assert (noord.with_norm, noord.meeting_norm) == (1, 0)
    assert noord.percentage == round(100 * 3300 / 4830, 1)
    assert oost.percentage == round(100 * 690 / (2 * 4830), 1)
    # Cells of a place without a norm are never gaps, whatever its hours.
    magneet = weeks["de-magneet"]
    assert not any(cell.gap for day in magneet.grid for cell in day.cells)
    # The cluster's Monday 08:00 cell is below the norm through Rigtersbleek alone.
    assert noord.grid[0].cells[0].gap is True
    assert noord.grid[6].cells[0].gap is True  # Sunday: Rigtersbleek closed
    with translation.override("en"):
        (group,) = reports.norms_in_words(LocationKind.objects.all())
        assert group.kinds == [LocationKind.objects.get(slug="park")]
        assert (group.names, group.words) == ("Meeting parks", "every day 08:30–20:00, supervised")


def test_kinds_with_the_same_norm_are_named_together(city):
    LocationKind.objects.filter(slug="playground").update(norm_supervised=False)
    with translation.override("en"):
        groups = reports.norms_in_words(LocationKind.objects.all())
        assert [(g.names, g.words) for g in groups] == [
            (
                "Meeting parks, meeting houses and meeting petting farms",
                "every day 08:30–20:00, supervised",
            ),
            ("Meeting playgrounds", "every day 08:30–20:00"),
        ]


def office_hours(*, supervised=True):
    """Noordenveld's village halls: Monday to Friday 09:00–17:00."""
    return LocationKindFactory(
        slug="dorpshuis",
        norm_weekdays=[0, 1, 2, 3, 4],
        norm_opens=T(9, 0),
        norm_closes=T(17, 0),
        norm_supervised=supervised,
    )


def village(kind):
    full = LocationFactory(name="Dorpshuis Roden", slug="roden", kind=kind)
    mornings = LocationFactory(name="Dorpshuis Norg", slug="norg", kind=kind)
    for weekday in range(5):
        OpeningHoursFactory(location=full, weekday=weekday, opens=T(9), closes=T(17))
        OpeningHoursFactory(location=mornings, weekday=weekday, opens=T(9), closes=T(13))
    # Open on Saturday too, although the norm does not ask for it.
    OpeningHoursFactory(location=full, weekday=5, opens=T(10), closes=T(12), supervised=False)
    return reports.norm_report(reports.filtered_places(place_filter()))


def test_a_weekdays_norm_from_nine_to_five(db):
    (cluster_a, cluster_b) = village(office_hours())
    weeks = {p.location.slug: p for c in (cluster_a, cluster_b) for p in c.places}
    roden, norg = weeks["roden"], weeks["norg"]

    assert (roden.percentage, roden.meets_norm, roden.gap_minutes) == (100.0, True, 0)
    # Norg misses 13:00–17:00 five times: 20 of 40 norm hours.
    assert (norg.percentage, norg.meets_norm, norg.gap_hours) == (50.0, False, 20)
    # The grid: 09:00 up to 17:00, eight columns; the weekend is never a gap.
    assert len(roden.grid[0].cells) == 8
    assert gaps(norg, 0) == [False] * 4 + [True] * 4
    assert gaps(norg, 5) == gaps(norg, 6) == [False] * 8
    assert states(roden, 5)[1:3] == [Slot.OPEN, Slot.OPEN]  # Saturday 10:00–12:00


def test_a_norm_without_supervision_asks_only_for_open_hours(db):
    kind = office_hours(supervised=False)
    place = LocationFactory(name="Kantine", slug="kantine", kind=kind)
    for weekday in range(5):
        OpeningHoursFactory(
            location=place, weekday=weekday, opens=T(9), closes=T(17), supervised=False
        )
    (cluster,) = reports.norm_report(reports.filtered_places(place_filter()))
    (week,) = cluster.places

    assert (week.meets_norm, week.percentage) == (True, 100.0)
    assert states(week, 0) == [Slot.OPEN] * 8
    assert not any(any(gaps(week, day)) for day in range(7))
    assert week.supervised_minutes == 0
    # The same hours miss the norm as soon as it asks for supervision.
    LocationKind.objects.filter(pk=kind.pk).update(norm_supervised=True)
    (cluster,) = reports.norm_report(reports.filtered_places(place_filter()))
    assert cluster.places[0].percentage == 0.0
    assert all(gaps(cluster.places[0], 0))


def test_the_explanation_of_a_partly_covered_hour_comes_from_the_norms(db):
    nine_to_five = opening.Norm((0, 1, 2, 3, 4), T(9), T(17))
    half_past = opening.Norm(tuple(range(7)), T(8, 30), T(20))
    until_half_past = opening.Norm((5,), T(10), T(16, 30))
    assert reports.partial_hour_example([nine_to_five]) is None
    assert reports.partial_hour_example([nine_to_five, half_past]) == {
        "edge": "opens",
        "hour": "08:00–09:00",
        "time": "08:30",
    }
    assert reports.partial_hour_example([until_half_past]) == {
        "edge": "closes",
        "hour": "16:00–17:00",
        "time": "16:30",
    }


# --- Supervision --------------------------------------------------------------------


def test_supervisors_from_the_cluster_or_assigned_to_the_place(city):
    rows = {
        r.location.slug: r
        for r in reports.supervision_report(reports.filtered_places(place_filter()))
    }
    assert rows["de-magneet"].supervisors.cluster_managers == ["Sanne de Vries"]
    assert rows["de-magneet"].supervisors.sports_coaches == ["Mo Bakker"]
    assert rows["victoria"].supervisors.sports_coaches == ["Ahmet Yilmaz"]
    assert rows["victoria"].supervisors.cluster_managers == []
    # A host is not a supervisor.
    assert rows["sportlust"].supervisors.none
    incomplete = {slug for slug, row in rows.items() if not row.supervisors.complete}
    assert incomplete == {"victoria", "kinderboerderij", "sportlust"}


def test_hours_without_supervision_per_place(city):
    rows = {
        r.location.slug: r
        for r in reports.supervision_report(reports.filtered_places(place_filter()))
    }
    for slug, row in rows.items():
        hours = OpeningHours.objects.filter(location__slug=slug)
        unsupervised = sum(
            (
                datetime.datetime.combine(MONDAY, h.closes)
                - datetime.datetime.combine(MONDAY, h.opens)
            ).seconds
            // 60
            for h in hours.filter(supervised=False)
        )
        assert row.week.unsupervised_minutes == unsupervised, slug
    assert rows["rigtersbleek"].week.unsupervised_hours == 6


# --- Offer --------------------------------------------------------------------------


def offer(monday=MONDAY, activities=None):
    return reports.offer_report(
        activities if activities is not None else Activity.objects.published(), monday
    )


def test_offer_counts_the_week_occurrences(city):
    report = offer()
    # Koffie Tue + Thu, football Mon + Wed (Fri cancelled), market Sat: the hidden and
    # the draft activities and the ended courses do not count.
    titles = [o.activity.title for o in report.occurrences]
    assert titles == [
        "Walking football",
        "Koffieochtend",
        "Walking football",
        "Koffieochtend",
        "Buurtmarkt",
    ]
    assert (report.activity_count, report.total_hours) == (3, 9)
    themes = {c.key: (c.occurrences, c.activity_count, c.hours) for c in report.themes}
    assert themes == {"eenzaamheid": (4, 2, 7), "sport": (2, 1, 3), "": (1, 1, 2)}  # "": no theme
    organisers = {c.label: (c.occurrences, c.hours) for c in report.organisers}
    assert organisers == {"Alifa": (3, 6), "Vizier": (2, 3)}
    clusters = {c.key: c.occurrences for c in report.clusters}
    assert clusters == {"noord": 4, "oost": 1}
    groups = {c.key: c.occurrences for c in report.target_groups}
    assert groups == {"ouderen": 2, "": 3}


def test_offer_in_another_week(city):
    report = offer(MONDAY + datetime.timedelta(days=7))
    # Football three times (Friday 13 is not cancelled), koffie twice, no market.
    assert len(report.occurrences) == 5
    assert {c.key: c.occurrences for c in report.places} == {"rigtersbleek": 3, "de-magneet": 2}


def test_hours_per_place_lists_quiet_places_too(city):
    quiet = list(Location.objects.published().order_by("name"))
    report = reports.offer_report(Activity.objects.published(), MONDAY, places=quiet)
    hours = {c.key: c.hours for c in report.places}
    assert hours == {
        "de-magneet": 4,
        "rigtersbleek": 3,
        "victoria": 2,
        "speeltuin-zuid": 0,
        "sportlust": 0,
    }


def test_offer_count_equals_a_hand_count_with_many_schedules(city):
    # Every day 18:00–19:00 at Victoria for this week only: seven more, one hour each.
    daily = Activity.objects.get(slug="buurtmarkt")
    ScheduleFactory(
        activity=daily,
        start_date=MONDAY,
        until=MONDAY + datetime.timedelta(days=6),
        weekdays=list(range(7)),
        start_time=T(18, 0),
        end_time=T(19, 0),
    )
    report = offer()
    assert len(report.occurrences) == 5 + 7
    assert {c.key: c.hours for c in report.places}["victoria"] == 2 + 7


def test_a_day_the_place_is_closed_is_left_out_of_the_offer(city):
    # De Magneet is closed on Thursday 5 March: Koffie goes ahead on Tuesday only.
    OpeningExceptionFactory(
        location=Location.objects.get(slug="de-magneet"),
        start_date=datetime.date(2026, 3, 5),
        reason="Studiedag",
    )
    report = offer()
    titles = [o.activity.title for o in report.occurrences]
    assert titles == ["Walking football", "Koffieochtend", "Walking football", "Buurtmarkt"]
    assert (report.activity_count, report.total_hours) == (3, 7)
    assert {c.key: c.occurrences for c in report.places} == {
        "rigtersbleek": 2,
        "de-magneet": 1,
        "victoria": 1,
    }


# --- Data quality -------------------------------------------------------------------


def test_data_quality_lists(city):
    today = datetime.date(2026, 3, 4)
    report = reports.quality_report(place_filter(), today)
    assert [p.slug for p in report.no_coordinates] == list(
        Location.objects.filter(latitude__isnull=True).values_list("slug", flat=True)
    )
    assert (
        {p.slug for p in report.no_hours}
        == set(Location.objects.filter(opening_hours__isnull=True).values_list("slug", flat=True))
        == {"speeltuin-zuid", "victoria"}
    )
    assert {p.slug for p in report.no_supervisor} == {"kinderboerderij", "sportlust"}
    stale = Activity.objects.filter(status="published").filter(
        Q(last_verified__isnull=True) | Q(last_verified__lt=today - datetime.timedelta(days=90))
    )
    assert {a.slug for a in report.not_verified} == set(stale.values_list("slug", flat=True))
    assert {a.slug for a in report.not_verified} == {"walking-football", "buurtmarkt"}
    ended = {(e.activity.slug, e.last) for e in report.ended_schedules}
    # Weekly on Tuesday until 1 February: last on 27 January; three Tuesdays from 6 January.
    assert ended == {
        ("oude-cursus", datetime.date(2026, 1, 27)),
        ("telcursus", datetime.date(2026, 1, 20)),
    }
    assert [a.slug for a in report.published_at_unpublished] == ["dieren-voeren"]
    assert report.total == 1 + 2 + 2 + 2 + 2 + 1


def test_an_ended_schedule_is_fine_when_another_runs(city):
    course = Activity.objects.get(slug="oude-cursus")
    ScheduleFactory(activity=course, start_date=datetime.date(2026, 3, 3))
    report = reports.quality_report(place_filter(), datetime.date(2026, 3, 4))
    assert "oude-cursus" not in {e.activity.slug for e in report.ended_schedules}


def test_a_one_off_in_the_past_has_ended(city):
    report = reports.quality_report(place_filter(), datetime.date(2026, 3, 8))
    assert ("buurtmarkt", datetime.date(2026, 3, 7)) in {
        (e.activity.slug, e.last) for e in report.ended_schedules
    }


def test_data_quality_follows_the_filter(city):
    report = reports.quality_report(place_filter(cluster="noord"), datetime.date(2026, 3, 4))
    assert [p.slug for p in report.no_hours] == ["speeltuin-zuid"]
    assert report.no_supervisor == []
    assert report.published_at_unpublished == []
    assert {a.slug for a in report.not_verified} == {"walking-football"}


# --- Describing the filter ------------------------------------------------------------


def test_the_filter_in_words(city):
    filterset = place_filter(cluster="noord", kind="park", open_at="10:00")
    described = dict(filterset.described())
    assert described[str(filterset.form.fields["cluster"].label)] == "Noord"
    assert described[str(filterset.form.fields["open_at"].label)] == "10:00"
    park = LocationKind.objects.get(slug="park")
    assert park.label in described[str(filterset.form.fields["kind"].label)]
