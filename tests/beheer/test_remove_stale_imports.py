"""Uploads that were never imported are removed a day later; imported ones stay."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from beheer.models import ImportBatch
from tests.beheer.conftest import make_staff

pytestmark = pytest.mark.django_db

# 02:15 summer time in the hour that repeats when summer time ends (25 October 2026): the
# age is counted in hours, not read off the clock. In UTC, so the sums below are exact.
UPLOADED = datetime.datetime(2026, 10, 25, 0, 15, tzinfo=datetime.UTC)


def upload(status, user):
    return ImportBatch.objects.create(
        kind=ImportBatch.Kind.ACTIVITIES,
        filename=f"{status}.csv",
        content=b"titel,plek\nKoffie,De Linde\n",
        created_by=user,
        status=status,
        report={"rows": [{"titel": "Koffie"}]},
    )


def remove(*args) -> str:
    out = StringIO()
    call_command("remove_stale_imports", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def batches():
    user = make_staff("uploader", superuser=True)
    with time_machine.travel(UPLOADED, tick=False):
        return {status: upload(status, user) for status in ImportBatch.Status.values}


def remaining() -> set[str]:
    return set(ImportBatch.objects.values_list("status", flat=True))


def test_uploads_younger_than_a_day_are_kept(batches):
    with time_machine.travel(UPLOADED + datetime.timedelta(hours=23, minutes=59), tick=False):
        assert remove() == "Removed 0 upload(s) not imported, older than 24 hours.\n"
    assert remaining() == set(ImportBatch.Status.values)


def test_rejected_and_unconfirmed_uploads_go_after_a_day_imported_ones_stay(batches):
    with time_machine.travel(UPLOADED + datetime.timedelta(days=1, seconds=1), tick=False):
        assert remove() == "Removed 2 upload(s) not imported, older than 24 hours.\n"
    assert remaining() == {ImportBatch.Status.IMPORTED}
    kept = ImportBatch.objects.get()
    assert kept.pk == batches[ImportBatch.Status.IMPORTED].pk
    assert bytes(kept.content) == b"titel,plek\nKoffie,De Linde\n"


def test_the_age_can_be_chosen(batches):
    with time_machine.travel(UPLOADED + datetime.timedelta(hours=30), tick=False):
        assert "Removed 0" in remove("--hours", "48")
        assert "Removed 2" in remove("--hours", "6")
    assert remaining() == {ImportBatch.Status.IMPORTED}


@pytest.mark.parametrize("hours", ["0", "-1", "99999999999"])
def test_a_bad_age_is_refused_and_removes_nothing(batches, hours):
    with (
        time_machine.travel(UPLOADED + datetime.timedelta(days=3), tick=False),
        pytest.raises(CommandError, match="--hours must be from 1 to"),
    ):
        remove("--hours", hours)
    assert len(remaining()) == 3


def test_the_upload_page_says_how_long_a_file_is_kept(admin_client):
    admin_client.cookies["django_language"] = "nl"
    body = admin_client.get(reverse("admin:beheer_importbatch_upload")).content.decode()
    assert "wordt een dag na het uploaden verwijderd" in body
