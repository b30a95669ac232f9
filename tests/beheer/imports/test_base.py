"""What every import shares: a file twice, the dry run, one transaction for the whole file."""

import datetime

import pytest

from beheer import services
from beheer.models import ImportBatch
from locaties.models import Location
from ontmoeting import roles
from tests.beheer.imports.helpers import (
    ACTIVITY_HEADINGS,
    CLUSTERS,
    PLACE_HEADINGS,
    activity_file,
    activity_row,
    assert_rejected,
    check,
    check_and_apply,
    counts,
    csv_bytes,
    errors,
    nl,
    place_row,
    staff,
    xlsx,
)
from tests.factories import (
    ActivityFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


# name: (kind, file name, content, row, column, the expected message)
BAD_FILES = {
    "duplicate rows": (
        "activities",
        "a.xlsx",
        lambda: activity_file(activity_row(), activity_row(beschrijving="Nog eens")),
        3,
        "titel",
        lambda: nl(
            "This row is about the same %(thing)s as row %(row)s (“%(key)s”): each %(thing)s may "
            "appear only once in the file.",
            thing=nl("activity"),
            row=2,
            key="koffieochtend-de-linde",
        ),
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_bad_file_is_rejected_with_a_message_and_nothing_written(case, admin_user, linde, hosts):
    assert_rejected(admin_user, *BAD_FILES[case])


def test_the_same_file_twice_updates_instead_of_duplicating(admin_user, noord, hosts, linde):
    places = csv_bytes([PLACE_HEADINGS, place_row()])
    check_and_apply(admin_user, "places", "plekken.csv", places)
    activities = xlsx([ACTIVITY_HEADINGS, activity_row()])
    staff_alifa = staff("alifa2", roles.WELFARE_WORKER, organisations=[hosts[0]])
    check_and_apply(staff_alifa, "activities", "activiteiten.xlsx", activities)
    before = counts()

    again = check_and_apply(admin_user, "places", "plekken.csv", places)
    assert again.report["counts"] == {"create": 0, "update": 0, "unchanged": 1}
    again = check_and_apply(staff_alifa, "activities", "activiteiten.xlsx", activities)
    assert again.report["counts"] == {"create": 0, "update": 0, "unchanged": 1}
    # Nothing written at all, not even history.
    assert counts() == before

    changed = csv_bytes([PLACE_HEADINGS, place_row(postcode="7511 AC", dinsdag="09:00-17:00")])
    batch = check_and_apply(admin_user, "places", "plekken.csv", changed)
    assert batch.report["rows"][0]["action"] == "update"
    assert batch.report["rows"][0]["changes"] == ["postcode", "dinsdag"]
    place = Location.objects.get(slug="ontmoetingshuis-de-linde")
    assert place.postcode == "7511 AC"
    assert list(place.opening_hours.filter(weekday=1).values_list("opens", "closes")) == [
        (datetime.time(9), datetime.time(17))
    ]
    assert Location.objects.count() == before["Location"]


def test_the_dry_run_writes_nothing(admin_user, noord, hosts, linde, welfare_worker):
    before = counts()
    batches = [
        check(admin_user, "clusters", "c.xlsx", xlsx(CLUSTERS)),
        check(admin_user, "places", "p.csv", csv_bytes([PLACE_HEADINGS, place_row()])),
        check(welfare_worker, "activities", "a.xlsx", xlsx([ACTIVITY_HEADINGS, activity_row()])),
    ]
    assert [b.status for b in batches] == [ImportBatch.Status.CHECKED] * 3
    # Cluster 1 exists (it holds the place): an update.
    assert [b.report["counts"] for b in batches] == [
        {"create": 2, "update": 1, "unchanged": 0},
        {"create": 1, "update": 0, "unchanged": 0},
        {"create": 1, "update": 0, "unchanged": 0},
    ]
    assert counts() == before


def test_an_import_fails_as_a_whole_when_the_data_changed_after_the_check(admin_user, linde):
    ActivityFactory(slug="iets")  # makes Alifa-less data; the place is what matters
    batch = check(
        admin_user,
        "activities",
        "a.xlsx",
        xlsx([ACTIVITY_HEADINGS, activity_row(organisatie="Alifa")]),
    )
    assert batch.status == ImportBatch.Status.REJECTED  # Alifa does not exist yet
    OrganisationFactory(name="Alifa")
    batch = check(admin_user, "activities", "a.xlsx", xlsx([ACTIVITY_HEADINGS, activity_row()]))
    assert batch.status == ImportBatch.Status.CHECKED
    linde.delete()
    before = counts()

    batch = services.import_apply(user=admin_user, batch=batch)

    assert batch.status == ImportBatch.Status.REJECTED
    assert errors(batch)[0][:2] == (2, "plek")
    assert counts() == before


def test_a_batch_is_imported_once(welfare_worker, linde):
    batch = check_and_apply(welfare_worker, "activities", "a.xlsx", activity_file(activity_row()))
    before = counts()
    with pytest.raises(services.ImportRefused):
        services.import_apply(user=welfare_worker, batch=batch)
    assert counts() == before
