"""The history pages of every admin: readable values, and the rows edited in inlines.

Every admin with django-simple-history mixes in ``ReadableHistoryMixin``; the pages are
``templates/simple_history/object_history.html`` and ``object_history_list.html`` (our
versions of simple-history's, without inline styles for the strict CSP).
"""

import datetime

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from simple_history.template_utils import HistoricalRecordContextHelper


def readable_value(field, value) -> str:
    """A field's value as staff know it: labels instead of codes, yes/no, dates in words."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(field, ArrayField):
        return ", ".join(readable_value(field.base_field, item) for item in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return gettext("yes") if value else gettext("no")
    if isinstance(field, models.DateTimeField) and isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(field, models.DateField) and isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(field, models.TimeField) and isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    return str(value)


def related_name(model, pk) -> str:
    """The name of a related object in a history line; its number if it no longer exists."""
    obj = model._default_manager.filter(pk=pk).first()
    return str(obj) if obj is not None else f"#{pk}"


class ReadableHistoryContextHelper(HistoricalRecordContextHelper):
    """simple-history's change list of a record, with readable old and new values."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if isinstance(field, models.ManyToManyField):
            related = super().prepare_delta_change_value(change, value)
            return ", ".join(sorted(str(item) for item in related)) or "–"
        if isinstance(value, models.Model):
            return str(value)
        if isinstance(field, models.ForeignKey) and value is not None:
            # The kind, the cluster …: its name rather than its number.
            return related_name(field.related_model, value)
        return readable_value(field, value)


class ReadableHistoryMixin:
    """The history page of an object: which fields changed, from what to what, and by whom,
    including the rows edited in its inlines (weekly hours, schedules …).

    ``related_history`` lists ``(model, foreign key name, label function)`` for those rows;
    the label function gets a historical record and must not query the database.
    """

    related_history: list = []
    related_history_limit = 200

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryContextHelper(self.model, historical_record)

    def save_model(self, request, obj, form, change):
        # Saving a form without changing it (e.g. to change only an inline row) is no
        # change of the object: an empty line in its history would only hide the real ones.
        # Only in the change view: the "revert" form compares with the old version, so an
        # unchanged revert form still changes the object.
        match = request.resolver_match
        in_change_view = match is not None and (match.url_name or "").endswith("_change")
        if change and in_change_view and not form.has_changed():
            obj.skip_history_when_saving = True
        try:
            super().save_model(request, obj, form, change)
        finally:
            if hasattr(obj, "skip_history_when_saving"):
                del obj.skip_history_when_saving

    def history_view(self, request, object_id, extra_context=None):
        try:
            pk = int(object_id)
        except (TypeError, ValueError):
            raise Http404 from None
        context = {
            "related_history": self._related_history(pk),
            "may_view_users": request.user.has_perm("auth.view_user"),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, extra_context=context)

    def _related_history(self, pk: int) -> list[dict]:
        entries = []
        for model, fk_name, label in self.related_history:
            records = list(
                model.history.filter(**{f"{fk_name}_id": pk})
                .select_related("history_user")
                .order_by("-history_date", "-history_id")[: self.related_history_limit]
            )
            # Oldest first, so each record is compared with the one before it.
            previous = {}
            for record in reversed(records):
                before = previous.get(record.id)
                changes = []
                if before is not None and record.history_type == "~":
                    delta = record.diff_against(before, excluded_fields=[fk_name])
                    changes = ReadableHistoryContextHelper(model, record).context_for_delta_changes(
                        delta
                    )
                previous[record.id] = record
                entries.append(
                    {
                        "record": record,
                        "model": model._meta.verbose_name,
                        "label": label(record),
                        "changes": changes,
                    }
                )
        entries.sort(key=lambda e: (e["record"].history_date, e["record"].history_id), reverse=True)
        return entries[: self.related_history_limit]
