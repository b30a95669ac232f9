from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ontmoeting import scopes
from ontmoeting.roles import ROLE_PERMISSIONS

from . import services, views
from .logins import AccessAttemptAdmin  # noqa: F401 (registers the login lockout's lists)
from .mixins import HiddenObjectsMixin
from .models import ImportBatch, Membership

User = get_user_model()


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False
    verbose_name = _("organisations and clusters this user manages")
    verbose_name_plural = verbose_name
    filter_horizontal = ["organisations", "clusters"]


admin.site.unregister(User)

# Other apps' admins: an object the user may not see answers 404 there too (see
# HiddenObjectsMixin), so that no admin page tells which ids exist.
for _model in (Group, AccessAttempt, AccessLog, AccessFailureLog):
    if not admin.site.is_registered(_model):  # axes can leave out its admin
        continue
    _admin_class = type(admin.site._registry[_model])
    admin.site.unregister(_model)
    admin.site.register(_model, type(_admin_class.__name__, (HiddenObjectsMixin, _admin_class), {}))


@admin.register(User)
class StaffUserAdmin(HiddenObjectsMixin, UserAdmin):
    """Users with their role (group) and membership, edited by functional administrators."""

    inlines = [MembershipInline]
    list_display = [
        "username",
        "first_name",
        "last_name",
        "email",
        "roles",
        "is_active",
        "last_login",
    ]
    list_filter = ["groups", "is_active", "is_staff", "is_superuser"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    # A functional administrator manages the staff, but must not be able to make anyone
    # (themselves included) a superuser, hand out single permissions past the roles, or
    # take over a superuser's account by changing its password.

    def get_readonly_fields(self, request, obj=None):
        # Records of what happened, not facts to edit. Sent back through the form, a time in
        # the hour that repeats when summer time ends ("02:50") cannot be read back, and the
        # user could not be saved at all.
        fields = [*super().get_readonly_fields(request, obj), "last_login", "date_joined"]
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=ROLE_PERMISSIONS)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("roles"))
    def roles(self, obj) -> str:
        return ", ".join(group.name for group in obj.groups.all())


@admin.register(ImportBatch)
class ImportBatchAdmin(HiddenObjectsMixin, admin.ModelAdmin):
    """Uploaded spreadsheets. Not edited here: files come in through the import pages
    (beheer/views.py), which check them first and import them on confirmation."""

    list_display = ["created", "kind", "filename", "created_by", "status", "summary"]
    list_filter = ["kind", "status"]
    list_select_related = ["created_by"]
    search_fields = ["filename"]
    ordering = ["-created"]

    def get_urls(self):
        # Before the default URLs: "<path:object_id>/" would swallow these.
        wrap = self.admin_site.admin_view
        return [
            path("upload/", wrap(self.upload_view), name="beheer_importbatch_upload"),
            path("<int:pk>/preview/", wrap(self.preview_view), name="beheer_importbatch_preview"),
            path("<int:pk>/confirm/", wrap(self.confirm_view), name="beheer_importbatch_confirm"),
            path(
                "template/<str:kind>.<str:extension>",
                wrap(self.template_view),
                name="beheer_importbatch_template",
            ),
            *super().get_urls(),
        ]

    def upload_view(self, request):
        return views.upload(request, self)

    def preview_view(self, request, pk):
        return views.preview(request, self, pk)

    def confirm_view(self, request, pk):
        return views.confirm(request, self, pk)

    def template_view(self, request, kind, extension):
        return views.template(request, self, kind, extension)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if scopes.is_unlimited(request.user):
            return queryset
        return queryset.filter(created_by=request.user)

    # Who may import decides who sees this list; the role's model permissions on
    # ImportBatch alone would leave out cluster managers, who import places.
    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        if not services.import_kinds(user=request.user):
            return False
        return (
            obj is None or scopes.is_unlimited(request.user) or obj.created_by_id == request.user.pk
        )

    def has_add_permission(self, request):
        return bool(services.import_kinds(user=request.user))

    def has_change_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        # "Add" in the admin index and the list leads to the upload page.
        return redirect("admin:beheer_importbatch_upload")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # get_object() answers 404 for an id that is not a number or not the user's.
        batch = self.get_object(request, unquote(object_id))
        return redirect("admin:beheer_importbatch_preview", batch.pk)

    @admin.display(description=_("rows"))
    def summary(self, obj) -> str:
        report = obj.report or {}
        if obj.status == ImportBatch.Status.REJECTED:
            return ngettext("%(count)d error", "%(count)d errors", report.get("error_count", 0)) % {
                "count": report.get("error_count", 0)
            }
        counts = report.get("counts", {})
        return _("%(create)s new, %(update)s updated, %(unchanged)s unchanged") % {
            "create": counts.get("create", 0),
            "update": counts.get("update", 0),
            "unchanged": counts.get("unchanged", 0),
        }
