"""The user admin of functional administrators and superusers."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.admin_helpers import form_data

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# 02:50 for the second time: the clocks went back from 03:00 to 02:00 an hour before.
REPEATED_HOUR = datetime.datetime(2027, 10, 31, 2, 50, tzinfo=AMSTERDAM, fold=1)
# Compared in UTC: by PEP 495 a time with fold=1 never equals one in another zone.
REPEATED_HOUR_UTC = REPEATED_HOUR.astimezone(datetime.UTC)


@time_machine.travel(REPEATED_HOUR + datetime.timedelta(minutes=5), tick=False)
def test_a_user_who_logged_in_during_the_repeated_hour_can_be_saved(client, admin_user):
    client.force_login(admin_user)
    user = get_user_model().objects.create_user(
        "jan", first_name="Jan", last_login=REPEATED_HOUR, date_joined=REPEATED_HOUR
    )
    address = reverse("admin:auth_user_change", args=[user.pk])
    data = form_data(client.get(address))
    data["first_name"] = "Johan"

    response = client.post(address, data)

    assert response.status_code == 302, response.context["errors"]
    user.refresh_from_db()
    assert user.first_name == "Johan"
    # Shown, never sent back: a record of what happened is not edited in a form.
    assert user.last_login == REPEATED_HOUR_UTC
    assert user.date_joined == REPEATED_HOUR_UTC
