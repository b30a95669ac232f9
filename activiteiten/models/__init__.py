"""The activities' models: the activity and its search, its schedules and the dates derived
from them, the dates that do not go ahead, themes and target groups. Every model is imported
here, so that Django finds them and the rest of the project imports them from
``activiteiten.models``.
"""

from .activities import PAGE_SLUGS, SEARCH_CONFIG, Activity, ActivityQuerySet, Folded
from .dates import AgendaHorizon, Cancellation, Schedule, ScheduleDate
from .vocabularies import TargetGroup, Theme, Vocabulary

__all__ = [
    "PAGE_SLUGS",
    "SEARCH_CONFIG",
    "Activity",
    "ActivityQuerySet",
    "AgendaHorizon",
    "Cancellation",
    "Folded",
    "Schedule",
    "ScheduleDate",
    "TargetGroup",
    "Theme",
    "Vocabulary",
]
