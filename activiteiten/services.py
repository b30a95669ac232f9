"""Writes to activities that span several rows: duplicate, restore from history, the bulk
actions of the change list (publish, unpublish, mark verified; the start page's "still
correct" button marks one activity verified through the same service).

Keyword-only, atomic, and they check the user's rights themselves (model permission plus
the object-level scope of ``ontmoeting.scopes``), so no caller can skip that.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from locaties.models import Location, Organisation, Person
from ontmoeting import scopes
from ontmoeting.cache import drop_public_answers

from . import agenda, schedules
from .models import (
    PAGE_SLUGS,
    Activity,
    AgendaHorizon,
    Cancellation,
    Schedule,
    ScheduleDate,
    TargetGroup,
    Theme,
)

# The rows of an activity deleted "in the same cascade" are those whose deletion was
# recorded this close to the activity's own, by the same user. Django deletes them in one
# transaction, a fraction of a second apart.
CASCADE_WINDOW = datetime.timedelta(seconds=10)


def _may_add(user, organiser_id) -> bool:
    if not user.has_perm("activiteiten.add_activity"):
        return False
    if scopes.is_scoped(user, Activity):
        return organiser_id in scopes.organisation_ids(user)
    return True


def _bulk_change(*, activities, user, **values) -> int:
    """Give each activity ``values`` through ``save()``, so that django-simple-history
    records every change under ``user``; the public pages' cache is dropped. Activities
    that have the values already are left alone (no empty history rows). Returns how many
    changed."""
    changed = 0
    for activity in scopes.lock_for_change(user, activities, Activity):
        if all(getattr(activity, name) == value for name, value in values.items()):
            continue
        for name, value in values.items():
            setattr(activity, name, value)
        activity._history_user = user
        activity.save(update_fields=[*values, "updated"])
        changed += 1
    if changed:
        drop_public_answers()
    return changed


@transaction.atomic
def activity_publish(*, activities, user) -> int:
    """Publish ``activities``; returns how many were not published yet."""
    return _bulk_change(activities=activities, user=user, status=Activity.Status.PUBLISHED)


@transaction.atomic
def activity_unpublish(*, activities, user) -> int:
    """Set ``activities`` back to draft, off the public pages; returns how many changed."""
    return _bulk_change(activities=activities, user=user, status=Activity.Status.DRAFT)


@transaction.atomic
def activity_mark_verified(*, activities, user) -> int:
    """Record that ``activities`` were checked today; returns how many changed."""
    return _bulk_change(activities=activities, user=user, last_verified=timezone.localdate())


def unique_slug(text: str, *, exclude_pk=None) -> str:
    """A slug for ``text`` that no other activity has: 'taalcafe', 'taalcafe-2', …"""
    max_length = Activity._meta.get_field("slug").max_length
    base = slugify(text)[: max_length - 4].strip("-") or "activiteit"
    taken = (
        set(
            Activity.objects.filter(slug__startswith=base)
            .exclude(pk=exclude_pk)
            .values_list("slug", flat=True)
        )
        | PAGE_SLUGS
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def activity_duplicate(*, activity: Activity, user) -> Activity:
    """A copy of ``activity`` as a draft: same fields, schedules, themes and target groups.

    The title gets "(copy)" (translated), the slug is made unique; cancelled dates and
    "last verified" are not copied: the copy has not been checked by anyone yet.
    """
    if not _may_add(user, activity.organiser_id) or not scopes.may_manage(user, activity):
        raise PermissionDenied
    title_length = Activity._meta.get_field("title").max_length
    pattern = gettext("%(title)s (copy)")
    room = title_length - len(pattern % {"title": ""})
    title = pattern % {"title": activity.title[:room]}
    copy = Activity.objects.get(pk=activity.pk)
    copy.pk = copy.id = None
    copy._state.adding = True
    copy.title = title
    copy.slug = unique_slug(title)
    copy.status = Activity.Status.DRAFT
    copy.last_verified = None
    copy._history_user = user
    copy.save()
    copy.themes.set(activity.themes.all())
    copy.target_groups.set(activity.target_groups.all())
    for schedule in activity.schedules.all():
        new = Schedule(
            activity=copy, **{name: getattr(schedule, name) for name in schedules.FIELDS}
        )
        new._history_user = user
        new.save()
    return copy


def deleted_activities(user=None):
    """Historical records of activities that are deleted now, newest first.

    A record qualifies when it is the last one of its activity and says "deleted", and the
    activity does not exist (any more). With ``user``, limited to the activities that
    user may manage (a welfare worker: those of their own organisations).
    """
    history = Activity.history.model
    last = (
        history.objects.filter(id=OuterRef("id"))
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    records = (
        history.objects.filter(history_type="-", history_id=Subquery(last))
        .exclude(id__in=Activity.objects.values("pk"))
        .order_by("-history_date", "-history_id")
    )
    if user is not None and scopes.is_scoped(user, Activity):
        records = records.filter(organiser_id__in=scopes.organisation_ids(user))
    return records


def _deleted_with(model, record):
    """The rows of ``model`` deleted with the activity of ``record`` (its "-" record)."""
    history = model.history.model
    last = (
        history.objects.filter(id=OuterRef("id"))
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    return (
        history.objects.filter(
            activity_id=record.id,
            history_type="-",
            history_user_id=record.history_user_id,
            history_date__gte=record.history_date - CASCADE_WINDOW,
            history_date__lte=record.history_date + CASCADE_WINDOW,
            history_id=Subquery(last),
        )
        .exclude(id__in=model.objects.values("pk"))
        .order_by("history_id")
    )


@transaction.atomic
def activity_restore(*, history_id: int, user) -> Activity:
    """Bring back a deleted activity from its history, with the schedules and cancelled
    dates deleted along with it, and its themes and target groups as they were.

    It gets its old id back (so its history continues) and, when another activity took
    its address in the meantime, a new slug. Raises PermissionDenied when the user may not
    add it, ValidationError (a plain message) when it cannot be restored.
    """
    history = Activity.history.model
    record = deleted_activities().filter(history_id=history_id).first()
    if record is None:
        if history.objects.filter(history_id=history_id).exists():
            raise ValidationError(
                gettext("This activity is not deleted (any more), or it was restored already."),
                code="not_deleted",
            )
        raise ValidationError(gettext("This activity is not in the history."), code="unknown")
    if not _may_add(user, record.organiser_id):
        raise PermissionDenied

    if not Location.objects.filter(pk=record.location_id).exists():
        raise ValidationError(
            gettext("The place of this activity no longer exists; it cannot be restored."),
            code="no_location",
        )
    if not Organisation.objects.filter(pk=record.organiser_id).exists():
        raise ValidationError(
            gettext("The organiser of this activity no longer exists; it cannot be restored."),
            code="no_organiser",
        )

    activity = record.instance
    if not Person.objects.filter(pk=activity.contact_person_id).exists():
        activity.contact_person = None
    if Activity.objects.filter(slug=activity.slug).exists():
        activity.slug = unique_slug(activity.title)
    activity._history_user = user
    try:
        with transaction.atomic():
            activity.save(force_insert=True)
    except IntegrityError:
        # Someone else restored it a moment ago.
        raise ValidationError(
            gettext("This activity is not deleted (any more), or it was restored already."),
            code="not_deleted",
        ) from None
    # "created" is set on insert; give the activity its real age back.
    Activity.objects.filter(pk=activity.pk).update(created=record.created)

    # The deletion record holds no themes (Django removes those links first); the record
    # before it has the last ones.
    before = (
        history.objects.filter(id=record.id, history_date__lte=record.history_date)
        .exclude(history_id=record.history_id)
        .order_by("-history_date", "-history_id")
        .first()
    )
    source = before or record
    theme_ids = [row.theme_id for row in source.themes.all()]
    group_ids = [row.targetgroup_id for row in source.target_groups.all()]
    activity.themes.set(Theme.objects.filter(pk__in=theme_ids))
    activity.target_groups.set(TargetGroup.objects.filter(pk__in=group_ids))

    for model in (Schedule, Cancellation):
        for row in _deleted_with(model, record):
            instance = row.instance
            instance.activity = activity
            instance._history_user = user
            instance.save(force_insert=True)
    return activity


# --- The agenda's stored dates (see activiteiten/agenda.py) -------------------------------

AGENDA_DATES_BEHIND = 2  # the agenda's first week starts now, and looks one day back


def _locked_horizon():
    # One row, locked: a schedule saved while the night's run extends the horizon waits for
    # it, and then writes its dates for the new horizon (or the other way round).
    return AgendaHorizon.objects.select_for_update().filter(pk=1).first()


@transaction.atomic
def schedule_dates_refresh(*, schedule_ids) -> None:
    """Write again the stored dates of these schedules (after a save), within the horizon.

    Derived data, no rights to check: it follows a save that was allowed. Schedules that no
    longer exist simply get no dates.
    """
    horizon = _locked_horizon()
    if horizon is None:
        return
    _delete_dates("schedule_id = ANY(%s)", [list(schedule_ids)])
    agenda.store_dates(horizon.first_day, horizon.last_day, schedule_ids)


def _delete_dates(condition: str, params: list) -> int:
    # Plain SQL: through the ORM every row would be fetched to send its post_delete signal.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {ScheduleDate._meta.db_table} WHERE {condition}", params)
        return cursor.rowcount


@transaction.atomic
def agenda_dates_extend(*, today: datetime.date, days: int, rebuild: bool = False) -> dict:
    """Move the horizon to [today - 2, today + ``days``]: drop the days behind, add the new.

    ``rebuild`` (or a horizon that no longer touches the new one) writes every date again.
    Returns what was done, for the command's output.
    """
    first = today - datetime.timedelta(days=AGENDA_DATES_BEHIND)
    last = today + datetime.timedelta(days=days)
    horizon = _locked_horizon()
    result = {"first_day": first, "last_day": last, "deleted": 0, "added": 0}
    if rebuild or horizon is None or horizon.last_day < first or horizon.first_day > first:
        result["deleted"] = _delete_dates("TRUE", [])
        result["added"] = agenda.store_dates(first, last)
    else:
        result["deleted"] = _delete_dates("day < %s OR day > %s", [first, last])
        if last > horizon.last_day:
            next_day = horizon.last_day + datetime.timedelta(days=1)
            result["added"] = agenda.store_dates(next_day, last)
    AgendaHorizon.objects.update_or_create(pk=1, defaults={"first_day": first, "last_day": last})
    return result
