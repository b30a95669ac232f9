"""The dates by day, written in Python rather than through a template each.

The agenda shows up to 100 dates a page, a cluster's page a week of its places' dates (200 in
a large cluster). Through templates (a row, its status, the filters and lookups of each)
they took 21 ms and 17 ms of pages that must stay cheap without their cache; written here
they take a few. The HTML is the same as the templates wrote; tests/activiteiten/
test_agenda_rows.py checks the rows, their escaping and their words.
"""

from html import escape

from django import template
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.timezone import get_current_timezone
from django.utils.translation import gettext as _

from ontmoeting.html import slug_urls

register = template.Library()


@register.simple_tag
def occurrence_status(occurrence) -> str:
    """Why a date does not go ahead, as a ``<strong>``; '' when it goes ahead."""
    if occurrence.cancelled:
        text = _("Not going ahead")
        if occurrence.cancellation_reason:
            text = f"{text}: {occurrence.cancellation_reason}"
    elif occurrence.place_closed:
        text = occurrence.closure_text
    else:
        return ""
    return mark_safe(f'<strong class="cancelled">{escape(text)}</strong>')


@register.simple_tag
def agenda_days(occurrences, today) -> str:
    """The agenda's dates by day: a heading per day and a list of its dates, in the order
    given; today's heading says so."""
    words = _Words()
    return mark_safe(
        _by_day(occurrences, lambda o: _item(o, words), lambda day: _heading(day, today, words))
    )


@register.simple_tag
def occurrence_days(occurrences, show_place=False) -> str:
    """A place's or a cluster's dates by day, shorter than the agenda's: time and title,
    and the place's name with ``show_place``. Says so when there are none."""
    words = _Words()
    html = _by_day(
        occurrences,
        lambda o: _short_item(o, words, show_place),
        lambda day: _heading(day, None, words),
    )
    if html:
        return mark_safe(html)
    # Not inside the f-string: xgettext finds no message there.
    nothing = _("No activities planned in this period.")
    return mark_safe(f"<p>{escape(nothing)}</p>")


def _by_day(occurrences, row, heading) -> str:
    """``row`` of each date under ``heading`` of its day; a new day where the date changes."""
    days, current, items = [], None, []

    def close_day():
        if items:
            days.append(
                f'\n  <h3 class="day-heading">{heading(current)}</h3>\n'
                f'  <ul class="agenda">{"".join(items)}</ul>'
            )

    for occurrence in occurrences:
        if occurrence.date != current:
            close_day()
            current, items = occurrence.date, []
        items.append(row(occurrence))
    close_day()
    return "".join(days)


class _Words:
    """What every row says the same: translated and reversed once per page."""

    def __init__(self):
        self.today = escape(_("today"))
        self.free = escape(_("free"))
        self.support = escape(_("also with a support need"))
        self.url_of = slug_urls("activiteiten:detail")
        self.zone = get_current_timezone()
        self.repeats = {}

    def repeats_of(self, schedule) -> str:
        # A weekly schedule on several days comes back several times a week.
        if schedule.pk not in self.repeats:
            repeats = schedule.repeats
            self.repeats[schedule.pk] = (
                f'<span class="meta">{escape(capfirst(repeats))}</span>' if repeats else ""
            )
        return self.repeats[schedule.pk]


def _heading(day, today, words) -> str:
    heading = escape(capfirst(date_format(day, "l j F")))
    if day == today:
        heading += f' <span class="meta">({words.today})</span>'
    return heading


def _item(occurrence, words) -> str:
    activity = occurrence.activity
    location = activity.location
    meta = escape(location.name)
    if location.cluster:
        meta += f" · {escape(location.cluster.name)}"
    if activity.is_free:
        meta += f" · {words.free}"
    if activity.support_need_welcome:
        meta += f" · {words.support}"
    start, end = occurrence.start.astimezone(words.zone), occurrence.end.astimezone(words.zone)
    url = escape(words.url_of(activity.slug))
    cancelled = "" if occurrence.goes_ahead else " agenda-item--cancelled"
    return (
        f'<li class="agenda-item{cancelled}">\n'
        f'  <span class="time"><time datetime="{start.isoformat()}">{start:%H:%M}</time>–'
        f'<time datetime="{end.isoformat()}">{end:%H:%M}</time></span>\n'
        f'  <span class="agenda-what">\n'
        f'    <a href="{url}">{escape(activity.title)}</a>\n'
        f'    <span class="meta">{meta}</span>\n'
        f"    {words.repeats_of(occurrence.schedule)}\n"
        f"    {occurrence_status(occurrence)}\n"
        f"  </span>\n</li>"
    )


def _short_item(occurrence, words, show_place) -> str:
    activity = occurrence.activity
    start, end = occurrence.start.astimezone(words.zone), occurrence.end.astimezone(words.zone)
    cancelled = "" if occurrence.goes_ahead else " agenda-item--cancelled"
    place = f'<span class="meta">{escape(activity.location.name)}</span>' if show_place else ""
    return (
        f'<li class="agenda-item{cancelled}">\n'
        f'  <span class="time">{start:%H:%M}–{end:%H:%M}</span>\n'
        f'  <a href="{escape(words.url_of(activity.slug))}">{escape(activity.title)}</a>\n'
        f"  {place}\n"
        f"  {occurrence_status(occurrence)}\n</li>"
    )
