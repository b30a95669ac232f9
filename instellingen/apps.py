from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def settings_changed(**kwargs) -> None:
    from ontmoeting.cache import drop_settings

    # Now and again at commit: a request between the save and the commit would otherwise
    # keep the old row in the cache under the new version.
    drop_settings()


class SettingsConfig(AppConfig):
    """The site's settings row (names, map, holidays, about text), edited in the admin."""

    name = "instellingen"
    verbose_name = _("Settings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import SiteSettings

        for signal in (post_save, post_delete):
            signal.connect(
                settings_changed, sender=SiteSettings, dispatch_uid=f"instellingen-{signal!r}"
            )
