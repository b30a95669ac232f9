"""Admin classes that apply the object-level rights of ``beheer.scopes`` on the server."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from . import scopes


class ScopedAdminMixin:
    """Limit lists, forms and every object view (change, delete, history) to what the user
    may manage, so a crafted URL or POST cannot reach another organisation's data.

    ``scoped_choices`` maps a relation field to a function that narrows its choices for a
    limited user, e.g. ``{"organiser": scopes.own_organisations}``.
    """

    scoped_choices: dict = {}

    def _limited(self, request) -> bool:
        """Limited to own objects: the user may change this kind of thing, but not all of it."""
        opts = self.model._meta
        may_change = request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        return may_change and scopes.is_scoped(request.user, self.model)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return scopes.manageable(request.user, queryset) if self._limited(request) else queryset

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            # Django would redirect with "does not exist"; say 404 for other people's objects.
            raise Http404
        return obj

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and scopes.may_manage(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and scopes.may_manage(request.user, obj)

    def has_view_history_or_change_history_permission(self, request, obj=None):
        # django-simple-history finds deleted objects in their history; check them too.
        allowed = super().has_view_history_or_change_history_permission(request, obj)
        return allowed and (not self._limited(request) or scopes.may_manage(request.user, obj))

    def _narrow(self, db_field, request, kwargs):
        narrow = self.scoped_choices.get(db_field.name)
        if narrow and not scopes.is_unlimited(request.user):
            queryset = kwargs.get("queryset", db_field.remote_field.model._default_manager.all())
            kwargs["queryset"] = narrow(request.user, queryset)
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(
            db_field, request, **self._narrow(db_field, request, kwargs)
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(
            db_field, request, **self._narrow(db_field, request, kwargs)
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Checked after the relations are saved (a person's clusters are many-to-many); the
        # admin view runs in a transaction, so refusing here undoes the whole save.
        if self._limited(request) and not scopes.may_manage(request.user, form.instance):
            raise PermissionDenied
