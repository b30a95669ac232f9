"""What the start page is made of (sections of items, each with a link to its fix), and
the words its items share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext

from activiteiten import checks

LIST_LIMIT = 25
# Dates listed in one item; the rest are counted.
DATES_LISTED = 5
ENDING_DAYS = 28
NOT_VERIFIED_DAYS = 90
HORIZON_DAYS = checks.HORIZON_DAYS
PLACE_KEYS = ("no-hours", "no-supervisor", "no-coordinates")


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Item:
    """One thing that needs attention."""

    title: str
    url: str  # where it is fixed (or, for who may only look, seen)
    about: str  # the place, the organiser … in a few words
    problem: str  # what is the matter
    fix: Link | None = None  # the action that settles it
    verify_url: str = ""  # "still correct" (a POST), when the user may change the activity
    details: tuple[Link | str, ...] = ()  # e.g. the activities a closure stops


@dataclass
class Section:
    key: str
    title: str
    help: str
    items: list[Item]
    more: Link | None = None  # where all of them are, when the list is cut off
    total: int = 0

    def __post_init__(self):
        self.total = max(self.total, len(self.items))
        self.items = self.items[:LIST_LIMIT]

    @property
    def left_out(self) -> int:
        return self.total - len(self.items)


@dataclass
class StartPage:
    intro: str
    sections: list[Section] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(section.total for section in self.sections)


# --- Words -------------------------------------------------------------------------------


def day_text(day: datetime.date) -> str:
    """'vr 25 dec 2026' in Dutch, 'Fri 25 Dec 2026' in English.

    Dutch writes months in lower case; Django's "M" capitalises them, "b" does not.
    """
    month = "b" if (get_language() or "").startswith("nl") else "M"
    return date_format(day, f"D j {month} Y")


def dates_text(days) -> str:
    """Each date once, in order, at most DATES_LISTED of them, and how many more."""
    unique = sorted(set(days))
    text = ", ".join(day_text(day) for day in unique[:DATES_LISTED])
    if len(unique) > DATES_LISTED:
        more = len(unique) - DATES_LISTED
        text += " " + ngettext("and %(n)d more", "and %(n)d more", more) % {"n": more}
    return text


def change_url(obj, anchor: str = "") -> str:
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return f"{url}#{anchor}" if anchor else url


def day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def may_verify(user) -> bool:
    return user.has_perm("activiteiten.change_activity")
