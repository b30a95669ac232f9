"""The site's settings, edited by functional administrators; read them with ``current()``."""

from .site import Site, current, stored_boundaries

__all__ = ["Site", "current", "stored_boundaries"]
