"""The opening-hours shortcuts: fill in the norm, copy one day to others; mark verified."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from locaties import opening
from locaties.models import Location, OpeningHours
from locaties.services import location_apply_norm, location_copy_day, location_mark_verified
from ontmoeting import cache, roles
from tests.admin_helpers import staff_client
from tests.factories import LocationFactory, LocationKindFactory, OpeningHoursFactory

pytestmark = pytest.mark.django_db


def week(place) -> list[tuple]:
    return sorted(
        (h.weekday, f"{h.opens:%H:%M}", f"{h.closes:%H:%M}", h.supervised)
        for h in OpeningHours.objects.filter(location=place)
    )


def test_the_norm_replaces_every_day_with_supervised_hours():
    place = LocationFactory()
    OpeningHoursFactory(location=place, weekday=0, opens=datetime.time(9), closes=datetime.time(12))
    OpeningHoursFactory(
        location=place, weekday=0, opens=datetime.time(13), closes=datetime.time(17)
    )
    OpeningHoursFactory(location=place, weekday=6, supervised=False)
    other = OpeningHoursFactory(weekday=0, opens=datetime.time(9), closes=datetime.time(12))

    assert location_apply_norm(location=place) == 7

    assert week(place) == [(day, "08:30", "20:00", True) for day in range(7)]
    place.refresh_from_db()
    assert opening.norm_check(place).meets_norm
    # Another place is left alone.
    assert week(other.location) == [(0, "09:00", "12:00", True)]


def test_the_norm_twice_gives_the_same_week():
    place = LocationFactory()
    location_apply_norm(location=place)
    location_apply_norm(location=place)
    assert len(week(place)) == 7


def test_the_norm_comes_from_the_places_kind():
    village_hall = LocationKindFactory(
        slug="dorpshuis",
        norm_weekdays=[0, 1, 2, 3, 4],
        norm_opens=datetime.time(9),
        norm_closes=datetime.time(17),
    )
    place = LocationFactory(kind=village_hall)
    OpeningHoursFactory(
        location=place, weekday=5, opens=datetime.time(10), closes=datetime.time(14)
    )

    assert location_apply_norm(location=place) == 5

    assert week(place) == [
        *[(day, "09:00", "17:00", True) for day in range(5)],
        (5, "10:00", "14:00", True),
    ]


def test_a_norm_without_supervision_fills_in_unsupervised_hours():
    canteen = LocationKindFactory(
        slug="kantine",
        norm_weekdays=[5, 6],
        norm_opens=datetime.time(10),
        norm_closes=datetime.time(0),
        norm_supervised=False,
    )
    place = LocationFactory(kind=canteen)

    assert location_apply_norm(location=place) == 2

    assert week(place) == [(5, "10:00", "00:00", False), (6, "10:00", "00:00", False)]


def test_a_kind_without_a_norm_has_no_norm_hours_to_fill_in():
    place = LocationFactory(kind=LocationKindFactory(slug="bibliotheek", name_en="library"))
    hours = OpeningHoursFactory(location=place, weekday=2)

    with translation.override("en"), pytest.raises(ValidationError) as error:
        location_apply_norm(location=place)

    assert error.value.code == "no_norm"
    assert error.value.messages == [
        "The kind “library” has no norm, so there are no norm hours to fill in."
    ]
    assert list(OpeningHours.objects.filter(location=place)) == [hours]


def test_changes_are_recorded_in_the_history():
    place = LocationFactory()
    old = OpeningHoursFactory(location=place, weekday=2)
    location_apply_norm(location=place)
    assert OpeningHours.history.filter(id=old.pk, history_type="-").exists()
    assert OpeningHours.history.filter(location_id=place.pk, history_type="+").count() == 8


def test_copy_a_day_with_two_intervals_to_other_days():
    place = LocationFactory()
    OpeningHoursFactory(location=place, weekday=0, opens=datetime.time(9), closes=datetime.time(12))
    OpeningHoursFactory(
        location=place,
        weekday=0,
        opens=datetime.time(13),
        closes=datetime.time(17),
        supervised=False,
    )
    OpeningHoursFactory(location=place, weekday=2, opens=datetime.time(8), closes=datetime.time(20))
    OpeningHoursFactory(location=place, weekday=4, opens=datetime.time(8), closes=datetime.time(20))

    # The day itself in the targets is ignored; a day twice counts once.
    assert location_copy_day(location=place, weekday=0, to_weekdays=[0, 1, 2, 2]) == 2

    monday = [(0, "09:00", "12:00", True), (0, "13:00", "17:00", False)]
    assert week(place) == [
        *monday,
        *[(1, *row[1:]) for row in monday],
        *[(2, *row[1:]) for row in monday],
        (4, "08:00", "20:00", True),
    ]


@pytest.mark.parametrize(
    ("weekday", "targets", "code"),
    [
        (3, [1], "empty_day"),  # Thursday has no hours
        (0, [], "no_targets"),
        (0, [0], "no_targets"),
        (7, [1], "invalid_weekday"),
        (0, [1, 9], "invalid_weekday"),
        (-1, [1], "invalid_weekday"),
    ],
)
def test_copy_refuses_what_makes_no_sense_and_changes_nothing(weekday, targets, code):
    place = LocationFactory()
    OpeningHoursFactory(location=place, weekday=0)
    OpeningHoursFactory(
        location=place, weekday=1, opens=datetime.time(10), closes=datetime.time(12)
    )
    before = week(place)

    with pytest.raises(ValidationError) as error:
        location_copy_day(location=place, weekday=weekday, to_weekdays=targets)

    assert error.value.code == code
    assert week(place) == before


# --- Bulk action: mark verified ----------------------------------------------------------

FROZEN = datetime.datetime(2027, 3, 28, 1, 59, 30, tzinfo=datetime.UTC)  # 03:59:30 summer time


def staff_user(role, **membership):
    client = staff_client(role, **membership)
    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def cluster_manager_of(cluster):
    return staff_user(roles.CLUSTER_MANAGER, clusters=[cluster])


def test_mark_verified_records_history_under_the_user_and_drops_the_cache():
    with time_machine.travel(FROZEN, tick=False):
        # Created under the frozen clock too, so that the history is in the order of events
        # whatever the real clock says.
        place = LocationFactory(last_verified=None)
        user = cluster_manager_of(place.cluster)
        version = cache.data_version()
        assert location_mark_verified(locations=[place], user=user) == 1
        assert cache.data_version() > version
        # Again the same day: nothing to record.
        assert location_mark_verified(locations=[place], user=user) == 0
    place.refresh_from_db()
    assert place.last_verified == datetime.date(2027, 3, 28)
    rows = place.history.order_by("history_id")
    assert [(row.history_type, row.history_user) for row in rows] == [("+", None), ("~", user)]


def test_mark_verified_refuses_another_clusters_place():
    own, other = LocationFactory(last_verified=None), LocationFactory(last_verified=None)
    user = cluster_manager_of(own.cluster)
    with pytest.raises(PermissionDenied):
        location_mark_verified(locations=[own, other], user=user)
    assert set(Location.objects.values_list("last_verified", flat=True)) == {None}
    assert own.history.count() == other.history.count() == 1


def test_mark_verified_needs_the_right_to_change_places():
    place = LocationFactory(last_verified=None)
    with pytest.raises(PermissionDenied):
        location_mark_verified(locations=[place], user=staff_user(roles.MUNICIPALITY))
    place.refresh_from_db()
    assert place.last_verified is None
