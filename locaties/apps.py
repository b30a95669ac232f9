from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocatiesConfig(AppConfig):
    name = "locaties"
    verbose_name = _("Places")
