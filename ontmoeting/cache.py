"""Short-lived caching of public answers, dropped the moment the data changes.

Every save or delete of the portal's data bumps a version number kept in the cache (shared
by all app servers when REDIS_URL is set); cached answers carry the version in their key,
so a change makes every older answer unreachable at once. The time limit stays short
because "open now" changes with the clock, not only with the data.
"""

import functools
import hashlib

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

VERSION_KEY = "ontmoeting:data-version"
DATA_APPS = {"clusters", "locaties", "activiteiten"}


def data_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def bump_data_version(**kwargs) -> None:
    sender = kwargs.get("sender")
    if sender is not None and sender._meta.app_label not in DATA_APPS:
        return
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates
        cache.set(VERSION_KEY, 2, timeout=None)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_data_version, dispatch_uid=f"ontmoeting-cache-{signal!r}")


def cached_public(seconds: int):
    """Cache a view's answer for anonymous GETs, per language and full URL."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method != "GET" or request.user.is_authenticated:
                return view(request, *args, **kwargs)
            url = hashlib.sha256(request.get_full_path().encode()).hexdigest()
            key = f"ontmoeting:page:{data_version()}:{get_language()}:{url}"
            response = cache.get(key)
            if response is None:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and not response.streaming:
                    if hasattr(response, "render"):
                        response.render()
                    cache.set(key, response, seconds)
            return response

        return wrapper

    return decorator
