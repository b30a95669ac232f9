from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Membership

User = get_user_model()


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False
    verbose_name = _("organisations and clusters this user manages")
    verbose_name_plural = verbose_name
    filter_horizontal = ["organisations", "clusters"]


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
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

    @admin.display(description=_("roles"))
    def roles(self, obj) -> str:
        return ", ".join(group.name for group in obj.groups.all())
