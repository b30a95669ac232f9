"""Caching of public answers, dropped the moment the data changes or the clock moves on.

Every save or delete of the portal's data bumps a version number kept in the cache (shared
by all app servers when REDIS_URL is set); cached answers carry the version in their key,
so a change makes every older answer unreachable at once.

What a page says about "now" (open, closes at 20:00, today's activities) changes with the
clock, not only with the data. A view states until when its answer holds with
:func:`valid_until` (e.g. the next moment a listed place opens or closes); an answer is never
served outside the span it was made for, also when the clock jumps (time zones, tests).
"""

import datetime
import functools
import gzip
import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

VERSION_KEY = "ontmoeting:data-version"
SETTINGS_VERSION_KEY = "ontmoeting:settings-version"
DATA_APPS = {"clusters", "locaties", "activiteiten"}
# The longest a public page is kept: lists filtered on "open now" follow the clock this closely.
PAGE_SECONDS = 60
GZIP_MIN_BYTES = 1024
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def data_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not set yet (or evicted): any new value invalidates
        cache.set(key, 2, timeout=None)


def bump_data_version(**kwargs) -> None:
    sender = kwargs.get("sender")
    if sender is not None and sender._meta.app_label not in DATA_APPS:
        return
    _bump(VERSION_KEY)


def settings_version() -> int:
    """The version of the site's settings (instellingen), kept like the data version but
    apart from it: a change of a place need not make every server read the settings again."""
    return cache.get_or_set(SETTINGS_VERSION_KEY, 1, timeout=None)


def per_data_version(name: str, compute):
    """``compute()``, kept until the data changes: a fact about the data that every page
    shows (one query less on each of them). A minute at most, as a page: a write that
    sends no signal (a bulk load) is seen within that."""
    return cache.get_or_set(f"ontmoeting:{name}:{data_version()}", compute, PAGE_SECONDS)


def _bump_settings_and_data() -> None:
    _bump(SETTINGS_VERSION_KEY)
    _bump(VERSION_KEY)


def drop_settings() -> None:
    """After a change of the site's settings: every server reads them again, and every
    cached public answer (which shows them) is dropped; now and again at commit, as
    :func:`drop_public_answers` does."""
    _bump_settings_and_data()
    transaction.on_commit(_bump_settings_and_data)


def drop_public_answers() -> None:
    """Make every cached public answer unreachable, now and again when the transaction commits.

    For writes that send no ``post_save`` (bulk writes), or as a belt to the signals: an
    anonymous visitor served between the first bump and the commit would cache the data as
    it was before the commit, under the new version.
    """
    bump_data_version()
    transaction.on_commit(bump_data_version)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_data_version, dispatch_uid=f"ontmoeting-cache-{signal!r}")


def valid_until(request, moment: datetime.datetime | None) -> None:
    """Say that the answer being made for ``request`` changes at ``moment`` (None: no limit)."""
    if moment is None:
        return
    current = getattr(request, "_cache_valid_until", None)
    request._cache_valid_until = moment if current is None else min(current, moment)


def _next_midnight(now: datetime.datetime) -> datetime.datetime:
    # Pages say "today" and "tomorrow": those words change at midnight.
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))


def _key(request) -> str:
    # Host and scheme too: pages contain absolute links (feeds, structured data).
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"ontmoeting:page:{data_version()}:{get_language()}:{digest}"


def _gzipped(response) -> HttpResponse | None:
    """The same answer gzipped, made once when it is cached rather than on every request.

    Safe to compress (no BREACH): public answers hold no secret such as a CSRF token.
    """
    if len(response.content) < GZIP_MIN_BYTES or response.has_header("Content-Encoding"):
        return None
    compressed = HttpResponse(gzip.compress(response.content, 6), status=response.status_code)
    for name, value in response.items():
        compressed[name] = value
    compressed["Content-Encoding"] = "gzip"
    return compressed


def _wants_gzip(request) -> bool:
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def cached_public(seconds: int):
    """Cache a view's answer for anonymous GETs, per language and full URL, ``seconds`` at most.

    The plain and the gzipped answer are kept apart, each with the span it holds for, so a
    visitor's request reads from the cache only the one it is sent: the map data of a large
    region is a megabyte plain and a tenth of that gzipped.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if (
                not settings.CACHE_PUBLIC_ANSWERS
                or request.method != "GET"
                or request.user.is_authenticated
            ):
                return view(request, *args, **kwargs)
            key = _key(request)
            gzip_key = f"{key}:gzip"
            now = timezone.now()
            wants_gzip = _wants_gzip(request)
            # A gzip entry is absent for an answer too small to compress: then the plain one.
            for candidate in (gzip_key, key) if wants_gzip else (key,):
                entry = cache.get(candidate)
                if entry is not None:
                    made, until, response = entry
                    if made <= now < until:
                        return response
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            if hasattr(response, "render"):
                response.render()
            until = min(
                now + datetime.timedelta(seconds=seconds),
                _next_midnight(now),
                getattr(request, "_cache_valid_until", None) or now + datetime.timedelta(days=1),
            )
            patch_vary_headers(response, ["Accept-Encoding"])
            compressed = _gzipped(response)
            lifetime = (until - now).total_seconds()
            if lifetime >= 1:
                timeout = int(lifetime) + 1
                cache.set(key, (now, until, response), timeout)
                if compressed is not None:
                    cache.set(gzip_key, (now, until, compressed), timeout)
            return compressed if compressed is not None and wants_gzip else response

        return wrapper

    return decorator
