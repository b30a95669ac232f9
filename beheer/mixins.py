"""Admin classes that apply the object-level rights of ``ontmoeting.scopes`` on the server, and
one that mends a text of Django's inlines."""

import json

from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import Http404
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin

from ontmoeting import scopes


class HiddenObjectsMixin:
    """An object the user may not see answers 404 on each of its pages (change, delete,
    history, password …), exactly like an id that does not exist.

    Django answers 403 for an object that exists and a redirect for one that does not;
    scoped lists add 404 for objects outside the user's scope. Either difference tells an
    outsider which ids exist, so they could be probed. Whoever may see an object but not
    change it still gets 403 for the change: they know it exists anyway.
    """

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        return obj


class HiddenHistoryMixin(HiddenObjectsMixin):
    """HiddenObjectsMixin for django-simple-history's pages: the history of an object and
    one version of it (the "revert" form), also of a deleted object, which that package
    finds in the history and would answer with 403 for someone who may not see it."""

    def _history_subject(self, request, object_id):
        """The object (or, when deleted, its last version) if the user may see its history."""
        try:
            pk = self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None
        obj = self.get_queryset(request).filter(pk=pk).first()
        if obj is None:
            history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
            record = history.filter(**{self.model._meta.pk.attname: pk}).first()
            obj = record.instance if record is not None else None
        if obj is None or not self.has_view_history_or_change_history_permission(request, obj):
            raise Http404
        return obj

    def history_view(self, request, object_id, extra_context=None):
        self._history_subject(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._history_subject(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class HistoryRevertGuardMixin:
    """Only users who may change an object may save django-simple-history's "revert" form.

    That form (``<id>/history/<version>/``) saves a POST after checking only the right to
    *view* the history, so without this guard anyone who may look at a place could
    change it by posting there. A version of a deleted object needs the right to add.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        pk = unquote(object_id)
        current = self.get_queryset(request).filter(pk=pk).first()
        if current is not None:
            allowed = self.has_change_permission(request, current)
        else:
            exists = self.model._default_manager.filter(pk=pk).exists()
            allowed = not exists and self.has_add_permission(request)
        if not allowed:
            raise PermissionDenied
        with transaction.atomic(using=router.db_for_write(self.model)):
            response = super().history_form_view(request, object_id, version_id, extra_context)
            # The saved version must still be the user's (checked after saving, like
            # ScopedAdminMixin.save_related; raising here undoes the save).
            saved = self.model._default_manager.filter(pk=pk).first()
            if saved is not None and not self.has_change_permission(request, saved):
                raise PermissionDenied
        return response


class GuardedHistoryAdmin(HiddenHistoryMixin, HistoryRevertGuardMixin, SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose "revert" form needs the right to change, not only to view,
    and whose pages answer 404 for what the user may not see."""


class ScopedAdminMixin(HiddenHistoryMixin, HistoryRevertGuardMixin):
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

    def save_form(self, request, form, change):
        obj = super().save_form(request, form, change)
        hidden = self._hidden_relations(request, form) if change else {}
        if hidden:
            # The narrowed choices hide the relations outside the user's scope (a person
            # who also works in another cluster); saving the form would drop them. Put
            # them back after the form's many-to-many save, wherever that is called.
            save_m2m = form.save_m2m

            def save_m2m_keeping_hidden():
                save_m2m()
                for name, pks in hidden.items():
                    getattr(form.instance, name).add(*pks)

            form.save_m2m = save_m2m_keeping_hidden
        return obj

    def _hidden_relations(self, request, form) -> dict:
        """Many-to-many relations of the saved object that this user's form does not offer."""
        if scopes.is_unlimited(request.user) or form.instance.pk is None:
            return {}
        hidden = {}
        for name in self.scoped_choices:
            field = form.fields.get(name)
            if field is None or not self.model._meta.get_field(name).many_to_many:
                continue
            stored = set(
                getattr(self.model._default_manager.get(pk=form.instance.pk), name).values_list(
                    "pk", flat=True
                )
            )
            offered = set(field.queryset.values_list("pk", flat=True))
            if stored - offered:
                hidden[name] = stored - offered
        return hidden

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Checked after the relations are saved (a person's clusters are many-to-many); the
        # admin view runs in a transaction, so refusing here undoes the whole save.
        if self._limited(request) and not scopes.may_manage(request.user, form.instance):
            raise PermissionDenied


class SentenceCaseInlineAdminFormSet(helpers.InlineAdminFormSet):
    """An inline whose link reads "Add another schedule": Django writes the name with a
    capital in mid-sentence ("Nog een Rooster toevoegen")."""

    def inline_formset_data(self):
        data = json.loads(super().inline_formset_data())
        data["options"]["addText"] = gettext("Add another %(verbose_name)s") % {
            "verbose_name": self.opts.verbose_name
        }
        return json.dumps(data)


class SentenceCaseInlinesMixin:
    """For a ModelAdmin: its inlines' "add another" links without a capital mid-sentence."""

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_admin_formsets = super().get_inline_formsets(
            request, formsets, inline_instances, obj
        )
        for inline_admin_formset in inline_admin_formsets:
            # The same object with one method changed; the subclass adds no state.
            inline_admin_formset.__class__ = SentenceCaseInlineAdminFormSet
        return inline_admin_formsets
