from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeheerConfig(AppConfig):
    """Staff roles, what each user may manage, imports and overviews."""

    name = "beheer"
    verbose_name = _("Management")
