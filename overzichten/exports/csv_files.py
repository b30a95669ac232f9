"""A table as CSV: streamed row by row, for Excel in English (commas) or in Dutch (semicolons).

CSV goes out row by row through a generator (``StreamingHttpResponse``), the places read
with ``.iterator(chunk_size=...)``, so memory stays flat however many rows.
"""

from __future__ import annotations

import csv
import datetime
import decimal
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from .tables import Table, neutralise

CSV_TYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"


def csv_value(value, *, decimal_comma: bool = False) -> str:
    """A cell as CSV text: ISO dates, HH:MM times, yes/no, and a decimal comma on request."""
    if value is None:
        return ""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, float | decimal.Decimal):
        if isinstance(value, decimal.Decimal):
            text = format(value, "f")
        else:
            # 61.0 hours reads as "61"; anything else in Python's shortest exact form.
            text = str(int(value)) if value.is_integer() else repr(value)
        return text.replace(".", ",") if decimal_comma else text
    return neutralise(str(value))


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


def csv_lines(table: Table, *, delimiter: str = ",") -> Iterator[str]:
    """The table as CSV text, line by line, starting with a byte-order mark.

    With ``;`` (what Excel in Dutch expects) numbers get a decimal comma as well: a Dutch
    spreadsheet reads "3.5" as text or a date.
    """
    language = translation.get_language()
    writer = csv.writer(_Echo(), delimiter=delimiter, lineterminator="\r\n")
    decimal_comma = delimiter == ";"
    # The response is iterated after the view returns: read and write every row in the
    # view's language.
    with translation.override(language):
        yield BOM + writer.writerow([neutralise(str(c.heading)) for c in table.columns])
    for item in table.items:
        with translation.override(language):
            yield writer.writerow(
                [csv_value(v, decimal_comma=decimal_comma) for v in table.row(item)]
            )


def csv_response(table: Table, filename: str, *, delimiter: str = ",") -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(table, delimiter=delimiter), content_type=CSV_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def write_csv(file, table: Table, *, delimiter: str = ",") -> None:
    """Write a table as CSV to an open text file (the command)."""
    for line in csv_lines(table, delimiter=delimiter):
        file.write(line)
