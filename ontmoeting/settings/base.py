"""Settings shared by every environment; every value that differs comes from the environment.

``production`` adds what a public server needs (and refuses to start without
``SECRET_KEY``); ``dev`` and ``test`` adapt it for a developer's machine.
"""

import datetime
import importlib.util
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from ontmoeting.database import database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django's admin with the start page per role as its index (beheer/sites.py).
    "beheer.sites.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "csp",
    "simple_history",
    "solo",
    # django-axes, named for staff (its admin pages are in beheer/logins.py).
    "beheer.lockout.LoginAttemptsConfig",
    "ontmoeting",
    "instellingen",
    "clusters",
    "locaties",
    "activiteiten",
    "beheer",
    "overzichten",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "api",
    # The demo and synthetic data, above every app it fills.
    "demo",
]

MIDDLEWARE = [
    # First: the site's settings are read once per request, by whichever layer asks first.
    "instellingen.site.SiteSettingsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # High up, as django-cors-headers asks: before anything that may answer on its own.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ontmoeting.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ontmoeting.middleware.ContentSecurityPolicyMiddleware",
    "ontmoeting.middleware.PermissionsPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After 5 failed logins, lock that username (from anywhere) and that address, for 15 minutes.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "beheer/locked_out.html"
AXES_VERBOSE = False
# Its own admin pages are in English and name records in English ("Access Log for …");
# beheer/logins.py shows the same in the admin's language.
AXES_ENABLE_ADMIN = False

ROOT_URLCONF = "ontmoeting.urls"
WSGI_APPLICATION = "ontmoeting.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ontmoeting.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env.db_url_config(database_url(env, BASE_DIR))}
# A socket folder arrives as ?host=…; Django expects it in HOST.
if not DATABASES["default"]["HOST"] and "host" in DATABASES["default"]["OPTIONS"]:
    DATABASES["default"]["HOST"] = DATABASES["default"]["OPTIONS"].pop("host")
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Formats of our own on top of Django's (ontmoeting/formats/): a short date with its weekday.
FORMAT_MODULE_PATH = ["ontmoeting.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Leaflet comes from the django-leaflet package's static files (no CDN). Its Django app is
# not installed: its admin module imports GeoDjango, which needs GDAL, which we do not use.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    Path(importlib.util.find_spec("leaflet").submodule_search_locations[0]) / "static",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env.str("REDIS_URL")}
        if env.str("REDIS_URL", default="")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Public pages, map data and feeds are kept for anonymous visitors (ontmoeting/cache.py).
CACHE_PUBLIC_ANSWERS = env.bool("CACHE_PUBLIC_ANSWERS", default=True)
# Days ahead for which the agenda keeps its dates in a table (manage.py extend_agenda_dates,
# nightly); the agenda computes weeks further ahead on each request.
AGENDA_DATES_DAYS = env.int("AGENDA_DATES_DAYS", default=92)

LOGIN_URL = "admin:login"

# --- The portal ------------------------------------------------------------------
# Nothing municipality-specific lives in code: the city and the map are settings; the kinds
# of places and their norms are data. The settings below are the first defaults: a
# functional administrator overrides them in the admin (instellingen.SiteSettings), and the
# code reads them through instellingen.current(), never from here.
SITE_NAME = env.str("SITE_NAME", default="Ontmoetingsplekken")
# No municipality's values by default: an empty portal (make start) names no town and shows
# the whole country until its settings are filled in. The Enschede demo stores its own
# settings when it is loaded (demo/loader.py).
CITY_NAME = env.str("CITY_NAME", default="")
MAP_CENTER = tuple(env.list("MAP_CENTER", cast=float, default=[52.1326, 5.2913]))
MAP_ZOOM = env.int("MAP_ZOOM", default=8)
# Tiles: PDOK BRT Achtergrondkaart (Dutch government, free, no key) unless overridden.
MAP_TILES_URL = env.str(
    "MAP_TILES_URL",
    default="https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
)
MAP_TILES_ATTRIBUTION = env.str(
    "MAP_TILES_ATTRIBUTION",
    default='Kaartgegevens &copy; <a href="https://www.kadaster.nl">Kadaster</a>',
)
MAP_TILES_MAX_ZOOM = env.int("MAP_TILES_MAX_ZOOM", default=19)
# An optional overlay of neighbourhood boundaries (GeoJSON file) with its required credit;
# none by default (a functional administrator uploads one in the admin).
MAP_BOUNDARIES_FILE = env.str("MAP_BOUNDARIES_FILE", default="")
MAP_BOUNDARIES_NAME = env.str("MAP_BOUNDARIES_NAME", default="Wijken")
MAP_BOUNDARIES_ATTRIBUTION = env.str("MAP_BOUNDARIES_ATTRIBUTION", default="")
# The largest boundary layer a functional administrator may upload in the admin.
MAP_BOUNDARIES_MAX_BYTES = env.int("MAP_BOUNDARIES_MAX_BYTES", default=5 * 1024 * 1024)

# The norm for a meeting place is data, not a setting: optional, per kind of place
# (locaties.LocationKind), edited in the admin by functional administrators.
PUBLIC_HOLIDAYS_COUNTRY = env.str("PUBLIC_HOLIDAYS_COUNTRY", default="NL")

# Postcode and address lookup, asked by the server (not the browser). Default: PDOK Locatieserver.
GEOCODER_URL = env.str(
    "GEOCODER_URL", default="https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"
)
GEOCODER_TIMEOUT = env.float("GEOCODER_TIMEOUT", default=3.0)

# Spreadsheet imports in the admin: larger files are refused (split them up).
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=2 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=5000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "ontmoeting.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env.str("LOG_FORMAT", default="text"),
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Optional error reporting: only when SENTRY_DSN is set (and sentry-sdk installed) is
# anything sent anywhere; no personal data is included.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=False, traces_sample_rate=0.0)

SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
# The language switch's cookie: only over HTTPS, never read by scripts (the server reads it,
# no script does), and not sent with requests that other sites make (Lax, so that a link
# from elsewhere still opens the site in the chosen language).
LANGUAGE_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Open-data API (/api/v1/) -----------------------------------------------------
# Read-only and anonymous: no authentication (so no session or CSRF), no request bodies,
# JSON only. Errors have one shape; see api/exceptions.py.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Each endpoint answers in its one documented content type whatever Accept says.
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.negotiation.FirstRenderer",
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    # ?format= is not an API parameter: an unknown value would otherwise give a 404.
    "URL_FORMAT_OVERRIDE": None,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    # The title names the site as its settings say, per request (api/schema.py).
    "TITLE": "Open data API",
    "DESCRIPTION": "Meeting places, clusters, activities and organisations, read-only.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Enums stay inline (no shared components to name) and the slug lists come from the
    # database; see api/schema.py.
    "POSTPROCESSING_HOOKS": ["api.schema.fill_choice_enums", "api.schema.describe_components"],
}
# CORS: any site may read the API with GET; nothing else is cross-origin.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False


# --- Security headers -------------------------------------------------------------
# A strict Content Security Policy: no inline scripts or styles anywhere (data reaches the
# page through data- attributes and json_script); the only other host is the map tiles',
# which ontmoeting.middleware adds per request from the site's settings.
def content_security_policy() -> dict:
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            "style-src": [SELF],
            "img-src": [SELF, "data:"],
            "connect-src": [SELF],
            "font-src": [SELF],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            "frame-ancestors": [NONE],
        }
    }


CONTENT_SECURITY_POLICY = content_security_policy()
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Geolocation is used by "near me" on our own pages; nothing else is.
PERMISSIONS_POLICY = (
    "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()"
)
