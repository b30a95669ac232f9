"""The test suite: fast hashing, no secret needed, plain static files."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "tests-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tiles are never fetched in tests; the browser tests answer this host with an empty 204.
MAP_TILES_URL = "https://tiles.invalid/{z}/{x}/{y}.png"
