from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeheerConfig(AppConfig):
    """The staff admin: its site, the role groups (made by its migrations, named in
    ontmoeting.roles), memberships, the rights mixins every admin applies, and imports."""

    name = "beheer"
    verbose_name = _("Management")
