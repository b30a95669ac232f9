"""Places by kind and status, and their buildings, against numbers worked out by hand."""

import pytest
from django.utils import translation

from locaties.models import Location
from overzichten.reports.status import status_report
from tests.factories import (
    LocationFactory,
    LocationKindFactory,
)
from tests.overzichten.conftest import place_filter, places_by_slug

pytestmark = pytest.mark.django_db


# --- Places by kind and status ------------------------------------------------------


def test_status_counts_match_the_database(city):
    report = status_report(place_filter())
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
    report = status_report(place_filter())
    assert report.kinds[0].slug == "bibliotheek"
    assert report.by_kind[0][1].total == 0
    assert all(len(row.tallies) == 5 for row in report.clusters)


def test_the_status_report_runs_a_fixed_number_of_queries(city, django_assert_num_queries):
    for number in range(5):
        LocationFactory(kind=LocationKindFactory(slug=f"soort-{number}"))
    filterset = place_filter()
    # The kinds, the counts, the clusters, the buildings: however many kinds and places.
    with django_assert_num_queries(4):
        status_report(filterset)


@translation.override("nl")
def test_buildings_future_proof_and_new_building_with_year(city):
    report = status_report(place_filter())
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
    report = status_report(place_filter())
    assert [(g.kind.slug, g.heading) for g in report.buildings] == [
        ("park", "3 ontmoetingsparken"),
        ("house", "1 ontmoetingshuis"),
    ]


def test_without_building_statuses_there_is_no_buildings_section(city):
    Location.objects.update(building_status="", new_building_year=None)
    assert status_report(place_filter()).buildings == []


def test_status_follows_the_public_filter(city):
    report = status_report(place_filter(cluster="oost", kind="park"))
    assert [row.cluster.slug for row in report.clusters] == ["oost"]
    assert (report.total.designated, report.total.total) == (1, 2)
    assert [p.name for p in report.buildings[0].places] == ["Sportlust", "Victoria"]


def test_a_bad_filter_value_is_ignored_and_reported(city):
    filterset = place_filter(cluster="nowhere", open_at="25:99")
    report = status_report(filterset)
    assert report.total.total == 6
    problems = dict(filterset.problems)
    assert set(problems) == {str(filterset.form.fields[n].label) for n in ("cluster", "open_at")}


def test_staff_see_unpublished_places_too(city):
    assert "kinderboerderij" in places_by_slug()
