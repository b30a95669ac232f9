"""Production settings plus the bench-only URLconf (a bare view to compare against)."""

from ontmoeting.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
