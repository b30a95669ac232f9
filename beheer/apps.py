from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeheerConfig(AppConfig):
    """Staff roles, what each user may manage, imports and overviews."""

    name = "beheer"
    verbose_name = _("Management")


class LoginAttemptsConfig(AxesAppConfig):
    """django-axes (the login lockout) under a name staff understand; its admin pages are
    ours (beheer/logins.py), in the language of the admin."""

    verbose_name = _("Login attempts")
