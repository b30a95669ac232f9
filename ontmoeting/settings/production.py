"""A public server. Refuses to start without SECRET_KEY; demo users are never created here."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "Set SECRET_KEY in the environment: production refuses to start without it."
    )
DEBUG = env.bool("DEBUG", default=False)
