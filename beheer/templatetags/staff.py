from django import template

from beheer.identity import StaffIdentity, staff_identity

register = template.Library()


@register.simple_tag
def identity_of(user) -> StaffIdentity | None:
    """``{% identity_of user as me %}``: the name and organisations for the admin header."""
    return staff_identity(user) if user.is_authenticated else None
