"""The tables every download is written from, and what makes their text safe.

A :class:`Table` is columns, the items it has a row for and a title; each :class:`Column`
holds its heading together with how it reads its value from an item, a plain Python value
(text, number, boolean, date, time). The same tables feed the spreadsheet, the CSV and
the management command, built from the same report functions as the pages, so a download
holds exactly what the page shows for the same filter.

Every text cell passes :func:`neutralise`: a spreadsheet would run a cell starting with
``=``, ``+``, ``-`` or ``@`` (or tab or CR, which some programs strip first) as a formula,
and names and descriptions are typed by many people.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

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
    """A column: its heading, how to read its value from one of the table's items, and how
    the spreadsheet shows it.

    ``value`` is a function of the item, or a dotted path of attributes
    (``"location.kind.label"``).
    """

    heading: str
    value: Callable[[Any], object] | str
    width: int = 14
    number_format: str | None = None

    def __post_init__(self):
        if isinstance(self.value, str):
            self.value = operator.attrgetter(self.value)


@dataclass
class Table:
    """A row per item, each cell read from the item by its column.

    ``items`` may be a generator (the places stream from the database): then the rows can
    be read once only.
    """

    columns: list[Column]
    items: Iterable
    title: str = ""  # the sheet's name: its topic's title (topics.py)

    def row(self, item) -> list:
        return [column.value(item) for column in self.columns]

    def rows(self) -> Iterator[list]:
        return (self.row(item) for item in self.items)


def text_column(heading, value, width=24) -> Column:
    return Column(heading, value, width)


def number_column(heading, value, width=12) -> Column:
    return Column(heading, value, width)


def date_column(heading, value, width=12) -> Column:
    return Column(heading, value, width, DATE_FORMAT)


def time_column(heading, value, width=8) -> Column:
    return Column(heading, value, width, TIME_FORMAT)


def words(names: Iterable) -> str:
    return ", ".join(str(name) for name in names)
