"""Login protection: lockout after repeated failures, strong passwords, sessions that expire."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from ontmoeting import roles
from tests.beheer.conftest import PASSWORD, make_staff

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")
START = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def alifa(db):
    return make_staff("alifa", role=roles.WELFARE_WORKER)


def log_in(client, username, password, address="127.0.0.1"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": INDEX},
        REMOTE_ADDR=address,
    )


def dutch(message: str) -> str:
    with translation.override("nl"):
        return gettext(message)


def assert_logged_in(response):
    assert response.status_code == 302
    assert response["Location"] == INDEX


def assert_locked_out(response):
    assert response.status_code == 429
    html = response.content.decode()
    assert dutch("Too many attempts") in html
    assert 'lang="nl"' in html
    # The page tells how long the lock lasts.
    assert str(int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)) in html


def test_axes_is_off_in_the_other_tests_and_its_settings_are_as_designed():
    assert settings.AXES_ENABLED is False
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert "axes.middleware.AxesMiddleware" in settings.MIDDLEWARE
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


@override_settings(AXES_ENABLED=True)
def test_five_wrong_passwords_lock_the_account_until_the_cool_off_has_passed(alifa):
    client = Client()
    with time_machine.travel(START, tick=False) as traveller:
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            response = log_in(client, "alifa", "fout-wachtwoord")
            # A wrong password shows the form again with a message, not a lockout.
            assert response.status_code == 200
            assert response.context["form"].errors
        # The fifth failure locks the account …
        assert_locked_out(log_in(client, "alifa", "fout-wachtwoord"))
        # … so the next attempt is refused even with the right password.
        assert_locked_out(log_in(client, "alifa", PASSWORD))
        assert "_auth_user_id" not in client.session

        traveller.shift(settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1))
        assert_locked_out(log_in(client, "alifa", PASSWORD))

        # Every refused attempt starts the wait again (it counts as a failure).
        traveller.shift(settings.AXES_COOLOFF_TIME + datetime.timedelta(minutes=1))
        assert_logged_in(log_in(client, "alifa", PASSWORD))
        assert client.get(INDEX).status_code == 200


@override_settings(AXES_ENABLED=True)
def test_the_lock_holds_for_the_account_from_another_address_and_for_the_address(alifa):
    make_staff("vizier", role=roles.WELFARE_WORKER)
    with time_machine.travel(START, tick=False):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            log_in(Client(), "alifa", "fout-wachtwoord", address="10.0.0.1")
        # The same account from elsewhere …
        assert_locked_out(log_in(Client(), "alifa", PASSWORD, address="10.0.0.2"))
        # … and another account from the address that guessed.
        assert_locked_out(log_in(Client(), "vizier", PASSWORD, address="10.0.0.1"))
        # Another account from another address is not affected.
        assert_logged_in(log_in(Client(), "vizier", PASSWORD, address="10.0.0.3"))


@override_settings(AXES_ENABLED=True)
def test_fewer_failures_than_the_limit_do_not_lock_and_a_success_resets_them(alifa):
    client = Client()
    with time_machine.travel(START, tick=False):
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            log_in(client, "alifa", "fout-wachtwoord")
        assert_logged_in(log_in(client, "alifa", PASSWORD))
        client.logout()
        # The count started again: four more failures still do not lock.
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            log_in(client, "alifa", "fout-wachtwoord")
        assert_logged_in(log_in(client, "alifa", PASSWORD))


# --- Strong passwords -------------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        "kort",  # too short
        "Kort-2026",  # still shorter than twelve
        "123456789012",  # only digits
        "qwertyqwerty",  # long enough, but on the list of common passwords
        "q1w2e3r4t5y6",  # ditto
        "alifa@example.org",  # the e-mail address
    ],
)
def test_weak_passwords_are_rejected(alifa, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=alifa)


def test_a_long_uncommon_password_is_accepted(alifa):
    validate_password(PASSWORD, user=alifa)


@pytest.mark.parametrize("password", ["kort", "123456789012", "qwertyqwerty"])
def test_the_user_admin_refuses_a_weak_password(alifa, password):
    administrator = make_staff("fb", role=roles.FUNCTIONAL_ADMIN)
    client = Client()
    client.force_login(administrator)
    old_hash = get_user_model().objects.get(pk=alifa.pk).password

    response = client.post(
        reverse("admin:auth_user_password_change", args=[alifa.pk]),
        {"password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert get_user_model().objects.get(pk=alifa.pk).password == old_hash

    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "nieuw",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not get_user_model().objects.filter(username="nieuw").exists()


def test_staff_cannot_set_a_weak_password_for_themselves(alifa):
    client = Client()
    client.force_login(alifa)
    response = client.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD, "new_password1": "kort", "new_password2": "kort"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    alifa.refresh_from_db()
    assert alifa.check_password(PASSWORD)


# --- Sessions ------------------------------------------------------------------------------


def test_the_session_cookie_ends_with_the_browser_and_the_session_after_eight_hours(alifa):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    client = Client()
    with time_machine.travel(START, tick=False) as traveller:
        response = log_in(client, "alifa", PASSWORD)
        assert_logged_in(response)
        cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        # No expiry date or age on the cookie: the browser forgets it when it closes.
        assert not cookie["expires"]
        assert not cookie["max-age"]
        assert cookie["httponly"]
        assert client.get(INDEX).status_code == 200

        traveller.shift(datetime.timedelta(hours=8) - datetime.timedelta(minutes=1))
        assert client.get(INDEX).status_code == 200

        traveller.shift(datetime.timedelta(minutes=2))
        response = client.get(INDEX)
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
        assert timezone.now() > START + datetime.timedelta(hours=8)


def test_an_expired_session_cannot_post_changes(alifa):
    from tests.factories import OrganisationFactory

    client = Client()
    with time_machine.travel(START, tick=False) as traveller:
        client.force_login(alifa)
        traveller.shift(datetime.timedelta(hours=9))
        response = client.post(reverse("admin:locaties_organisation_add"), {"name": "X"})
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
    assert not OrganisationFactory._meta.model.objects.filter(name="X").exists()


@override_settings(AXES_ENABLED=True, AXES_COOLOFF_TIME=datetime.timedelta(minutes=40))
def test_the_lockout_page_says_the_configured_time(alifa):
    client = Client()
    with time_machine.travel(START, tick=False):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            response = log_in(client, "alifa", "fout-wachtwoord")
    assert response.status_code == 429
    assert "40 minuten" in response.content.decode()
