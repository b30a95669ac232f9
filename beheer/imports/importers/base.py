"""What every importer shares: the outcome of a row, the run of a whole table, the base class.

One importer per kind of file (``clusters``, ``places``, ``activities``). Each row becomes (or updates) objects that are checked with the models' own validation
(``full_clean``), so an import says what the admin would say. The rights of the admin
apply too: a welfare worker only imports activities of their own organisations, a
cluster manager only places in their own clusters.

:func:`run` handles a whole table in one transaction: a dry run always rolls back, a
real import rolls back as soon as one row has an error. Rows are saved as they are read,
so later rows are checked against earlier ones (two new clusters with the same name).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from locaties.models import Organisation

from ... import scopes
from .. import cells, tables
from ..cells import RowReader
from ..tables import Problem, Table

logger = logging.getLogger(__name__)

ABSENT, INVALID = RowReader.ABSENT, RowReader.INVALID


@dataclass(frozen=True)
class Column(tables.Column):
    """A column with what the importer needs of it, declared in one place.

    ``field`` is the model field the column holds: the model's messages about that field
    are shown at this column's cell, and a change to it is reported under this heading.
    With ``parse`` as well, the cell is read with that parser straight into the field
    (:func:`assign_columns`); without, the importer reads the cell itself.
    """

    field: str = ""
    parse: Callable[[str], object] | None = None


def assign_columns(reader: RowReader, obj, columns: Iterable[Column], exclude: set[str]) -> None:
    """Read every column that declares its field and parser into ``obj``."""
    for column in columns:
        if column.parse is not None:
            reader.assign(obj, column.field, column.name, column.parse, exclude)


def columns_by_field(columns: Iterable[Column], **more: str) -> dict[str, str]:
    """Model field → the column that holds it; ``more`` for fields no column holds itself
    (a cluster's slug is made from its name)."""
    return {column.field: column.name for column in columns if column.field} | more


@dataclass
class Outcome:
    """What one row does: create, update or leave unchanged an object."""

    row: int
    action: str
    key: str
    name: str
    details: str = ""
    changes: list[str] = field(default_factory=list)
    # What the admin would warn about after saving (never an error: the row imports).
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "action": self.action,
            "key": self.key,
            "name": self.name,
            "details": self.details,
            "changes": self.changes,
            "warnings": self.warnings,
        }


@dataclass
class Result:
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def warning_count(self) -> int:
        """The number of rows with warnings."""
        return sum(1 for outcome in self.outcomes if outcome.warnings)

    def counts(self) -> dict[str, int]:
        counts = {"create": 0, "update": 0, "unchanged": 0}
        for outcome in self.outcomes:
            counts[outcome.action] += 1
        return counts


class _Rollback(Exception):
    """Leaves an atomic block without keeping its writes."""


def run(importer: Importer, table: Table, *, commit: bool) -> Result:
    """Import every row of ``table``; keep the writes only if ``commit`` and nothing failed."""
    result = Result(problems=list(table.problems))
    columns = set(table.columns)
    try:
        with transaction.atomic():
            importer.prepare()
            seen: dict[str, int] = {}
            for row in table.rows:
                reader = RowReader(row, columns)
                outcome = _import_row(importer, reader, seen)
                result.problems.extend(
                    Problem(row.number, column, message) for column, message in reader.errors
                )
                if outcome is not None:
                    result.outcomes.append(outcome)
            if not result.problems:
                # After every row, so that rows of the same file are checked against each other.
                importer.add_warnings(result.outcomes)
            if result.problems or not commit:
                raise _Rollback
    except _Rollback:
        pass
    result.problems.sort(key=lambda problem: problem.row or 0)
    return result


def _import_row(importer: Importer, reader: RowReader, seen: dict[str, int]) -> Outcome | None:
    key = importer.key(reader)
    if key:
        if key in seen:
            reader.error(
                importer.key_column(reader),
                _(
                    "This row is about the same %(thing)s as row %(row)s (“%(key)s”): each "
                    "%(thing)s may appear only once in the file."
                )
                % {"row": seen[key], "key": key, "thing": importer.model._meta.verbose_name},
            )
            return None
        seen[key] = reader.number
    try:
        # A savepoint per row: a row that fails half-way leaves nothing behind.
        with transaction.atomic():
            outcome = importer.import_row(reader)
            if reader.failed:
                raise _Rollback
            return outcome
    except _Rollback:
        return None
    except DatabaseError:
        logger.exception("Import row %s could not be saved", reader.number)
        reader.error(
            "",
            _("This row could not be saved. Check its values, or ask a functional administrator."),
        )
        return None


def snapshot(obj) -> dict:
    return {
        f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key
    }


class Importer:
    """The columns of one kind of file and how a row becomes objects."""

    kind: str
    model: type
    columns: list[Column]
    column_groups: tuple[tuple[str, ...], ...] = ()
    # model field → the column that holds it, to show the model's messages at the right cell
    field_columns: dict[str, str] = {}
    # Each row looks its object up by its unique key first; only a derived key (a cluster's
    # slug) can still clash.
    validate_unique = False
    # (permissions needed to import this kind at all; at least one of these as well)
    permissions: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()

    def __init__(self, user):
        self.user = user
        self.scoped = scopes.is_scoped(user, self.model)

    @classmethod
    def may_import(cls, user) -> bool:
        return (
            user.is_active
            and user.is_staff
            and all(user.has_perm(perm) for perm in cls.permissions)
            and any(user.has_perm(perm) for perm in cls.any_of)
        )

    def prepare(self) -> None:
        """Read what every row looks up, once (inside the import's transaction)."""

    def add_warnings(self, outcomes: list[Outcome]) -> None:
        """Add to ``outcomes`` what the admin would warn about, with all rows in the database."""

    def key(self, reader: RowReader) -> str:
        raise NotImplementedError

    def key_column(self, reader: RowReader) -> str:
        raise NotImplementedError

    def import_row(self, reader: RowReader) -> Outcome | None:
        raise NotImplementedError

    # --- shared steps ---

    def check_rights(self, reader: RowReader, obj, creating: bool) -> bool:
        opts = self.model._meta
        action = "add" if creating else "change"
        if not self.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"):
            reader.error(
                self.key_column(reader),
                _("You may not add new %(things)s; only existing ones can be updated.")
                % {"things": opts.verbose_name_plural}
                if creating
                else _("You may not change existing %(things)s.")
                % {"things": opts.verbose_name_plural},
            )
            return False
        if not creating and not scopes.may_manage(self.user, obj):
            reader.error(self.key_column(reader), self.not_yours_message())
            return False
        return True

    def not_yours_message(self) -> str:
        return _("You may not change this %(thing)s.") % {"thing": self.model._meta.verbose_name}

    def validate(self, reader: RowReader, obj, exclude: set[str]) -> None:
        try:
            # Every check constraint of these models repeats a check of their clean() in
            # SQL, with a less helpful message and a query each: not run again.
            obj.full_clean(
                exclude=exclude,
                validate_unique=self.validate_unique,
                validate_constraints=False,
            )
        except ValidationError as exc:
            reader.validation_errors(exc, self.field_columns)

    def save(self, obj) -> None:
        # Recorded in the history as the importing user, also outside a request.
        obj._history_user = self.user
        obj.save()

    def changes(self, before: dict, obj, extra: list[str] = ()) -> list[str]:
        after = snapshot(obj)
        names = []
        for attname, value in after.items():
            if before.get(attname) != value:
                field_name = attname.removesuffix("_id")
                column = self.field_columns.get(field_name)
                if column and column not in names:
                    names.append(column)
        return names + [name for name in extra if name not in names]

    def outcome(self, reader, obj, creating, changes, details="") -> Outcome:
        action = "create" if creating else ("update" if changes else "unchanged")
        return Outcome(
            row=reader.number,
            action=action,
            key=str(self.key(reader)),
            name=str(obj),
            details=details,
            changes=[] if creating else changes,
        )


def lookup(index: dict, value: str):
    return index.get(value.strip().lower())


def yes_no_help(default: bool):
    return (
        gettext_lazy("ja or nee; empty means ja.")
        if default
        else gettext_lazy("ja or nee; empty means nee.")
    )


def with_yes_no_help(meaning, default: bool):
    """The help of a ja/nee column: what it means, then what an empty cell means."""
    return format_lazy("{} {}", meaning, yes_no_help(default))


def text_column(name, help, example, field, **options) -> Column:
    """A column of plain text, read straight into ``field``."""
    return Column(name, help, example, field=field, parse=cells.text, **options)


def yes_no_column(name, meaning, example, field, default=False) -> Column:
    """A ja/nee column, read straight into ``field``; an empty cell gives ``default``."""
    return Column(
        name,
        with_yes_no_help(meaning, default),
        example,
        field=field,
        parse=cells.yes_no(default),
    )


def set_related(manager, objects, creating: bool) -> None:
    # A new object has no relations yet: add() skips the query set() makes to compare.
    if creating:
        manager.add(*objects)
    else:
        manager.set(objects)


def blank_message() -> str:
    """What the model says about an empty required field, so the import says it alike."""
    return str(models.Field.default_error_messages["blank"])


def organisation_index() -> dict:
    index = {}
    for organisation in Organisation.objects.all():
        index[organisation.name.lower()] = organisation
        index[organisation.slug] = organisation
    return index


def unknown_organisation(name: str) -> str:
    return _(
        "There is no organisation “%(value)s”. Give the name of an existing organisation, as "
        "in the admin under Organisations."
    ) % {"value": name}
