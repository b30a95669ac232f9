"""The tables every download is written from, and what makes their text safe.

A :class:`Table` is a title, columns and an iterable of rows of plain Python values
(text, numbers, booleans, dates, times). The same tables feed the spreadsheet, the CSV and
the management command, built from the same report functions as the pages, so a download
holds exactly what the page shows for the same filter.

Every text cell passes :func:`neutralise`: a spreadsheet would run a cell starting with
``=``, ``+``, ``-`` or ``@`` (or tab or CR, which some programs strip first) as a formula,
and names and descriptions are typed by many people.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# The places stream from the database in chunks of this many.
CHUNK_SIZE = 500
DATE_FORMAT = "DD-MM-YYYY"
TIME_FORMAT = "HH:MM"


def neutralise(value):
    """Make text safe for a spreadsheet: a leading ``=``, ``+``, ``-``, ``@``, tab or CR
    gets an apostrophe in front, so it is shown as text and never run as a formula.

    Anything that is not text (numbers, dates) is returned unchanged.
    """
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


@dataclass
class Column:
    header: str
    width: int = 14
    number_format: str | None = None


@dataclass
class Table:
    slug: str  # the topic's name in URLs and for --topic
    title: str  # the sheet's name
    columns: list[Column]
    rows: Iterable[Sequence]


def text_column(header, width=24) -> Column:
    return Column(header, width)


def number_column(header, width=12) -> Column:
    return Column(header, width)


def date_column(header, width=12) -> Column:
    return Column(header, width, DATE_FORMAT)


def time_column(header, width=8) -> Column:
    return Column(header, width, TIME_FORMAT)


def words(names: list[str]) -> str:
    return ", ".join(names)
