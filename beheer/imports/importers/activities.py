"""Activities with their schedule: one activity per row, its schedule in the same row."""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activiteiten import checks
from activiteiten import schedules as schedule_rules
from activiteiten.models import Activity, TargetGroup, Theme
from locaties.models import Location, Organisation
from ontmoeting import scopes

from ...models import ImportBatch
from .. import cells
from . import schedule_columns
from .base import (
    ABSENT,
    INVALID,
    Column,
    Importer,
    Index,
    blank_message,
    columns_by_field,
    names_of,
    organisation_index,
    read_list,
    text_column,
    yes_no_column,
)

ACTIVITY_STATUS_WORDS = {
    "concept": Activity.Status.DRAFT,
    "draft": Activity.Status.DRAFT,
    "gepubliceerd": Activity.Status.PUBLISHED,
    "published": Activity.Status.PUBLISHED,
    # "afgelast" is the word the admin and the site use; "geannuleerd" is read as well.
    "afgelast": Activity.Status.CANCELLED,
    "geannuleerd": Activity.Status.CANCELLED,
    "cancelled": Activity.Status.CANCELLED,
}

# The activity's own columns, before those of its schedule.
ACTIVITY_COLUMNS = [
    Column(
        "slug",
        gettext_lazy(
            "Optional. The activity's web address, like koffieochtend-de-linde. Empty: made "
            "from the title. An activity with this slug is updated; otherwise a new one is made."
        ),
        "",
        field="slug",
    ),
    text_column(
        "titel",
        gettext_lazy("Required. The title of the activity."),
        "Koffieochtend",
        "title",
        required=True,
    ),
    text_column(
        "beschrijving",
        gettext_lazy("Optional. What happens, for whom."),
        "Samen koffie drinken en bijpraten.",
        "description",
    ),
    Column(
        "organisatie",
        gettext_lazy("Required. The name of the organisation that runs it, as in the admin."),
        "Welzijn Voorbeeld",
        True,
        field="organiser",
    ),
    Column(
        "plek",
        gettext_lazy("Required. The name (or slug) of the place where it happens."),
        "Ontmoetingshuis De Linde",
        True,
        field="location",
    ),
    text_column("ruimte", gettext_lazy("Optional. The room in the place."), "", "room"),
    Column(
        "themas",
        gettext_lazy(
            "Optional. Themes, separated by commas: their names or slugs, as in the admin."
        ),
        "Ontmoeten en koffie",
        aliases=("thema's", "thema"),
    ),
    Column(
        "doelgroepen",
        gettext_lazy(
            "Optional. Target groups, separated by commas: names or slugs, as in the admin."
        ),
        "Ouderen, Iedereen",
        aliases=("doelgroep",),
    ),
    yes_no_column(
        "ondersteuningsvraag",
        gettext_lazy("Also for people with a support need."),
        "ja",
        "support_need_welcome",
    ),
    Column(
        "gratis",
        gettext_lazy("ja or nee; empty means ja, unless a cost is given."),
        "",
        field="is_free",
    ),
    text_column(
        "kosten", gettext_lazy("Optional. For example: € 2 per time."), "€ 1 per kopje", "cost"
    ),
    yes_no_column(
        "aanmelden", gettext_lazy("Registration is needed."), "nee", "registration_required"
    ),
    text_column("hoe_aanmelden", gettext_lazy("Optional. How to join."), "", "registration_info"),
    Column(
        "status",
        gettext_lazy("concept, gepubliceerd or afgelast; empty means concept."),
        "gepubliceerd",
        field="status",
        parse=cells.choice(
            ACTIVITY_STATUS_WORDS, ["concept", "gepubliceerd", "afgelast"], Activity.Status.DRAFT
        ),
    ),
]
LAST_VERIFIED = Column(
    "laatst_gecontroleerd",
    gettext_lazy(
        "Optional. The day the facts of this activity were last checked, like "
        "31-12-2026. Empty, or no such column: the day of the import, for a new "
        "activity and for one the row changes; an activity the row leaves unchanged "
        "keeps its date."
    ),
    "",
    aliases=("gecontroleerd",),
    field="last_verified",
)


def _optional_yes_no(value: str):
    """ja / nee, or None for an empty cell (the caller decides)."""
    return cells.yes_no(None)(value)


class ActivityImporter(Importer):
    kind = ImportBatch.Kind.ACTIVITIES
    model = Activity
    permissions = ("activiteiten.add_schedule", "activiteiten.delete_schedule")
    any_of = ("activiteiten.add_activity", "activiteiten.change_activity")
    columns = [*ACTIVITY_COLUMNS, *schedule_columns.COLUMNS, LAST_VERIFIED]
    field_columns = columns_by_field([*ACTIVITY_COLUMNS, LAST_VERIFIED])

    def prepare(self):
        self.imported: dict[int, Activity] = {}
        self.today = timezone.localdate()
        self.organisations = organisation_index()
        self.places_by_slug = {}
        self.places_by_name = defaultdict(list)
        for place in Location.objects.select_related("cluster"):
            self.places_by_slug[place.slug] = place
            self.places_by_name[place.name.strip().lower()].append(place)
        self.themes = _vocabulary_index(Theme, _unknown_theme)
        self.groups = _vocabulary_index(TargetGroup, _unknown_group)
        self.own_organisations = set(scopes.organisation_ids(self.user)) if self.scoped else None

    def key(self, reader):
        return reader.raw("slug") or slugify(reader.raw("titel"))[:170]

    def key_column(self, reader):
        return "slug" if reader.raw("slug") else "titel"

    def not_yours_message(self):
        return _(
            "An activity with this slug already exists and belongs to an organisation you do not "
            "work for. Give your activity another title, or fill in another slug."
        )

    def import_row(self, reader):
        edit = self.begin(reader, self.found_or_new(self.key(reader)), ACTIVITY_COLUMNS)
        if edit is None:
            return None
        activity, creating, exclude = edit.obj, edit.creating, edit.exclude
        free = reader.get("gratis", _optional_yes_no)
        if free is INVALID:
            exclude.add("is_free")
        elif free is not ABSENT or creating:
            # An empty cell follows the cost (read above): with a price it is not free.
            activity.is_free = (not activity.cost) if free in (None, ABSENT) else free
        self.assign_reference(
            reader, edit, "organisatie", "organiser", self.organisations, self._not_own_organisation
        )
        self._assign_place(reader, activity, exclude)
        themes = read_list(reader, "themas", self.themes, "themes")
        groups = read_list(reader, "doelgroepen", self.groups, "target_groups")
        schedule = schedule_columns.read_schedule(reader)
        verified = self._last_verified(reader, activity, exclude)
        self.validate(reader, edit)
        if reader.failed:
            return None

        extra = [listed.column for listed in (themes, groups) if listed.compare(edit)]
        old_schedules = list(activity.schedules.all()) if activity.pk else []
        schedule_changed = [schedule_columns.values(s) for s in old_schedules] != [
            schedule_columns.values(schedule)
        ]
        if schedule_changed:
            extra.extend(schedule_columns.changed_columns(old_schedules, schedule))
        changes = self.changes(edit, extra)
        if verified is None and (creating or changes):
            # Whoever imports a new or changed activity has just given its facts.
            activity.last_verified = self.today
            changes = self.changes(edit, extra)
        if creating or changes:
            self.save(activity)
        self.imported[reader.number] = activity
        themes.save(edit)
        groups.save(edit)
        if schedule_changed:
            # One schedule per row: the file describes when the activity happens.
            for old in old_schedules:
                old._history_user = self.user
                old.delete()
            schedule.activity = activity
            self.save(schedule)
        details = " · ".join(
            [str(activity.location), str(activity.organiser), schedule_rules.describe(schedule)]
        )
        return self.outcome(reader, edit, changes, details)

    def _last_verified(self, reader, activity, exclude):
        """The date in the cell (set on ``activity``), or None when the cell is empty or absent."""
        value = reader.get("laatst_gecontroleerd", cells.date)
        if value is INVALID:
            exclude.add("last_verified")
            return INVALID
        if value in (ABSENT, None):
            return None
        if value > self.today:
            reader.error(
                "laatst_gecontroleerd",
                _(
                    "%(date)s is in the future: give the day the facts were checked, today at the latest."
                )
                % {"date": date_format(value, "DATE_FORMAT")},
            )
            exclude.add("last_verified")
            return INVALID
        activity.last_verified = value
        return value

    def add_warnings(self, outcomes):
        """The admin's warnings after saving (``activiteiten.checks``), for every row at once:
        a fixed number of queries, and rows of the same file overlap each other."""
        if not self.imported:
            return
        start, end = checks.window()
        found = checks.activity_warnings(list(self.imported.values()), start=start, end=end)
        by_pk = {activity.pk: (activity, warnings) for activity, warnings in found.items()}
        for outcome in outcomes:
            activity = self.imported.get(outcome.row)
            if activity is None or activity.pk not in by_pk:
                continue
            checked, warnings = by_pk[activity.pk]
            outcome.warnings = checks.summarise(warnings, checked.location)

    def _not_own_organisation(self, organisation):
        if self.own_organisations is None or organisation.pk in self.own_organisations:
            return None
        return _("You may only import activities of your own organisations: %(organisations)s.") % {
            "organisations": names_of(Organisation.objects.filter(pk__in=self.own_organisations))
        }

    def _assign_place(self, reader, activity, exclude):
        value = reader.get("plek")
        # Read from the database just now, or reported: the model need not look it up again.
        exclude.add("location")
        if value in (ABSENT, INVALID):
            return
        if not value:
            reader.error("plek", blank_message())
            return
        place = self.places_by_slug.get(value)
        if place is None:
            named = self.places_by_name.get(value.strip().lower(), [])
            if len(named) > 1:
                reader.error(
                    "plek",
                    _(
                        "There are several places called “%(value)s”; give the slug of the one "
                        "you mean: %(slugs)s."
                    )
                    % {"value": value, "slugs": get_text_list([p.slug for p in named], _("or"))},
                )
                return
            place = named[0] if named else None
        if place is None:
            reader.error(
                "plek",
                _(
                    "There is no place “%(value)s”. Give the name or the slug of an existing "
                    "place, as in the admin under Places."
                )
                % {"value": value},
            )
            return
        activity.location = place


def _vocabulary_index(model, unknown) -> Index:
    index = Index(unknown)
    for entry in model.objects.all():
        index[entry.slug] = entry
        index[entry.name.strip().lower()] = entry
        if entry.name_en:
            index.setdefault(entry.name_en.strip().lower(), entry)
    return index


def _unknown_theme(word: str) -> str:
    return _("There is no theme “%(value)s”. The themes are: %(choices)s.") % {
        "value": word,
        "choices": get_text_list([t.name for t in Theme.objects.all()], _("and")),
    }


def _unknown_group(word: str) -> str:
    return _("There is no target group “%(value)s”. The target groups are: %(choices)s.") % {
        "value": word,
        "choices": get_text_list([g.name for g in TargetGroup.objects.all()], _("and")),
    }
