"""django-axes (the login lockout) under a name staff understand.

In a module of its own rather than in beheer/apps.py: an apps.py with more than one config
in it would make Django pick the wrong one for ``beheer``.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class LoginAttemptsConfig(AxesAppConfig):
    """django-axes; its admin pages are ours (beheer/logins.py), in the admin's language."""

    verbose_name = _("Login attempts")
