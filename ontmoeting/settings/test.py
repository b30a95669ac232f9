"""The test suite: fast hashing, no secret needed, plain static files."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "tests-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The suite's first municipality is Enschede, set as an installation would set it in its
# environment (the defaults name no town); tests/ontmoeting/test_own_data_walk.py starts
# from the defaults instead.
CITY_NAME = "Enschede"
MAP_CENTER = (52.2215, 6.8937)
MAP_ZOOM = 12
MAP_BOUNDARIES_FILE = str(BASE_DIR / "demo" / "data" / "wijken_cbs2023.geojson")  # noqa: F405
MAP_BOUNDARIES_NAME = "Wijken (CBS 2023)"
MAP_BOUNDARIES_ATTRIBUTION = (
    "Wijkgrenzen &copy; Kadaster / Centraal Bureau voor de Statistiek, 2023"
)
# Tiles are never fetched in tests; the browser tests answer this host with an empty 204.
MAP_TILES_URL = "https://tiles.invalid/{z}/{x}/{y}.png"

# Each test run gets its own database, so two runs at once (a developer and an editor's
# test runner, or parallel sessions) do not trip over each other on the shared server.
DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}  # noqa: F405
# The real geocoder is never asked in tests; tests that need one start a local fake.
GEOCODER_URL = "http://127.0.0.1:9/unreachable"
GEOCODER_TIMEOUT = 1.0
# client.login() has no request for django-axes; the lockout tests switch it on themselves.
AXES_ENABLED = False
# Views are tested as they compute their answers; tests/ontmoeting/test_cache.py switches
# the cache on to test it.
CACHE_PUBLIC_ANSWERS = False
# Test databases are thrown away: a commit (migrations, transactional tests) need not wait
# for the disk.
_options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
_options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()
