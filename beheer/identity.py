"""Who is at work in the admin: the person's name and what they work for, for the header."""

from dataclasses import dataclass

from ontmoeting import roles, scopes

from .models import Membership


@dataclass(frozen=True)
class StaffIdentity:
    name: str
    # Their organisations and clusters, or else their role: what they work for.
    works_for: str


def staff_identity(user) -> StaffIdentity:
    """'Nadia el Amrani' and 'Alifa': the full name (the user name when there is none) and
    the organisations and clusters of their membership, or else their role. One query, once
    per request (kept on the user object); the role comes from the groups scopes reads."""
    if hasattr(user, "_staff_identity"):
        return user._staff_identity
    name = user.get_full_name() or user.get_username()
    # One query: the membership's organisations × clusters (a handful of each at most).
    rows = list(
        Membership.objects.filter(user=user)
        .order_by("organisations__name", "clusters__number")
        .values_list("organisations__name", "clusters__name")
    )
    organisations = list(dict.fromkeys(o for o, _c in rows if o))
    clusters = list(dict.fromkeys(c for _o, c in rows if c))
    works_for = " · ".join(", ".join(names) for names in (organisations, clusters) if names)
    if not works_for:
        works_for = str(_role_label(user))
    user._staff_identity = StaffIdentity(name=name, works_for=works_for)
    return user._staff_identity


def _role_label(user) -> str:
    if user.is_superuser:
        return roles.LABELS[roles.FUNCTIONAL_ADMIN]
    names = [group.name for group in scopes.role_groups(user)]
    return next((roles.LABELS[name] for name in roles.LABELS if name in names), "")
