"""Keep the agenda's stored dates in step with every saved schedule, whoever saves it
(the admin's inlines, imports, restores, services). Deleting a schedule deletes its dates
by the foreign key. Writes that bypass save() (bulk_create, update) must call
services.schedule_dates_refresh or run ``manage.py extend_agenda_dates --rebuild``.
"""

from django.db.models.signals import post_save

from .models import Schedule
from .services import schedule_dates_refresh


def schedule_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the command rebuilds afterwards
        return
    schedule_dates_refresh(schedule_ids=[instance.pk])


def connect() -> None:
    post_save.connect(schedule_saved, sender=Schedule, dispatch_uid="activiteiten-schedule-dates")
