import re

from django import template

register = template.Library()


@register.filter
def phone_uri(number: str) -> str:
    """'053 123 45 67' → '0531234567': a tel: URI allows no spaces (RFC 3966)."""
    return re.sub(r"[^0-9+]", "", number or "")


@register.filter
def minutes(duration) -> int:
    """A timedelta in whole minutes (a lockout of 0:15:00 → 15)."""
    return int(duration.total_seconds() // 60) if duration else 0
