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
from django.utils.text import format_lazy, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from locaties.models import Organisation
from ontmoeting import scopes

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
    # A generated column (an activity's folded title) follows the others and is not
    # readable before the row is saved.
    return {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if not f.primary_key and not f.generated
    }


@dataclass
class Edit:
    """The object one row creates or changes, with its values from before the row."""

    obj: models.Model
    creating: bool
    before: dict
    # Fields full_clean() leaves alone: unreadable cells, and relations the importer looked
    # up in the database itself (the model need not look them up again).
    exclude: set[str] = field(default_factory=set)


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

    def found_or_new(self, slug: str):
        """The object with this slug, or a new one that is to have it."""
        existing = self.model.objects.filter(slug=slug).first() if slug else None
        return existing or self.model(slug=slug)

    def begin(self, reader: RowReader, obj, columns: Iterable[Column]) -> Edit | None:
        """Start on the row's object, found or new (unsaved): None when the user may not
        change or add it. Reads the ``columns`` that go straight into a field."""
        creating = obj.pk is None
        if not self.check_rights(reader, obj, creating):
            return None
        edit = Edit(obj, creating, snapshot(obj))
        assign_columns(reader, obj, columns, edit.exclude)
        return edit

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

    def validate(self, reader: RowReader, edit: Edit) -> None:
        try:
            # Every check constraint of these models repeats a check of their clean() in
            # SQL, with a less helpful message and a query each: not run again.
            edit.obj.full_clean(
                exclude=edit.exclude,
                validate_unique=self.validate_unique,
                validate_constraints=False,
            )
        except ValidationError as exc:
            reader.validation_errors(exc, self.field_columns)

    def save(self, obj) -> None:
        # Recorded in the history as the importing user, also outside a request.
        obj._history_user = self.user
        obj.save()

    def changes(self, edit: Edit, extra: list[str] = ()) -> list[str]:
        """The columns whose fields the row changed, then the ``extra`` columns it changed."""
        after = snapshot(edit.obj)
        names = []
        for attname, value in after.items():
            if edit.before.get(attname) != value:
                field_name = attname.removesuffix("_id")
                column = self.field_columns.get(field_name)
                if column and column not in names:
                    names.append(column)
        return names + [name for name in extra if name not in names]

    def outcome(self, reader, edit: Edit, changes, details="") -> Outcome:
        action = "create" if edit.creating else ("update" if changes else "unchanged")
        return Outcome(
            row=reader.number,
            action=action,
            key=str(self.key(reader)),
            name=str(edit.obj),
            details=details,
            changes=[] if edit.creating else changes,
        )

    def assign_reference(
        self, reader, edit: Edit, column: str, field: str, index: Index, refuse=None
    ) -> None:
        """Read a required ``column`` that names an object of ``index`` into the foreign key
        ``field``. ``refuse``, if given, says why the user may not choose the object found,
        or None when they may."""
        value = reader.get(column)
        # Looked up just now, or reported: the model need not look it up again.
        edit.exclude.add(field)
        if value is ABSENT or value is INVALID:
            return
        found = index.find(value) if value else None
        refusal = refuse(found) if refuse and found is not None else None
        if not value:
            reader.error(column, blank_message())
        elif found is None:
            reader.error(column, index.unknown(value))
        elif refusal:
            reader.error(column, refusal)
        else:
            setattr(edit.obj, field, found)


class Index(dict):
    """Objects by the words a file may name them with, in lower case; ``unknown(word)`` says
    that a word names none of them."""

    def __init__(self, unknown: Callable[[str], str], *args):
        super().__init__(*args)
        self.unknown = unknown

    def find(self, value: str):
        return self.get(value.strip().lower())


class ListColumn:
    """A column that names objects for a many-to-many relation (a place's hosts, an
    activity's themes): when the file has the column, its objects replace the relation's."""

    def __init__(self, column: str, relation: str, objects):
        self.column = column
        self.relation = relation
        # ABSENT without the column or with an unreadable cell: the relation stays as it is.
        self.objects = objects
        self.old: set = set()

    def compare(self, edit: Edit) -> bool:
        """Read the relation as it is, before the row saves; whether the row changes it."""
        obj = edit.obj
        self.old = set(getattr(obj, self.relation).all()) if obj.pk else set()
        return self.changed

    @property
    def changed(self) -> bool:
        return self.objects is not ABSENT and set(self.objects) != self.old

    def save(self, edit: Edit) -> None:
        """Replace the relation, once the object is saved, if the row changes it."""
        if self.changed:
            set_related(getattr(edit.obj, self.relation), self.objects, edit.creating)


def read_list(reader: RowReader, column: str, index: Index, relation: str) -> ListColumn:
    """The objects a cell names, separated by commas, each once, for the many-to-many
    ``relation``; an unknown name is an error."""
    words = reader.get(column, cells.word_list)
    if words is ABSENT or words is INVALID:
        return ListColumn(column, relation, ABSENT)
    found = []
    for word in words:
        entry = index.find(word)
        if entry is None:
            reader.error(column, index.unknown(word))
        elif entry not in found:
            found.append(entry)
    return ListColumn(column, relation, found)


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


def organisation_index() -> Index:
    index = Index(unknown_organisation)
    for organisation in Organisation.objects.all():
        index[organisation.name.lower()] = organisation
        index[organisation.slug] = organisation
    return index


def names_of(objects) -> str:
    """The objects as "a, b and c" in a message; a dash for none."""
    return get_text_list([str(obj) for obj in objects], _("and")) or "–"


def unknown_organisation(name: str) -> str:
    return _(
        "There is no organisation “%(value)s”. Give the name of an existing organisation, as "
        "in the admin under Organisations."
    ) % {"value": name}
