"""Helpers for HTML written in Python: the lists whose rows are too many for a template each
(the agenda's dates, the place cards)."""

from collections.abc import Callable

from django.urls import reverse

_SLUG = "slug-placeholder"


def slug_urls(viewname: str) -> Callable[[str], str]:
    """The URL of ``viewname`` for any slug, reversed once rather than once per row."""
    pattern = reverse(viewname, kwargs={"slug": _SLUG})
    return lambda slug: pattern.replace(_SLUG, slug)
