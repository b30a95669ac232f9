"""locaties.models.hours: the validation of weekly hours and exceptions, in the forms and
in the database."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import IntegrityError, transaction

from locaties.models import OpeningException, OpeningHours
from tests.factories import OpeningHoursFactory
from tests.locaties.models.helpers import d, errors_of
from tests.locaties.opening.helpers import t

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("opens", "closes"), [("20:00", "08:30"), ("12:00", "12:00")])
def test_closing_before_opening_is_rejected(location, opens, closes):
    hours = OpeningHours(location=location, weekday=0, opens=t(opens), closes=t(closes))

    errors = errors_of(hours)

    assert list(errors) == ["closes"]
    assert errors["closes"] == [
        "The closing time must be later than the opening time (use 00:00 for midnight)."
    ]


def test_closing_at_midnight_is_allowed(location):
    OpeningHours(location=location, weekday=0, opens=t("18:00"), closes=t("00:00")).full_clean()


def test_overlapping_hours_on_the_same_day_are_rejected(location):
    OpeningHoursFactory(location=location, weekday=0, opens=t("08:30"), closes=t("12:00"))
    overlapping = OpeningHours(location=location, weekday=0, opens=t("11:00"), closes=t("14:00"))

    errors = errors_of(overlapping)

    assert errors == {
        NON_FIELD_ERRORS: ["The hours on Monday overlap: 08:30–12:00 and 11:00–14:00."]
    }


def test_touching_hours_other_days_and_other_places_do_not_overlap(location):
    saved = OpeningHoursFactory(location=location, weekday=0, opens=t("08:30"), closes=t("12:00"))
    OpeningHoursFactory(weekday=0, opens=t("09:00"), closes=t("17:00"))  # another place

    OpeningHours(location=location, weekday=0, opens=t("12:00"), closes=t("20:00")).full_clean()
    OpeningHours(location=location, weekday=1, opens=t("09:00"), closes=t("17:00")).full_clean()
    saved.closes = t("13:00")
    saved.full_clean()  # an edited row is not compared with itself


def test_overlap_with_an_interval_until_midnight(location):
    OpeningHoursFactory(location=location, weekday=4, opens=t("18:00"), closes=t("00:00"))

    errors = errors_of(
        OpeningHours(location=location, weekday=4, opens=t("23:00"), closes=t("23:30"))
    )

    assert errors[NON_FIELD_ERRORS] == ["The hours on Friday overlap: 18:00–00:00 and 23:00–23:30."]


def test_closing_before_opening_is_refused_by_the_database(location):
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningHours.objects.create(
            location=location, weekday=0, opens=t("20:00"), closes=t("08:00")
        )


# --- Exception validation ------------------------------------------------------------


def test_exception_end_before_start_is_rejected(location):
    exception = OpeningException(
        location=location, start_date=d("2026-12-24"), end_date=d("2026-12-23")
    )

    assert errors_of(exception) == {"end_date": ["The end date cannot be before the start date."]}


def test_exception_without_end_date_is_one_day(location):
    exception = OpeningException(location=location, start_date=d("2026-12-24"))

    exception.full_clean()
    exception.save()

    assert exception.end_date == d("2026-12-24")
    assert exception.covers(d("2026-12-24"))
    assert not exception.covers(d("2026-12-25"))


@pytest.mark.parametrize(("opens", "closes"), [(None, None), ("10:00", None), (None, "14:00")])
def test_special_hours_need_both_times(location, opens, closes):
    exception = OpeningException(
        location=location,
        start_date=d("2026-12-24"),
        kind=OpeningException.Kind.SPECIAL_HOURS,
        opens=t(opens) if opens else None,
        closes=t(closes) if closes else None,
    )

    errors = errors_of(exception)

    expected = {name for name, value in (("opens", opens), ("closes", closes)) if value is None}
    assert set(errors) == expected
    for name in expected:
        assert errors[name] == ["Special hours need an opening and a closing time."]


def test_special_hours_closing_before_opening_is_rejected(location):
    exception = OpeningException(
        location=location,
        start_date=d("2026-12-24"),
        kind=OpeningException.Kind.SPECIAL_HOURS,
        opens=t("14:00"),
        closes=t("10:00"),
    )

    assert list(errors_of(exception)) == ["closes"]


def test_a_closed_exception_cannot_have_times(location):
    exception = OpeningException(
        location=location, start_date=d("2026-12-24"), opens=t("10:00"), closes=t("14:00")
    )

    errors = errors_of(exception)

    assert errors == {
        NON_FIELD_ERRORS: ["A closed day has no opening times; choose 'special hours' instead."]
    }


def test_exception_constraints_are_enforced_by_the_database(location):
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningException.objects.create(
            location=location, start_date=d("2026-12-24"), end_date=d("2026-12-20")
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningException.objects.create(
            location=location,
            start_date=d("2026-12-24"),
            kind=OpeningException.Kind.SPECIAL_HOURS,
        )
