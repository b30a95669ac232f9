"""locaties.opening.norm: whether a place's hours meet the norm of its kind, in words."""

import pytest
from django.utils import translation

from locaties import opening
from tests.factories import LocationFactory, LocationKindFactory
from tests.locaties.opening.helpers import EVERY_DAY, WEEKDAYS, add_hours, t

pytestmark = pytest.mark.django_db


def test_a_place_with_the_norm_hours_meets_the_norm(norm_place):
    check = opening.norm_check(norm_place)

    assert check.meets_norm
    assert check.missing == {}
    assert check.missing_hours == ()
    assert check.covered_fraction == 1.0
    assert check.norm_minutes == 7 * (20 * 60 - (8 * 60 + 30))


def test_longer_hours_also_meet_the_norm():
    place = LocationFactory()
    add_hours(place, "07:00", "12:00")
    add_hours(place, "12:00", "00:00")

    assert opening.norm_check(place).meets_norm


def test_no_hours_on_sunday_misses_the_norm():
    place = LocationFactory()
    add_hours(place, "08:30", "20:00", days=range(6))

    check = opening.norm_check(place)

    assert not check.meets_norm
    assert check.missing == {6: ((510, 1200),)}
    assert check.missing_hours == tuple((6, hour) for hour in range(8, 20))
    assert check.covered_fraction == pytest.approx(6 / 7)


def test_an_unsupervised_lunch_break_is_reported_as_missing_hours():
    place = LocationFactory()
    add_hours(place, "08:30", "12:00")
    add_hours(place, "12:00", "13:00", supervised=False)
    add_hours(place, "13:00", "20:00")

    check = opening.norm_check(place)

    assert not check.meets_norm
    assert check.missing == dict.fromkeys(EVERY_DAY, ((720, 780),))
    assert check.missing_hours == tuple((day, 12) for day in EVERY_DAY)
    assert check.covered_fraction == pytest.approx(1 - 60 / 690)


def test_partial_hours_mark_every_touched_hour():
    place = LocationFactory()
    add_hours(place, "09:00", "19:30")

    check = opening.norm_check(place)

    assert check.missing[0] == ((510, 540), (1170, 1200))
    assert [hour for day, hour in check.missing_hours if day == 0] == [8, 19]


def test_norm_check_with_another_norm():
    place = LocationFactory()
    add_hours(place, "09:00", "17:00", days=WEEKDAYS)

    norm = opening.Norm(weekdays=(0, 1, 2, 3, 4), opens=t("09:00"), closes=t("17:00"))

    assert opening.norm_check(place, norm).meets_norm
    assert not opening.norm_check(place).meets_norm


def office_hours_kind(*, supervised=True):
    """A village hall: Monday to Friday 09:00–17:00, as Noordenveld's places are open."""
    return LocationKindFactory(
        slug="dorpshuis",
        norm_weekdays=list(WEEKDAYS),
        norm_opens=t("09:00"),
        norm_closes=t("17:00"),
        norm_supervised=supervised,
    )


def test_the_norm_is_that_of_the_places_kind():
    place = LocationFactory(kind=office_hours_kind())
    add_hours(place, "09:00", "17:00", days=WEEKDAYS)

    check = opening.norm_check(place)

    assert opening.location_norm(place) == opening.Norm((0, 1, 2, 3, 4), t("09:00"), t("17:00"))
    assert check.meets_norm
    assert check.norm_minutes == 5 * 8 * 60


def test_a_weekdays_only_norm_ignores_the_weekend_and_counts_each_weekday():
    place = LocationFactory(kind=office_hours_kind())
    add_hours(place, "09:00", "12:00", days=WEEKDAYS)  # mornings only
    # Closed at the weekend: the norm does not ask for it.

    check = opening.norm_check(place)

    assert not check.meets_norm
    assert set(check.missing) == set(WEEKDAYS)
    assert check.missing[0] == ((720, 1020),)
    assert {day for day, _hour in check.missing_hours} == set(WEEKDAYS)
    assert [hour for day, hour in check.missing_hours if day == 0] == [12, 13, 14, 15, 16]
    assert check.covered_fraction == pytest.approx(3 / 8)


def test_a_norm_without_supervision_counts_every_open_hour():
    place = LocationFactory(kind=office_hours_kind(supervised=False))
    add_hours(place, "09:00", "17:00", days=WEEKDAYS, supervised=False)

    assert opening.norm_check(place).meets_norm
    # The same hours miss a norm that asks for supervision.
    supervised = opening.Norm((0, 1, 2, 3, 4), t("09:00"), t("17:00"), supervised=True)
    assert opening.norm_check(place, supervised).covered_fraction == 0


def test_a_kind_without_a_norm_has_no_pass_and_no_fail():
    place = LocationFactory(kind=LocationKindFactory(slug="bibliotheek"))
    add_hours(place, "10:00", "16:00")

    assert place.kind.norm is None
    assert opening.location_norm(place) is None
    assert opening.norm_check(place) is None


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (range(7), "every day"),
        (range(5), "Monday to Friday"),
        ((0, 2, 4), "Monday, Wednesday and Friday"),
        ((5, 6), "Saturday and Sunday"),
        ((0, 1, 2, 5), "Monday to Wednesday and Saturday"),
    ],
)
def test_norm_days_in_words(days, words):
    with translation.override("en"):
        assert opening.describe_weekdays(days) == words


def test_a_norm_in_words_says_whether_it_is_supervised():
    with translation.override("en"):
        supervised = opening.Norm((0, 1, 2, 3, 4), t("09:00"), t("17:00"))
        assert opening.describe_norm(supervised) == "Monday to Friday 09:00–17:00, supervised"
        open_only = opening.Norm((5, 6), t("10:00"), t("00:00"), supervised=False)
        assert opening.describe_norm(open_only) == "Saturday and Sunday 10:00–00:00"
        assert open_only.window == (600, 1440)
