import re

from django import template

register = template.Library()


@register.filter
def phone_uri(number: str) -> str:
    """'053 123 45 67' → '0531234567': a tel: URI allows no spaces (RFC 3966)."""
    return re.sub(r"[^0-9+]", "", number or "")
