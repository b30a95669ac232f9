"""Writes of the admin that are more than one form: importing a spreadsheet in two steps.

1. :func:`import_check` reads the upload, runs the whole import in a transaction that is
   rolled back (a dry run with the models' own validation) and stores the file and what
   it found as an :class:`~beheer.models.ImportBatch`: *checked* or *rejected*.
2. :func:`import_apply` runs the stored file again for real, all rows or none. The
   database may have changed since the check, so everything is checked again, with the
   rights the user has *now*.

Uploads that are never imported are removed after a day by :func:`import_remove_stale`
(the management command ``remove_stale_imports``, run by cron or a systemd timer).
"""

from __future__ import annotations

import datetime
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from ontmoeting import roles, text

from .imports.importers import IMPORTERS, Result, allowed_kinds, run
from .imports.tables import Problem, TableError, read_table
from .models import ImportBatch, Membership

# The error table shows this many; the count says how many there were in all.
MAX_REPORTED_ERRORS = 500


class ImportRefused(Exception):
    """The batch cannot be imported (any more); the message says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = str(message)


def import_kinds(*, user) -> list[str]:
    """The kinds of file ``user`` may import (empty: the user may not import at all)."""
    return allowed_kinds(user)


@transaction.atomic
def import_check(*, user, kind: str, upload) -> ImportBatch:
    """Check an uploaded file without saving its rows; store it as a batch with a report.

    ``upload`` is a file object with a ``name`` (a Django ``UploadedFile``).
    """
    if kind not in IMPORTERS or not IMPORTERS[kind].may_import(user):
        raise PermissionDenied
    filename = PurePath(getattr(upload, "name", "") or "").name[:255] or "upload"
    max_bytes = settings.IMPORT_MAX_BYTES
    content = upload.read(max_bytes + 1)
    if len(content) > max_bytes:
        # Not kept: a file that is too large never becomes importable.
        error = TableError(
            _(
                "The file is larger than %(size)s. Split it into smaller files and import them one by one."
            )
            % {"size": filesizeformat(max_bytes)}
        )
        return ImportBatch.objects.create(
            kind=kind,
            filename=filename,
            content=b"",
            created_by=user,
            status=ImportBatch.Status.REJECTED,
            report=_report(kind, error=error),
        )
    result, error, rows = _process(user, kind, filename, content, commit=False)
    ok = error is None and result.ok
    return ImportBatch.objects.create(
        kind=kind,
        filename=filename,
        content=content,
        created_by=user,
        status=ImportBatch.Status.CHECKED if ok else ImportBatch.Status.REJECTED,
        report=_report(kind, result=result, error=error, rows=rows),
    )


@transaction.atomic
def import_apply(*, user, batch: ImportBatch) -> ImportBatch:
    """Import a checked batch: every row, or nothing and the errors in the batch's report.

    Raises PermissionDenied for someone else's batch or a kind the user may no longer
    import, and :class:`ImportRefused` for a batch that was rejected or already imported.
    """
    # Locked, so two clicks (or two app servers) cannot import the same file twice.
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.created_by_id != user.pk or not IMPORTERS[batch.kind].may_import(user):
        raise PermissionDenied
    if batch.status == ImportBatch.Status.IMPORTED:
        raise ImportRefused(_("This file has already been imported."))
    if batch.status == ImportBatch.Status.REJECTED:
        raise ImportRefused(
            _("This file has errors, so it cannot be imported. Correct it and upload it again.")
        )
    result, error, rows = _process(
        user, batch.kind, batch.filename, bytes(batch.content), commit=True
    )
    if error is None and result.ok:
        batch.status = ImportBatch.Status.IMPORTED
    else:
        # Something changed since the check (a place was deleted, rights were taken away).
        batch.status = ImportBatch.Status.REJECTED
    batch.report = _report(batch.kind, result=result, error=error, rows=rows)
    batch.save(update_fields=["status", "report"])
    return batch


# How long a rejected or unconfirmed upload is kept: time to read its errors or to confirm.
STALE_AFTER = datetime.timedelta(days=1)


@transaction.atomic
def import_remove_stale(*, older_than: datetime.timedelta = STALE_AFTER) -> int:
    """Delete the uploads that were never imported (file, report and row) once they are
    ``older_than``; imported ones stay, as the record of what came in. Returns how many."""
    stale = ImportBatch.objects.stale(before=timezone.now() - older_than)
    # An upload being confirmed at this moment is locked by import_apply: leave it to the
    # next run rather than wait for it (or delete what is being imported).
    pks = list(stale.select_for_update(skip_locked=True).values_list("pk", flat=True))
    count, _deleted = ImportBatch.objects.filter(pk__in=pks).delete()
    return count


def _process(user, kind, filename, content, *, commit):
    """(result, file error, number of rows): the file error is set when nothing could be read."""
    importer_class = IMPORTERS[kind]
    try:
        table = read_table(
            filename,
            content,
            importer_class.columns,
            max_rows=settings.IMPORT_MAX_ROWS,
            column_groups=importer_class.column_groups,
        )
    except TableError as error:
        return None, error, 0
    if not table.rows:
        # The headings are wrong: reading the rows would only repeat that.
        return Result(problems=table.problems), None, 0
    return run(importer_class(user), table, commit=commit), None, len(table.rows)


def _report(kind, *, result: Result | None = None, error: TableError | None = None, rows=0):
    if error is not None:
        problems = [Problem(None, "", error.message)]
        outcomes, counts = [], {"create": 0, "update": 0, "unchanged": 0}
        warning_count = 0
    else:
        problems, outcomes, counts = result.problems, result.outcomes, result.counts()
        warning_count = result.warning_count
    return {
        "row_count": rows,
        "counts": counts,
        # Rows the admin would warn about (outside the opening hours, a closed day, an
        # overlap): they import all the same.
        "warning_count": warning_count,
        "rows": [outcome.as_dict() for outcome in outcomes],
        "error_count": len(problems),
        "errors": [problem.as_dict() for problem in problems[:MAX_REPORTED_ERRORS]],
    }


# --- The first functional administrator (manage.py create_administrator) ------------------


def administrator_validate_username(username: str) -> str:
    """The username as it will be stored; ValidationError (Dutch) when it cannot be used."""
    user_model = get_user_model()
    username = user_model.normalize_username(username.strip())
    if not username:
        raise ValidationError(_("Fill in a username."))
    field = user_model._meta.get_field(user_model.USERNAME_FIELD)
    if len(username) > field.max_length:
        raise ValidationError(
            _("A username has at most %(max)d characters.") % {"max": field.max_length}
        )
    user_model.username_validator(username)
    # Case-insensitive: "Beheerder" and "beheerder" would be two people nobody can tell apart.
    if user_model.objects.filter(**{f"{user_model.USERNAME_FIELD}__iexact": username}).exists():
        raise ValidationError(
            _("There is already a user called “%(username)s”. Choose another username.")
            % {"username": username}
        )
    return username


def administrator_validate_name(full_name: str) -> tuple[str, str]:
    """(first name, last name) from "Anne de Vries": the first word, and the rest."""
    words = full_name.split()
    if not words:
        raise ValidationError(_("Fill in the name (first name and last name)."))
    text.validate_one_line(full_name.strip())
    first, *rest = words
    user_model = get_user_model()
    for name, field in ((first, "first_name"), (" ".join(rest), "last_name")):
        if len(name) > user_model._meta.get_field(field).max_length:
            raise ValidationError(_("This name is too long."))
    return first, " ".join(rest)


def administrator_validate_email(email: str) -> str:
    email = email.strip()
    if not email:
        raise ValidationError(_("Fill in an email address."))
    EmailValidator(message=_("Fill in a valid email address, such as name@example.org."))(email)
    return email


def administrator_validate_password(password: str, *, user) -> None:
    """Django's password validators (AUTH_PASSWORD_VALIDATORS), against the user's own
    name and email address too."""
    validate_password(password, user=user)


@transaction.atomic
def administrator_create(*, username: str, full_name: str, email: str, password: str):
    """A functional administrator: staff, in the role's group, with an (empty) membership.

    Not a superuser: functional administrators do everything in the portal, but the
    accounts that can change the software's own settings stay with whoever installed it.
    """
    username = administrator_validate_username(username)
    first_name, last_name = administrator_validate_name(full_name)
    email = administrator_validate_email(email)
    user = get_user_model()(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_staff=True,
        is_active=True,
    )
    administrator_validate_password(password, user=user)
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=roles.FUNCTIONAL_ADMIN))
    Membership.objects.get_or_create(user=user)
    return user
