"""Reading an uploaded CSV or XLSX file into rows of text, with the checks that concern the
file as a whole: format, encoding, size, sheets and column headings.

Nothing here knows about models. Every cell becomes a stripped string, so the importers
parse a CSV and an XLSX file the same way. Rows are numbered as a spreadsheet program
shows them: the headings are row 1.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.utils.functional import Promise
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

# A spreadsheet program may run a cell that starts with one of these as a formula
# (CSV injection), also when the file is opened again after an export.
FORMULA_STARTS = ("=", "+", "-", "@")
# The explanation sheet of our own template may stay in the workbook.
EXPLANATION_SHEET = "Uitleg"
DATA_SHEET = "Gegevens"
XLSX_MAGIC = b"PK\x03\x04"
OLD_OFFICE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An XLSX file is a zip: a small upload can unpack into a huge one (a "zip bomb").
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 100
BLANK: tuple[str, ...] = ()


class TableError(Exception):
    """The file as a whole cannot be read; the message says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = str(message)


@dataclass(frozen=True)
class Column:
    """One column of an import file: its heading (fixed, part of the file format) and help."""

    name: str
    help: Promise | str
    # A text, or a function for an example read from the database (an existing kind).
    example: str | Callable[[], str] = ""
    required: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def example_text(self) -> str:
        return self.example() if callable(self.example) else self.example


@dataclass
class Problem:
    """One error: row as in the spreadsheet (None for the whole file), column heading, message."""

    row: int | None
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": str(self.message)}


@dataclass
class Row:
    number: int
    cells: dict[str, str]
    # Columns whose cell was refused while reading (a formula); the importers skip them.
    refused: set[str] = field(default_factory=set)


@dataclass
class Table:
    columns: list[str]
    rows: list[Row]
    problems: list[Problem] = field(default_factory=list)


def normalise_heading(text: str) -> str:
    return re.sub(r"\s+", "_", str(text or "").strip().lower())


def read_table(
    filename: str,
    content: bytes,
    columns: list[Column],
    *,
    max_rows: int,
    column_groups: tuple[tuple[str, ...], ...] = (),
) -> Table:
    """Read and check ``content``; raise TableError for a file that cannot be used at all.

    Problems with headings (a missing or unknown column) and refused cells are returned in
    ``Table.problems``: they are shown in the error table like any other error.
    ``column_groups`` are columns that only make sense together (the seven weekdays).
    """
    grid = read_grid(filename, content, max_rows=max_rows)
    if not any(any(row) for row in grid):
        raise TableError(_("The file is empty."))
    if not any(grid[0]):
        raise TableError(
            _("The first row is empty: it must hold the column headings, as in the template.")
        )
    headings, problems = check_headings(grid[0], columns, column_groups)
    if problems:
        return Table(columns=[name for name in headings if name], rows=[], problems=problems)
    rows = []
    for number, values in enumerate(grid[1:], start=2):
        if not any(values):
            # Blank lines (often at the end of a sheet) are no rows, but keep their number.
            continue
        cells, refused = {}, set()
        for position, value in enumerate(values):
            name = headings[position] if position < len(headings) else None
            if name is None:
                if value:
                    problems.append(Problem(number, "", _unnamed_column_message(position)))
                continue
            cells[name] = value
            if value.startswith(FORMULA_STARTS):
                refused.add(name)
                problems.append(Problem(number, name, formula_message(value)))
        rows.append(Row(number=number, cells=cells, refused=refused))
    if not rows:
        raise TableError(
            _(
                "The file has column headings but no rows with data below them. Add the rows to import."
            )
        )
    return Table(columns=[name for name in headings if name], rows=rows, problems=problems)


def formula_message(value: str) -> str:
    return _(
        "This cell starts with “%(start)s”. Cells starting with =, +, - or @ are refused, "
        "because a spreadsheet program could run them as a formula. Remove that first "
        "character (write a phone number as 0031… instead of +31…)."
    ) % {"start": value[:1]}


def _unnamed_column_message(position: int) -> str:
    return _(
        "Column %(letter)s has no heading, but this row has data in it. Give the column a "
        "heading from the template, or delete it."
    ) % {"letter": get_column_letter(position + 1)}


def check_headings(
    raw: list[str], columns: list[Column], column_groups: tuple[tuple[str, ...], ...] = ()
) -> tuple[list[str | None], list[Problem]]:
    """The column name at every position of the heading row (None for an empty heading)."""
    known = {}
    for column in columns:
        known[normalise_heading(column.name)] = column.name
        for alias in column.aliases:
            known[normalise_heading(alias)] = column.name
    headings: list[str | None] = []
    problems = []
    unknown = []
    for position, text in enumerate(raw):
        text = str(text or "").strip()
        if not text:
            headings.append(None)
            continue
        name = known.get(normalise_heading(text))
        if name is None:
            unknown.append(text)
            headings.append(None)
        elif name in headings:
            problems.append(
                Problem(
                    1,
                    name,
                    _("The column “%(column)s” appears twice; keep one of them.")
                    % {"column": name},
                )
            )
            headings.append(None)
        else:
            headings.append(name)
        if position >= MAX_COLUMNS:
            raise TableError(
                _("The file has more than %(count)s columns; use the columns of the template.")
                % {"count": MAX_COLUMNS}
            )
    all_names = get_text_list([column.name for column in columns], _("and"))
    for text in unknown:
        problems.append(
            Problem(
                1,
                text,
                _("Unknown column “%(column)s”. The columns are: %(columns)s.")
                % {"column": text, "columns": all_names},
            )
        )
    present = {name for name in headings if name}
    for column in columns:
        if column.required and column.name not in present:
            problems.append(
                Problem(
                    1,
                    column.name,
                    _(
                        "The column “%(column)s” is missing. The first row must hold the column "
                        "headings, as in the template."
                    )
                    % {"column": column.name},
                )
            )
    for group in column_groups:
        given = [name for name in group if name in present]
        if given and len(given) < len(group):
            for name in group:
                if name not in present:
                    problems.append(
                        Problem(
                            1,
                            name,
                            _(
                                "The column “%(column)s” is missing: give the columns %(group)s "
                                "all, or none of them."
                            )
                            % {"column": name, "group": get_text_list(list(group), _("and"))},
                        )
                    )
    return headings, problems


# --- Reading the file into a grid of strings --------------------------------------------


def read_grid(filename: str, content: bytes, *, max_rows: int) -> list[list[str]]:
    """All rows (headings first) as lists of stripped strings."""
    suffix = PurePath(filename or "").suffix.lower()
    if not content or not content.strip() or content.strip() == codecs.BOM_UTF8:
        raise TableError(_("The file is empty."))
    if suffix == ".xlsx":
        return _read_xlsx(content, filename, max_rows=max_rows)
    if suffix in (".csv", ".txt"):
        return _read_csv(content, filename, max_rows=max_rows)
    if suffix in (".xls", ".ods", ".numbers"):
        raise TableError(
            _(
                "“%(name)s” is in a spreadsheet format that cannot be read here. Open it in your "
                "spreadsheet program and save it as an Excel workbook (.xlsx) or as CSV UTF-8."
            )
            % {"name": filename}
        )
    raise TableError(
        _(
            "Only CSV files (.csv) and Excel workbooks (.xlsx) can be imported; “%(name)s” is neither."
        )
        % {"name": filename}
    )


def _not_a(filename: str, kind: str) -> TableError:
    return TableError(
        _(
            "“%(name)s” is not a real %(kind)s file, although its name ends in .%(suffix)s. Save it "
            "from your spreadsheet program as an Excel workbook (.xlsx) or as CSV UTF-8."
        )
        % {"name": filename, "kind": kind, "suffix": PurePath(filename).suffix.lower()[1:]}
    )


def _read_csv(content: bytes, filename: str, *, max_rows: int) -> list[list[str]]:
    if content.startswith((XLSX_MAGIC, OLD_OFFICE_MAGIC)):
        raise _not_a(filename, "CSV")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TableError(_encoding_message(1))
    if b"\x00" in content:
        raise _not_a(filename, "CSV")
    if content.startswith(codecs.BOM_UTF8):
        content = content[len(codecs.BOM_UTF8) :]
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Not guessed: cp1252 and Latin-1 decode anything, so a wrong guess would store
        # wrong letters without anyone noticing.
        raise TableError(_encoding_message(content[: exc.start].count(b"\n") + 1)) from exc
    first_line = text.split("\n", 1)[0]
    # Our headings contain no separators, so the heading row tells which one is used.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    grid = []
    limit = _RowLimit(max_rows)
    try:
        for values in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            row = [value.strip() for value in values]
            # One shared object for blank lines: a file of nothing but newlines stays small.
            grid.append(row if any(row) else BLANK)
            limit.count(row)
    except csv.Error as exc:
        raise TableError(
            _("The CSV file cannot be read after row %(row)s: %(reason)s.")
            % {"row": len(grid), "reason": exc}
        ) from exc
    return grid


def _encoding_message(line: int) -> str:
    return _(
        "The file is not saved as UTF-8 (the first problem is on line %(line)s), so letters "
        "like é and ë would come out wrong. Save it again as UTF-8: in Excel choose Save as → "
        "“CSV UTF-8 (comma delimited)”; in LibreOffice Calc tick “Edit filter settings” and "
        "choose “Unicode (UTF-8)”. Or upload the Excel workbook (.xlsx) itself."
    ) % {"line": line}


class _RowLimit:
    """Stops reading once there are more than ``max_rows`` rows with data.

    Blank rows do not count: Excel keeps formatted empty rows below the data, and a file
    should not fail for those. (The unpacked size of a workbook is limited separately.)
    """

    def __init__(self, max_rows: int):
        self.max_rows = max_rows
        self.filled = -1  # the heading row is no data

    def count(self, values: list[str]) -> None:
        if not any(values):
            return
        self.filled += 1
        if self.filled > self.max_rows:
            raise TableError(
                _(
                    "The file has more than %(count)s rows. Split it into smaller files and "
                    "import them one by one."
                )
                % {"count": self.max_rows}
            )


def _read_xlsx(content: bytes, filename: str, *, max_rows: int) -> list[list[str]]:
    if not content.startswith(XLSX_MAGIC):
        raise _not_a(filename, "XLSX")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            # A zip with a workbook's parts is a workbook, if perhaps a damaged one.
            is_workbook = "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile as exc:
        raise _not_a(filename, "XLSX") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise TableError(_("The workbook is too large when unpacked. Split it into smaller files."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:
        # openpyxl raises many kinds of errors (zip, XML, missing parts) for a broken
        # workbook; all of them mean the same to the user.
        if is_workbook:
            raise TableError(_damaged_message(filename)) from exc
        raise _not_a(filename, "XLSX") from exc
    try:
        return _xlsx_grid(workbook, max_rows=max_rows)
    except TableError:
        raise
    except Exception as exc:
        # In read-only mode the sheet itself is parsed only now, row by row: a sheet cut
        # off half-way, or XML with entity definitions (an "entity bomb", which openpyxl
        # refuses through defusedxml), fails here, with as many kinds of errors as above.
        raise TableError(_damaged_message(filename)) from exc
    finally:
        workbook.close()


def _damaged_message(filename: str) -> str:
    return _(
        "“%(name)s” cannot be read: the workbook is damaged, or holds parts that are not "
        "allowed (such as XML entity definitions). Open it in your spreadsheet program and "
        "save it again as an Excel workbook (.xlsx), or as CSV UTF-8."
    ) % {"name": filename}


def _xlsx_grid(workbook, *, max_rows: int) -> list[list[str]]:
    """The first sheet's rows, after checking which sheets there are."""
    names = workbook.sheetnames
    extra = [name for name in names[1:] if name.strip().lower() != EXPLANATION_SHEET.lower()]
    if names and names[0].strip().lower() == EXPLANATION_SHEET.lower():
        raise TableError(
            _("The first sheet must hold the data, not the explanation (“%(sheet)s”).")
            % {"sheet": names[0]}
        )
    if extra:
        raise TableError(
            _(
                "The workbook has several sheets: %(sheets)s. Put the data in the first "
                "sheet and delete the others (only a sheet called “%(explanation)s” may stay)."
            )
            % {
                "sheets": get_text_list([f"“{name}”" for name in names], _("and")),
                "explanation": EXPLANATION_SHEET,
            }
        )
    sheet = workbook.worksheets[0]
    grid = []
    limit = _RowLimit(max_rows)
    for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
        row = [cell_text(value) for value in values]
        while row and not row[-1]:
            row.pop()
        grid.append(row or BLANK)
        limit.count(row)
    while grid and not grid[-1]:
        grid.pop()
    return grid


def cell_text(value) -> str:
    """A spreadsheet value as the text a person would type for it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time.min:
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.timedelta):
        # A time typed in a cell formatted as a duration ([u]:mm).
        minutes = round(value.total_seconds() / 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        # repr() gives the shortest text that reads back as this number: 52.2215, not 52.22150000001.
        return repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value).strip()
