from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActiviteitenConfig(AppConfig):
    name = "activiteiten"
    verbose_name = _("Activities")

    def ready(self):
        from . import signals

        signals.connect()
