from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverzichtenConfig(AppConfig):
    """Overviews, downloads and printable weekly sheets for municipality staff."""

    name = "overzichten"
    verbose_name = _("Overviews")
    default_auto_field = "django.db.models.BigAutoField"
