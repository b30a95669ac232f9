"""The four staff roles as groups, and the model permissions each one has.

Object-level limits (which organisation, which cluster) live in ``ontmoeting.scopes``.
Beside it, below every app, since those scopes read the role names; the permissions name
their models by label, so this module imports no app either. beheer's migrations make the
groups (``sync_role_groups``).
"""

from django.utils.translation import gettext_lazy as _

WELFARE_WORKER = "Welzijnswerker"
CLUSTER_MANAGER = "Clustermanager"
MUNICIPALITY = "Gemeente"
FUNCTIONAL_ADMIN = "Functioneel beheerder"

LABELS = {
    WELFARE_WORKER: _("welfare worker"),
    CLUSTER_MANAGER: _("cluster manager"),
    MUNICIPALITY: _("municipality staff"),
    FUNCTIONAL_ADMIN: _("functional administrator"),
}

ALL = ("add", "change", "delete", "view")
VIEW = ("view",)
CONTENT_MODELS = {
    "clusters": ["cluster"],
    # Kinds of places (and their norms) are changed by functional administrators only.
    "locaties": [
        "locationkind",
        "organisation",
        "location",
        "openinghours",
        "openingexception",
        "person",
    ],
    "activiteiten": ["activity", "schedule", "cancellation", "theme", "targetgroup"],
}


def _view_everything() -> dict[str, tuple[str, ...]]:
    return {f"{app}.{model}": VIEW for app, models in CONTENT_MODELS.items() for model in models}


ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    WELFARE_WORKER: {
        **_view_everything(),
        "activiteiten.activity": ALL,
        "activiteiten.schedule": ALL,
        "activiteiten.cancellation": ALL,
        "beheer.importbatch": ("add", "view"),
    },
    CLUSTER_MANAGER: {
        **_view_everything(),
        "locaties.location": ("change", "view"),
        "locaties.openinghours": ALL,
        "locaties.openingexception": ALL,
        "locaties.person": ALL,
    },
    MUNICIPALITY: {
        **_view_everything(),
        "beheer.view_overviews": (),
    },
    FUNCTIONAL_ADMIN: {
        **{f"{app}.{model}": ALL for app, models in CONTENT_MODELS.items() for model in models},
        "auth.user": ALL,
        "auth.group": VIEW,
        "beheer.membership": ALL,
        "beheer.importbatch": ALL,
        "beheer.view_overviews": (),
        # The one settings row: never added or deleted, only changed.
        "instellingen.sitesettings": ("change", "view"),
    },
}


def permission_codenames(role: str) -> list[tuple[str, str]]:
    """(app_label, codename) pairs; an empty action tuple names a custom permission itself."""
    pairs = []
    for key, actions in ROLE_PERMISSIONS[role].items():
        app_label, name = key.split(".")
        if actions:
            pairs.extend((app_label, f"{action}_{name}") for action in actions)
        else:
            pairs.append((app_label, name))
    return pairs


def sync_role_groups(apps) -> None:
    """Create or update the role groups with exactly their permissions (used by migrations)."""
    from django.contrib.auth.management import create_permissions

    # On a fresh database permissions only appear after migrate; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role in ROLE_PERMISSIONS:
        group, _created = group_model.objects.get_or_create(name=role)
        wanted = [
            permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            for app_label, codename in permission_codenames(role)
        ]
        group.permissions.set([p for p in wanted if p is not None])
