"""The login lockout (django-axes) in the admin, in the admin's language.

django-axes' own admin pages are in English and name every record in English ("Access Log
for jan @ 2026-12-01 …"), so they are switched off (``AXES_ENABLE_ADMIN``) and these lists
take their place: no detail pages (a record's name is that English text), nothing to add or
change, and for a locked-out login one action that unlocks it.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin, messages
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .list_filters import YesNoFilter


def _lockout_since():
    """Attempts after this moment still count towards a lockout."""
    return timezone.now() - settings.AXES_COOLOFF_TIME


def _locked() -> dict:
    """The attempts of a login that is locked out now."""
    return {
        "failures_since_start__gte": settings.AXES_FAILURE_LIMIT,
        "attempt_time__gt": _lockout_since(),
    }


class LockedOutFilter(YesNoFilter):
    title = _("locked out")
    parameter_name = "locked_out"

    def yes(self, queryset):
        return queryset.filter(**_locked())

    def no(self, queryset):
        return queryset.exclude(**_locked())


class LoginRecordAdmin(admin.ModelAdmin):
    """A read-only list of login records."""

    list_display_links = None
    date_hierarchy = "attempt_time"
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]

    def get_urls(self):
        # The list only: the other pages (view, delete, history) would name the record in
        # English.
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "",
                self.admin_site.admin_view(self.changelist_view),
                name="{}_{}_changelist".format(*info),
            )
        ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Its confirmation page names the records in English; see the module docstring.
        actions.pop("delete_selected", None)
        return actions


@admin.register(AccessAttempt)
class AccessAttemptAdmin(LoginRecordAdmin):
    list_display = ["attempt_time", "username", "ip_address", "failures_since_start", "locked"]
    list_filter = [LockedOutFilter]
    actions = ["unlock"]

    @admin.display(description=_("locked out"), boolean=True)
    def locked(self, obj: AccessAttempt) -> bool:
        return (
            obj.failures_since_start >= settings.AXES_FAILURE_LIMIT
            and obj.attempt_time > _lockout_since()
        )

    @admin.action(description=_("Unlock: forget these failed attempts"), permissions=["delete"])
    def unlock(self, request, queryset):
        count = len(queryset.values_list("pk", flat=True))
        queryset.delete()
        self.message_user(
            request,
            ngettext(
                "%(count)d login attempt forgotten: that login is no longer locked.",
                "%(count)d login attempts forgotten: those logins are no longer locked.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(AccessLog)
class AccessLogAdmin(LoginRecordAdmin):
    list_display = ["attempt_time", "logout_time", "username", "ip_address", "user_agent"]


@admin.register(AccessFailureLog)
class AccessFailureLogAdmin(LoginRecordAdmin):
    list_display = ["attempt_time", "username", "ip_address", "locked_out"]
    list_filter = ["locked_out"]
