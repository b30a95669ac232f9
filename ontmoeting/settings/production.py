"""A public server. Refuses to start without SECRET_KEY; demo users are never created here."""

from ontmoeting.errors import ConfigurationError

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ConfigurationError(
        "Set SECRET_KEY in the environment: production refuses to start without it."
    )
DEBUG = env.bool("DEBUG", default=False)

# HTTPS everywhere; behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# /healthz is asked over plain HTTP by load balancers on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
