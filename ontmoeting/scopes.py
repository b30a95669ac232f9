"""Which objects a staff user may manage: the object-level half of the rights.

Model permissions (from the role groups) say *what kind* of thing a user may change; the
scopes here say *which ones*: welfare workers the activities of their own organisations,
cluster managers the places, hours and people of their own clusters. Superusers and
functional administrators are not limited. A user who may only *view* a kind of thing
sees all of it.

Below every app, so that the services of the domain apps check rights themselves without
importing the staff app above them (docs/architecture.md). It imports no app: the rules name
models by their labels, and a user's organisations and clusters are read through the
``membership`` relation (``beheer.Membership``, ``related_name="membership"``).
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q

from . import roles


def is_unlimited(user) -> bool:
    return user.is_superuser or any(group.name == roles.FUNCTIONAL_ADMIN for group in _groups(user))


def functional_administrators():
    """Active staff users who may do everything in the admin: superusers and members of the
    functional administrators' group (``make start`` asks for the first one)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(is_superuser=True) | Q(groups__name=roles.FUNCTIONAL_ADMIN))
        .distinct()
    )


def role_names(user) -> set[str]:
    """The user's roles (names from ``ontmoeting.roles``); a superuser counts as a functional
    administrator."""
    names = {group.name for group in _groups(user)} & set(roles.LABELS)
    if user.is_superuser:
        names.add(roles.FUNCTIONAL_ADMIN)
    return names


def _groups(user):
    if not hasattr(user, "_role_groups"):
        user._role_groups = list(user.groups.all()) if user.is_authenticated else []
    return user._role_groups


def role_groups(user) -> list:
    """The user's groups, read once per request."""
    return _groups(user)


def organisation_ids(user) -> list[int]:
    if not hasattr(user, "_organisation_ids"):
        user._organisation_ids = list(
            user.membership.organisations.values_list("pk", flat=True)
            if _has_membership(user)
            else []
        )
    return user._organisation_ids


def cluster_ids(user) -> list[int]:
    if not hasattr(user, "_cluster_ids"):
        user._cluster_ids = list(
            user.membership.clusters.values_list("pk", flat=True) if _has_membership(user) else []
        )
    return user._cluster_ids


def _has_membership(user) -> bool:
    try:
        return user.membership is not None
    except ObjectDoesNotExist:  # Membership.DoesNotExist, without importing beheer
        return False


def _activity_rule(prefix: str):
    return lambda user: Q(**{f"{prefix}organiser__in": organisation_ids(user)})


def _cluster_rule(prefix: str):
    return lambda user: Q(**{f"{prefix}cluster__in": cluster_ids(user)})


# model label → the condition for "this user may manage this object"
RULES = {
    "activiteiten.activity": _activity_rule(""),
    "activiteiten.schedule": _activity_rule("activity__"),
    "activiteiten.cancellation": _activity_rule("activity__"),
    "locaties.location": _cluster_rule(""),
    "locaties.openinghours": _cluster_rule("location__"),
    "locaties.openingexception": _cluster_rule("location__"),
    "locaties.person": lambda user: (
        Q(clusters__in=cluster_ids(user)) | Q(locations__cluster__in=cluster_ids(user))
    ),
}


def is_scoped(user, model) -> bool:
    """Whether this user's rights on ``model`` are limited to their own objects."""
    return not is_unlimited(user) and model._meta.label_lower in RULES


def manageable(user, queryset):
    """The part of ``queryset`` this user may change and delete."""
    label = queryset.model._meta.label_lower
    if not is_scoped(user, queryset.model):
        return queryset
    condition = RULES[label](user)
    if label == "locaties.person":
        # Two to-many paths: filter by primary key so rows are not repeated.
        return queryset.filter(pk__in=queryset.model.objects.filter(condition).values("pk"))
    return queryset.filter(condition)


def may_manage(user, obj) -> bool:
    if obj is None or not is_scoped(user, type(obj)):
        return True
    return manageable(user, type(obj).objects.filter(pk=obj.pk)).exists()


def lock_for_change(user, objects, model) -> list:
    """The rows of ``objects`` (instances of ``model``), locked for the change, once the user
    may change every one of them: the model permission and the object-level scope.

    All or nothing: one row out of scope in a (crafted) selection refuses the whole action
    (PermissionDenied), rather than silently doing part of it. Call it in a transaction.
    """
    pks = {obj.pk for obj in objects}
    if not user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
        raise PermissionDenied
    rows = list(
        manageable(user, model.objects.filter(pk__in=pks)).select_for_update().order_by("pk")
    )
    if len(rows) != len(pks):
        raise PermissionDenied
    return rows


def own_organisations(user, queryset):
    return queryset.filter(pk__in=organisation_ids(user))


def own_clusters(user, queryset):
    return queryset.filter(pk__in=cluster_ids(user))


def own_locations(user, queryset):
    return queryset.filter(cluster__in=cluster_ids(user))
