"""Security headers on every kind of response, and a deploy check without warnings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import ActivityFactory, LocationFactory, ScheduleFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def urls(db):
    activity = ActivityFactory()
    ScheduleFactory(activity=activity)
    place = LocationFactory()
    return [
        "/",
        "/locaties/kaart.geojson",
        place.get_absolute_url(),
        "/clusters/",
        place.cluster.get_absolute_url(),
        "/activiteiten/",
        activity.get_absolute_url(),
        activity.get_absolute_url() + "agenda.ics",
        "/beheer/login/",
        "/healthz",
        "/bestaat-niet/",
    ]


def test_every_page_type_has_the_security_headers(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy, url
        assert "style-src 'self'" in policy, url
        assert "unsafe-inline" not in policy, url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert "geolocation=(self)" in response["Permissions-Policy"], url
        assert response["X-Frame-Options"] == "DENY", url


def database_url_of(connection) -> str:
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@/{settings['NAME']}?host={settings['HOST']}"


def production_env(**extra) -> dict:
    # The test run's own async override must not leak into what production sees.
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY")
    }
    return {**env, "DJANGO_SETTINGS_MODULE": "ontmoeting.settings.production", **extra}


def test_production_settings_pass_the_deploy_check(db):
    from django.db import connection

    env = production_env(
        SECRET_KEY="a-long-random-production-key-" + "x" * 40,
        # The API schema check reads choice lists from the database: use the test one.
        DATABASE_URL=database_url_of(connection),
        ALLOWED_HOSTS="ontmoeten.example.nl",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env(DATABASE_URL="postgres://nobody@127.0.0.1:1/none")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Error: Set SECRET_KEY in the environment: production refuses to start without it."
    ]


LANGUAGE_SWITCH = """
from django.test import Client
response = Client(HTTP_HOST="ontmoeten.example.nl").post(
    "/i18n/setlang/", {"language": "en", "next": "/"}, secure=True
)
print(response.status_code)
print(response.cookies["django_language"].output(header="Set-Cookie:"))
"""


def test_the_language_cookie_is_secure_samesite_and_httponly_in_production(db):
    """What a browser receives from the language switch on a production server."""
    from django.db import connection

    env = production_env(
        SECRET_KEY="a-long-random-production-key-" + "x" * 40,
        DATABASE_URL=database_url_of(connection),
        ALLOWED_HOSTS="ontmoeten.example.nl",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", LANGUAGE_SWITCH],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    *_before, status, header = result.stdout.strip().splitlines()
    assert status == "302", result.stdout
    attributes = {part.strip().split("=")[0].lower() for part in header.split(";")}
    assert header.startswith("Set-Cookie: django_language=en;")
    assert {"secure", "httponly", "samesite"} <= attributes
    assert "SameSite=Lax" in header
