"""Turning the text of one cell into a Python value, with a message a person can act on.

Parsers take the stripped cell text and return a value or raise :class:`CellError`. An
empty cell is never an error here: whether a value is required is the model's to say
(through ``full_clean``), so the messages match the admin's.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from .tables import Row

MIDNIGHT = datetime.time(0, 0)
TIME_RE = re.compile(r"^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$")
DMY_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
INTEGER_RE = re.compile(r"^\d+$")
DECIMAL_RE = re.compile(r"^\d+(\.\d+)?$")
INTERVAL_RE = re.compile(r"^(\S+?)\s*(?:-|–|—|tot)\s*(\S+)$")
LIST_SPLIT = re.compile(r"\s*[,;]\s*")

YES = {"ja", "j", "yes", "y", "waar", "true", "1", "x"}
NO = {"nee", "n", "no", "niet", "onwaar", "false", "0"}
CLOSED = {"gesloten", "dicht", "closed"}

# Dutch day names first (what the template and README use); English ones are accepted too.
WEEKDAY_WORDS = {
    **{word: day for day, word in enumerate(("ma", "di", "wo", "do", "vr", "za", "zo"))},
    **{
        word: day
        for day, word in enumerate(
            ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
        )
    },
    **{word: day for day, word in enumerate(("mo", "tu", "we", "th", "fr", "sa", "su"))},
    **{
        word: day
        for day, word in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
}


class CellError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = str(message)


def text(value: str) -> str:
    return value


def integer(value: str) -> int | None:
    if not value:
        return None
    if not INTEGER_RE.match(value):
        raise CellError(_("Enter a whole number, like 3."))
    return int(value)


def coordinate(value: str) -> Decimal | None:
    """A decimal number; a decimal comma ("52,2215") is what Dutch spreadsheets write."""
    if not value:
        return None
    value = value.replace(",", ".", 1)
    if not DECIMAL_RE.match(value):
        raise CellError(_("Enter a number like 52.1234 (a decimal comma is fine too)."))
    try:
        number = Decimal(value)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
        raise CellError(_("Enter a number like 52.1234 (a decimal comma is fine too).")) from exc
    # Six decimals is 0.1 m; map services give more, which the field would refuse.
    return number.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def yes_no(default: bool | None) -> Callable[[str], bool | None]:
    """ja or nee; an empty cell gives ``default``."""

    def parse(value: str) -> bool | None:
        word = value.lower()
        if not word:
            return default
        if word in YES:
            return True
        if word in NO:
            return False
        if default is None:
            raise CellError(_("“%(value)s” is not ja or nee.") % {"value": value})
        raise CellError(
            _(
                "“%(value)s” is not ja or nee. Write ja or nee, or leave the cell empty for “%(default)s”."
            )
            % {"value": value, "default": "ja" if default else "nee"}
        )

    return parse


def date(value: str) -> datetime.date | None:
    if not value:
        return None
    # A date typed in Excel arrives as 2026-12-01, a datetime with its time at midnight.
    value = value.removesuffix(" 00:00")
    match = DMY_RE.match(value)
    parts = (match.group(3), match.group(2), match.group(1)) if match else None
    if not match and (match := ISO_RE.match(value)):
        parts = match.groups()
    if parts:
        try:
            return datetime.date(*(int(part) for part in parts))
        except ValueError:
            pass
    raise CellError(
        _(
            "“%(value)s” is not a date. Write it as day-month-year, like 31-12-2026, or as 2026-12-31."
        )
        % {"value": value}
    )


def time(value: str) -> datetime.time | None:
    if not value:
        return None
    parsed = _time_or_none(value)
    if parsed is None:
        raise CellError(
            _("“%(value)s” is not a time. Write hours and minutes, like 08:30 or 20:00.")
            % {"value": value}
        )
    return parsed


def _time_or_none(value: str) -> datetime.time | None:
    match = TIME_RE.match(value.strip())
    if not match:
        return None
    hours, minutes, seconds = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    if (hours, minutes, seconds) == (24, 0, 0):
        # "until 24:00" is what people write; the models write midnight as 00:00.
        return MIDNIGHT
    if hours > 23 or minutes > 59 or seconds > 59:
        return None
    return datetime.time(hours, minutes)


def choice(words: dict[str, object], shown: list[str], default=None) -> Callable[[str], object]:
    """One of ``words`` (lower case → value); ``shown`` are the words the message offers."""

    def parse(value: str):
        if not value:
            return default
        try:
            return words[value.lower()]
        except KeyError:
            raise CellError(
                _("“%(value)s” is not one of the choices: %(choices)s.")
                % {"value": value, "choices": get_text_list(shown, _("or"))}
            ) from None

    return parse


def word_list(value: str) -> list[str]:
    return [part for part in LIST_SPLIT.split(value) if part] if value else []


def weekdays(value: str) -> list[int]:
    days = []
    for word in re.split(r"[\s,;/]+", value.lower()):
        if not word:
            continue
        if word not in WEEKDAY_WORDS:
            raise CellError(
                _(
                    "“%(value)s” is not a day. Write days as ma, di, wo, do, vr, za, zo, separated by commas."
                )
                % {"value": word}
            )
        days.append(WEEKDAY_WORDS[word])
    return sorted(set(days))


def hours(value: str) -> list[tuple[datetime.time, datetime.time]]:
    """Opening hours of one day: "08:30-12:00, 13:00-20:00"; empty (or "gesloten") is closed."""
    if not value or value.lower() in CLOSED:
        return []
    intervals = []
    for part in word_list(value):
        match = INTERVAL_RE.match(part)
        opens = _time_or_none(match.group(1)) if match else None
        closes = _time_or_none(match.group(2)) if match else None
        if opens is None or closes is None:
            raise CellError(
                _(
                    "“%(value)s” are not opening hours. Write them as 08:30-12:00, several "
                    "separated by commas, like 08:30-12:00, 13:00-20:00; leave the cell empty on "
                    "a closed day."
                )
                % {"value": part}
            )
        intervals.append((opens, closes))
    return intervals


class RowReader:
    """The cells of one row, read with parsers; collects the errors of the row.

    A column that is not in the file is *absent*: the importer leaves that field as it is
    (or at the model's default for a new object), so a file may hold just some columns.
    """

    ABSENT = object()
    INVALID = object()

    def __init__(self, row: Row, columns: set[str]):
        self.row = row
        self.columns = columns
        self.errors: list[tuple[str, str]] = []
        self.failed: set[str] = set(row.refused)

    @property
    def number(self) -> int:
        return self.row.number

    def has(self, column: str) -> bool:
        return column in self.columns

    def raw(self, column: str) -> str:
        return self.row.cells.get(column, "")

    def error(self, column: str, message) -> None:
        self.errors.append((column, str(message)))
        self.failed.add(column)

    def get(self, column: str, parse: Callable[[str], object] = text):
        """The parsed value, ABSENT when the file lacks the column, INVALID when unreadable."""
        if column not in self.columns:
            return self.ABSENT
        if column in self.failed:
            return self.INVALID
        try:
            return parse(self.raw(column))
        except CellError as exc:
            self.error(column, exc.message)
            return self.INVALID

    def assign(self, obj, field: str, column: str, parse=text, exclude: set | None = None):
        """Set ``obj.field`` from the cell; an unreadable cell leaves the field out of full_clean."""
        value = self.get(column, parse)
        if value is self.INVALID:
            if exclude is not None:
                exclude.add(field)
        elif value is not self.ABSENT:
            setattr(obj, field, value)
        return value

    def validation_errors(self, exc: ValidationError, columns: dict[str, str], default: str = ""):
        """Record the model's messages under the column that holds each field.

        A column whose cell could not be read already has its message; what the model says
        about the field left empty instead ("fill in both coordinates") would only confuse.
        """
        unreadable = set(self.failed)
        for field, messages in exc.message_dict.items():
            column = columns.get(field, default) if field != NON_FIELD_ERRORS else default
            if column and column in unreadable:
                continue
            for message in messages:
                # The slug is made from the name: an empty name would be reported twice.
                if (column, str(message)) not in self.errors:
                    self.error(column, message)
