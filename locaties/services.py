"""Writes to places that touch several rows: the opening-hours shortcuts of the admin and
its bulk action "mark as verified".

Every change goes through ``save()``/``delete()`` one row at a time, so django-simple-history
records each of them (with the user, when called during a request).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ontmoeting import scopes
from ontmoeting.cache import drop_public_answers

from .models import Location, OpeningHours, Weekday


def _check_weekdays(weekdays) -> list[int]:
    days = sorted(set(weekdays))
    if any(day not in Weekday.values for day in days):
        raise ValidationError(_("Choose days from Monday to Sunday."), code="invalid_weekday")
    return days


@transaction.atomic
def location_mark_verified(*, locations, user) -> int:
    """Record that ``locations`` were checked today; returns how many changed.

    Checks the user's rights on every place itself (all or nothing: a crafted selection
    with another cluster's place changes none), records a history row per place under
    ``user`` and drops the cached public pages.
    """
    rows = scopes.lock_for_change(user, locations, Location)
    today = timezone.localdate()
    changed = [row for row in rows if row.last_verified != today]
    for row in changed:
        row.last_verified = today
        row._history_user = user
        row.save(update_fields=["last_verified"])
    if changed:
        drop_public_answers()
    return len(changed)


@transaction.atomic
def location_apply_norm(*, location: Location) -> int:
    """Give ``location`` the weekly hours of its kind's norm (supervised if the norm is).

    The hours of the norm's weekdays are replaced; other days (when the norm leaves some
    out) are left as they are. Returns the number of days set. Refuses (ValidationError)
    when the place's kind has no norm: there is nothing to fill in.
    """
    norm = location.kind.norm
    if norm is None:
        raise ValidationError(
            _("The kind “%(kind)s” has no norm, so there are no norm hours to fill in.")
            % {"kind": location.kind},
            code="no_norm",
        )
    weekdays = _check_weekdays(norm.weekdays)
    _replace_days(location, {day: [(norm.opens, norm.closes, norm.supervised)] for day in weekdays})
    return len(weekdays)


@transaction.atomic
def location_copy_day(*, location: Location, weekday: int, to_weekdays) -> int:
    """Copy the weekly hours of ``weekday`` to each of ``to_weekdays``, replacing theirs.

    Refuses (ValidationError) when the day has no hours: clearing days is done by deleting
    rows, not by copying an empty day by mistake. Returns the number of days changed.
    """
    (weekday,) = _check_weekdays([weekday])
    targets = [day for day in _check_weekdays(to_weekdays) if day != weekday]
    if not targets:
        raise ValidationError(_("Choose one or more other days to copy to."), code="no_targets")
    source = [
        (hours.opens, hours.closes, hours.supervised)
        for hours in OpeningHours.objects.filter(location=location, weekday=weekday)
    ]
    if not source:
        raise ValidationError(
            _("%(day)s has no opening hours to copy.") % {"day": Weekday(weekday).label},
            code="empty_day",
        )
    _replace_days(location, dict.fromkeys(targets, source))
    return len(targets)


def _replace_days(location: Location, days: dict[int, list]) -> None:
    # Lock the place: two people pressing a shortcut at once would otherwise interleave
    # their deletes and inserts and leave overlapping rows.
    Location.objects.select_for_update().filter(pk=location.pk).first()
    for hours in OpeningHours.objects.filter(location=location, weekday__in=list(days)):
        hours.delete()
    for weekday, intervals in days.items():
        for opens, closes, supervised in intervals:
            OpeningHours.objects.create(
                location=location,
                weekday=weekday,
                opens=opens,
                closes=closes,
                supervised=supervised,
            )
