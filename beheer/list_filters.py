"""List filters shared by the admins."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class YesNoFilter(admin.SimpleListFilter):
    """A list filter of two choices: the rows that have something, or not. A subclass says
    which in ``yes(queryset)`` and ``no(queryset)``."""

    yes_label = _("yes")
    no_label = _("no")

    def lookups(self, request, model_admin):
        return [("yes", self.yes_label), ("no", self.no_label)]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return self.yes(queryset)
        if self.value() == "no":
            return self.no(queryset)
        return queryset
