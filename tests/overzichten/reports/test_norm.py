"""The norm grid and the norm per cluster, against numbers worked out by hand."""

import pytest
from django.utils import translation

from locaties import opening
from locaties.models import Location, LocationKind, OpeningHours
from overzichten.reports.common import filtered_places
from overzichten.reports.grid import (
    Slot,
    describe_span,
    grid_hours,
    grid_hours_for,
    partial_hour_example,
    place_week,
)
from overzichten.reports.norm import norm_report, norms_in_words, weighted_percentage
from tests.factories import (
    LocationFactory,
    LocationKindFactory,
    OpeningHoursFactory,
)
from tests.overzichten.conftest import T, place_filter

pytestmark = pytest.mark.django_db


# --- The norm grid ------------------------------------------------------------------


def states(week, weekday):
    return [cell.state for cell in week.grid[weekday].cells]


def gaps(week, weekday):
    return [cell.gap for cell in week.grid[weekday].cells]


def week_of(slug, filterset=None):
    """A place's week in the grid of all the places shown (their hours and norms)."""
    places = list(filtered_places(filterset or place_filter()))
    hours = grid_hours(places)
    return place_week(next(p for p in places if p.slug == slug), hours)


def test_the_grid_runs_from_the_earliest_opening_to_the_latest_closing(city):
    places = list(filtered_places(place_filter()))
    # The norm from 08:30 and Sportlust open until 20:30: 08:00 up to 21:00.
    assert grid_hours(places) == tuple(range(8, 21))
    assert grid_hours_for(filtered_places(place_filter())) == tuple(range(8, 21))
    assert describe_span(grid_hours(places)) == ("08:00", "21:00")


def test_the_grid_follows_the_hours_shown_and_their_norms(city):
    # Only the petting farm (10:00–17:00) and the norm of its kind (08:30–20:00).
    farm = place_filter(kind="petting_farm")
    assert grid_hours(filtered_places(farm)) == tuple(range(8, 20))
    # Without a norm, the hours alone: 10:00 up to 17:00.
    LocationKind.objects.filter(slug="petting_farm").update(
        norm_weekdays=[], norm_opens=None, norm_closes=None
    )
    assert grid_hours(filtered_places(farm)) == tuple(range(10, 17))
    assert grid_hours_for(filtered_places(farm)) == tuple(range(10, 17))
    # A place open until midnight: the grid runs to 24:00.
    OpeningHours.objects.filter(location__slug="kinderboerderij", weekday=6).update(closes=T(0, 0))
    assert grid_hours(filtered_places(farm)) == tuple(range(10, 24))
    assert grid_hours_for(filtered_places(farm)) == tuple(range(10, 24))
    assert describe_span(tuple(range(10, 24))) == ("10:00", "24:00")


def test_nothing_to_draw_makes_an_empty_grid(city):
    playground = place_filter(kind="playground")  # no hours; its kind's norm is dropped
    LocationKind.objects.filter(slug="playground").update(
        norm_weekdays=[], norm_opens=None, norm_closes=None
    )
    assert grid_hours(filtered_places(playground)) == ()
    assert grid_hours_for(filtered_places(playground)) == ()
    assert describe_span(()) is None


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
    week = place_week(place, grid_hours([place]))
    assert states(week, 0)[11] == Slot.PARTLY  # 19:00–20:00: open until 19:30
    assert gaps(week, 0)[11] is True
    # 30 minutes a day short: 660 of 690, not 11 of 12 hours.
    assert week.percentage == round(100 * 660 / 690, 1)


def test_touching_intervals_count_as_one(db):
    place = LocationFactory()
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday, opens=T(8, 30), closes=T(12, 0))
        OpeningHoursFactory(location=place, weekday=weekday, opens=T(12, 0), closes=T(20, 0))
    week = place_week(Location.objects.with_hours().get(pk=place.pk))
    assert week.meets_norm
    assert week.open_minutes == 7 * 690


def test_cluster_grid_and_percentage(city):
    clusters = norm_report(filtered_places(place_filter()))
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
    places = list(filtered_places(place_filter()))
    hours = grid_hours(places)
    clusters = norm_report(places, hours)
    weeks = {p.location.slug: p for c in clusters for p in c.places}

    # The grid follows the hours alone: De Magneet from 08:30, Sportlust until 20:30.
    assert hours == tuple(range(8, 21))
    for week in weeks.values():
        assert (week.has_norm, week.check, week.norm) == (False, None, None)
        assert (week.percentage, week.meets_norm, week.gap_minutes, week.gap_hours) == (None,) * 4
        assert not any(cell.gap for day in week.grid for cell in day.cells)
    assert all(c.percentage is None and c.with_norm == 0 for c in clusters)
    assert weighted_percentage(list(weeks.values())) is None
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
    clusters = norm_report(filtered_places(place_filter()))
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
        (group,) = norms_in_words(LocationKind.objects.all())
        assert group.kinds == [LocationKind.objects.get(slug="park")]
        assert (group.names, group.words) == ("Meeting parks", "every day 08:30–20:00, supervised")


def test_kinds_with_the_same_norm_are_named_together(city):
    LocationKind.objects.filter(slug="playground").update(norm_supervised=False)
    with translation.override("en"):
        groups = norms_in_words(LocationKind.objects.all())
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
    return norm_report(filtered_places(place_filter()))


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
    (cluster,) = norm_report(filtered_places(place_filter()))
    (week,) = cluster.places

    assert (week.meets_norm, week.percentage) == (True, 100.0)
    assert states(week, 0) == [Slot.OPEN] * 8
    assert not any(any(gaps(week, day)) for day in range(7))
    assert week.supervised_minutes == 0
    # The same hours miss the norm as soon as it asks for supervision.
    LocationKind.objects.filter(pk=kind.pk).update(norm_supervised=True)
    (cluster,) = norm_report(filtered_places(place_filter()))
    assert cluster.places[0].percentage == 0.0
    assert all(gaps(cluster.places[0], 0))


def test_the_explanation_of_a_partly_covered_hour_comes_from_the_norms(db):
    nine_to_five = opening.Norm((0, 1, 2, 3, 4), T(9), T(17))
    half_past = opening.Norm(tuple(range(7)), T(8, 30), T(20))
    until_half_past = opening.Norm((5,), T(10), T(16, 30))
    assert partial_hour_example([nine_to_five]) is None
    assert partial_hour_example([nine_to_five, half_past]) == {
        "edge": "opens",
        "hour": "08:00–09:00",
        "time": "08:30",
    }
    assert partial_hour_example([until_half_past]) == {
        "edge": "closes",
        "hour": "16:00–17:00",
        "time": "16:30",
    }
