"""The admin site of Ontmoeting: Django's, with a start page per role as its index."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StaffAdminSite(admin.AdminSite):
    """The first page after logging in says what needs doing (``beheer.start``); the list
    of everything in the admin follows below it."""

    index_title = _("What needs doing")

    def index(self, request, extra_context=None):
        from . import start

        context = {"start": start.start_page(request.user, timezone.now()), **(extra_context or {})}
        return super().index(request, extra_context=context)


class StaffAdminConfig(AdminConfig):
    """Django's admin app with StaffAdminSite as ``admin.site`` (in INSTALLED_APPS).

    Here rather than in beheer/apps.py: an app's apps.py with more than one config in it
    would make Django pick the wrong one for ``beheer``.
    """

    default_site = "beheer.sites.StaffAdminSite"
