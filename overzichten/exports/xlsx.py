"""The tables as a spreadsheet: an "About this file" sheet, then a sheet per table.

XLSX cannot be streamed as it is made: it is a zip file whose table of contents comes
last. openpyxl's *write-only* mode keeps memory flat while writing (rows go straight
to disk instead of a cell-object tree), into an anonymous temporary file that the
response then sends in chunks (``FileResponse``) and that disappears when closed.
"""

from __future__ import annotations

import datetime
import re
import tempfile

from django.http import FileResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .tables import DATE_FORMAT, TIME_FORMAT, Table, neutralise

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATETIME_FORMAT = "DD-MM-YYYY HH:MM"
# Characters XML 1.0 cannot hold; openpyxl refuses them (IllegalCharacterError).
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def xlsx_value(value):
    """A cell value as openpyxl wants it: safe text, local naive date-times, plain numbers."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return neutralise(ILLEGAL_XML.sub("", value))
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # Spreadsheets have no time zones: local wall-clock time is what people expect.
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _sheet_title(title: str, used: set[str]) -> str:
    title = SHEET_TITLE_FORBIDDEN.sub(" ", str(title))[:31].strip() or "Blad"
    candidate, n = title, 2
    while candidate.lower() in used:
        candidate = f"{title[:28]} {n}"
        n += 1
    used.add(candidate.lower())
    return candidate


def about_rows(
    title: str, filters: list[tuple[str, str]], problems=(), extra=(), *, now=None
) -> list[tuple[str, object]]:
    """The first sheet: what this file is, when it was made and with which filter."""
    now = timezone.localtime(now or timezone.now())
    rows = [
        (_("File"), title),
        (_("Exported on"), now.replace(microsecond=0)),
        *extra,
    ]
    if filters:
        rows += [(_("Filter: %(label)s") % {"label": label}, value) for label, value in filters]
    else:
        rows.append((_("Filter"), _("none: everything")))
    rows += [(_("Ignored: %(label)s") % {"label": label}, message) for label, message in problems]
    rows.append(
        (
            _("Note"),
            _(
                "Text that starts with =, +, - or @ has an apostrophe in front, so a "
                "spreadsheet never runs it as a formula."
            ),
        )
    )
    return rows


def write_workbook(target, tables: list[Table], about: list[tuple[str, object]]) -> None:
    """Write an XLSX to ``target`` (a path or a binary file) in openpyxl's write-only mode."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    used: set[str] = set()

    def cell(sheet, value, number_format=None, font=None):
        item = WriteOnlyCell(sheet, xlsx_value(value))
        if isinstance(item.value, datetime.datetime):
            item.number_format = DATETIME_FORMAT
        elif isinstance(item.value, datetime.date):
            item.number_format = DATE_FORMAT
        elif isinstance(item.value, datetime.time):
            item.number_format = TIME_FORMAT
        if number_format:
            item.number_format = number_format
        if font:
            item.font = font
        return item

    about_sheet = workbook.create_sheet(_sheet_title(_("About this file"), used))
    about_sheet.column_dimensions["A"].width = 30
    about_sheet.column_dimensions["B"].width = 80
    for label, value in about:
        about_sheet.append([cell(about_sheet, label, font=bold), cell(about_sheet, value)])
    about_sheet.append([])
    about_sheet.append([cell(about_sheet, _("Sheets"), font=bold)])
    for table in tables:
        about_sheet.append([cell(about_sheet, table.title)])

    wrap = Alignment(wrap_text=True, vertical="top")
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        # Write-only sheets take their layout before the first row.
        sheet.freeze_panes = "A2"
        for index, column in enumerate(table.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        header = []
        for column in table.columns:
            item = cell(sheet, column.heading, font=bold)
            item.alignment = wrap
            header.append(item)
        sheet.append(header)
        for row in table.rows():
            values = []
            for value, column in zip(row, table.columns, strict=True):
                value = xlsx_value(value)
                # A styled cell only where a format is needed: plain values write faster.
                if column.number_format or isinstance(value, datetime.date | datetime.time):
                    value = cell(sheet, value, column.number_format)
                values.append(value)
            sheet.append(values)
    workbook.save(target)


def xlsx_response(tables, about, filename: str) -> FileResponse:
    """Build the workbook in an anonymous temporary file and stream it from there."""
    # Not a `with`: FileResponse closes it once sent, and the system then deletes it.
    spool = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        write_workbook(spool, tables, about)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
