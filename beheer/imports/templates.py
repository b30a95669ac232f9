"""The downloadable template files: the columns of an import, an example row and an explanation.

The XLSX workbook has the data sheet first (headings frozen, sensible widths, one example
row) and a second sheet "Uitleg" that explains every column; the reader accepts that
sheet. The CSV variant has the headings and the example row, separated by semicolons
(what Dutch Excel opens directly) and with a byte-order mark, so Excel reads it as UTF-8.
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from locaties.models import LocationKind

from .importers import IMPORTERS
from .tables import DATA_SHEET, EXPLANATION_SHEET

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FILE_NAMES = {
    "clusters": "import-clusters",
    "places": "import-plekken",
    "activities": "import-activiteiten",
}
HEADING_FILL = PatternFill("solid", fgColor="DDEBF7")


def file_name(kind: str, extension: str) -> str:
    return f"{FILE_NAMES[kind]}.{extension}"


def build_xlsx(kind: str) -> bytes:
    columns = IMPORTERS[kind].columns
    workbook = Workbook()
    data = workbook.active
    data.title = DATA_SHEET
    data.append([column.name for column in columns])
    data.append([column.example_text for column in columns])
    for position, column in enumerate(columns, start=1):
        cell = data.cell(row=1, column=position)
        cell.font = Font(bold=True)
        cell.fill = HEADING_FILL
        # Text format, so the example stays as typed ("06-01-2026", "1") instead of
        # becoming a date or number that Excel shows in the reader's own format.
        data.cell(row=2, column=position).number_format = "@"
        width = max(len(column.name), len(column.example_text)) + 4
        data.column_dimensions[get_column_letter(position)].width = min(max(width, 12), 40)
    data.freeze_panes = "A2"

    explanation = workbook.create_sheet(EXPLANATION_SHEET)
    explanation.append([_("Column"), _("Required"), _("Explanation"), _("Example")])
    for cell in explanation[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADING_FILL
    for column in columns:
        explanation.append(
            [
                column.name,
                _("yes") if column.required else _("no"),
                str(column.help),
                column.example_text,
            ]
        )
    explanation.append([])
    for line in notes():
        explanation.append([line])
    for letter, width in zip("ABCD", (22, 10, 90, 28), strict=True):
        explanation.column_dimensions[letter].width = width
    for row in explanation.iter_rows(min_row=2, max_col=3):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    explanation.freeze_panes = "A2"

    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def build_csv(kind: str) -> bytes:
    columns = IMPORTERS[kind].columns
    output = io.StringIO(newline="")
    writer = csv.writer(output, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.name for column in columns])
    writer.writerow([column.example_text for column in columns])
    return ("\ufeff" + output.getvalue()).encode("utf-8")


def kinds_note() -> str:
    """Which words the column "soort" accepts here: the kinds of places in the database."""
    kinds = list(LocationKind.objects.all())
    if not kinds:
        return _(
            "There are no kinds of places yet: a functional administrator adds them in the admin "
            "under Kinds of places, before places can be imported."
        )
    return _("The kinds of places for the column soort: %(kinds)s.") % {
        "kinds": ", ".join(f"{kind.name_nl} ({kind.slug})" for kind in kinds)
    }


def notes() -> list[str]:
    return [
        _("Row 2 of the data sheet is an example: overwrite it or delete it."),
        kinds_note(),
        _(
            "The first row holds the column headings; columns marked as required must be there. "
            "Other columns may be left out: a column that is not in the file leaves that field of "
            "existing objects as it is."
        ),
        _(
            "Cells may not start with =, +, - or @ (a spreadsheet could run them as a formula). "
            "Save a CSV file as UTF-8; commas and semicolons both work as separators."
        ),
        _(
            "Upload the file in the admin under Imports → Import a file. You first see what "
            "would change and every error; nothing is saved until you confirm, and then all "
            "rows are saved or none."
        ),
    ]
