"""One importer per kind of file: clusters, places with opening hours, activities with a schedule.

Each row becomes (or updates) objects that are checked with the models' own validation
(``full_clean``), so an import says what the admin would say. The rights of the admin
apply too: a welfare worker only imports activities of their own organisations, a
cluster manager only places in their own clusters.

:func:`run` handles a whole table in one transaction: a dry run always rolls back, a
real import rolls back as soon as one row has an error. Rows are saved as they are read,
so later rows are checked against earlier ones (two new clusters with the same name).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.formats import date_format
from django.utils.text import format_lazy, get_text_list, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from activiteiten import checks
from activiteiten import schedules as schedule_rules
from activiteiten.models import Activity, Schedule, TargetGroup, Theme
from clusters.models import Cluster
from locaties import opening
from locaties.models import Location, LocationKind, OpeningHours, Organisation, Weekday

from .. import scopes
from ..models import ImportBatch
from . import cells
from .cells import RowReader
from .tables import Column, Problem, Table

logger = logging.getLogger(__name__)

ABSENT, INVALID = RowReader.ABSENT, RowReader.INVALID
DAY_COLUMNS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


@dataclass
class Outcome:
    """What one row does: create, update or leave unchanged an object."""

    row: int
    action: str
    key: str
    name: str
    details: str = ""
    changes: list[str] = field(default_factory=list)
    # What the admin would warn about after saving (never an error: the row imports).
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "action": self.action,
            "key": self.key,
            "name": self.name,
            "details": self.details,
            "changes": self.changes,
            "warnings": self.warnings,
        }


@dataclass
class Result:
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def warning_count(self) -> int:
        """The number of rows with warnings."""
        return sum(1 for outcome in self.outcomes if outcome.warnings)

    def counts(self) -> dict[str, int]:
        counts = {"create": 0, "update": 0, "unchanged": 0}
        for outcome in self.outcomes:
            counts[outcome.action] += 1
        return counts


class _Rollback(Exception):
    """Leaves an atomic block without keeping its writes."""


def run(importer: Importer, table: Table, *, commit: bool) -> Result:
    """Import every row of ``table``; keep the writes only if ``commit`` and nothing failed."""
    result = Result(problems=list(table.problems))
    columns = set(table.columns)
    try:
        with transaction.atomic():
            importer.prepare()
            seen: dict[str, int] = {}
            for row in table.rows:
                reader = RowReader(row, columns)
                outcome = _import_row(importer, reader, seen)
                result.problems.extend(
                    Problem(row.number, column, message) for column, message in reader.errors
                )
                if outcome is not None:
                    result.outcomes.append(outcome)
            if not result.problems:
                # After every row, so that rows of the same file are checked against each other.
                importer.add_warnings(result.outcomes)
            if result.problems or not commit:
                raise _Rollback
    except _Rollback:
        pass
    result.problems.sort(key=lambda problem: problem.row or 0)
    return result


def _import_row(importer: Importer, reader: RowReader, seen: dict[str, int]) -> Outcome | None:
    key = importer.key(reader)
    if key:
        if key in seen:
            reader.error(
                importer.key_column(reader),
                _(
                    "This row is about the same %(thing)s as row %(row)s (“%(key)s”): each "
                    "%(thing)s may appear only once in the file."
                )
                % {"row": seen[key], "key": key, "thing": importer.model._meta.verbose_name},
            )
            return None
        seen[key] = reader.number
    try:
        # A savepoint per row: a row that fails half-way leaves nothing behind.
        with transaction.atomic():
            outcome = importer.import_row(reader)
            if reader.failed:
                raise _Rollback
            return outcome
    except _Rollback:
        return None
    except DatabaseError:
        logger.exception("Import row %s could not be saved", reader.number)
        reader.error(
            "",
            _("This row could not be saved. Check its values, or ask a functional administrator."),
        )
        return None


def _snapshot(obj) -> dict:
    return {
        f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key
    }


class Importer:
    """The columns of one kind of file and how a row becomes objects."""

    kind: str
    model: type
    columns: list[Column]
    column_groups: tuple[tuple[str, ...], ...] = ()
    # model field → the column that holds it, to show the model's messages at the right cell
    field_columns: dict[str, str] = {}
    # Each row looks its object up by its unique key first; only a derived key (a cluster's
    # slug) can still clash.
    validate_unique = False
    # (permissions needed to import this kind at all; at least one of these as well)
    permissions: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()

    def __init__(self, user):
        self.user = user
        self.scoped = scopes.is_scoped(user, self.model)

    @classmethod
    def may_import(cls, user) -> bool:
        return (
            user.is_active
            and user.is_staff
            and all(user.has_perm(perm) for perm in cls.permissions)
            and any(user.has_perm(perm) for perm in cls.any_of)
        )

    def prepare(self) -> None:
        """Read what every row looks up, once (inside the import's transaction)."""

    def add_warnings(self, outcomes: list[Outcome]) -> None:
        """Add to ``outcomes`` what the admin would warn about, with all rows in the database."""

    def key(self, reader: RowReader) -> str:
        raise NotImplementedError

    def key_column(self, reader: RowReader) -> str:
        raise NotImplementedError

    def import_row(self, reader: RowReader) -> Outcome | None:
        raise NotImplementedError

    # --- shared steps ---

    def check_rights(self, reader: RowReader, obj, creating: bool) -> bool:
        opts = self.model._meta
        action = "add" if creating else "change"
        if not self.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"):
            reader.error(
                self.key_column(reader),
                _("You may not add new %(things)s; only existing ones can be updated.")
                % {"things": opts.verbose_name_plural}
                if creating
                else _("You may not change existing %(things)s.")
                % {"things": opts.verbose_name_plural},
            )
            return False
        if not creating and not scopes.may_manage(self.user, obj):
            reader.error(self.key_column(reader), self.not_yours_message())
            return False
        return True

    def not_yours_message(self) -> str:
        return _("You may not change this %(thing)s.") % {"thing": self.model._meta.verbose_name}

    def validate(self, reader: RowReader, obj, exclude: set[str]) -> None:
        try:
            # Every check constraint of these models repeats a check of their clean() in
            # SQL, with a less helpful message and a query each: not run again.
            obj.full_clean(
                exclude=exclude,
                validate_unique=self.validate_unique,
                validate_constraints=False,
            )
        except ValidationError as exc:
            reader.validation_errors(exc, self.field_columns)

    def save(self, obj) -> None:
        # Recorded in the history as the importing user, also outside a request.
        obj._history_user = self.user
        obj.save()

    def changes(self, before: dict, obj, extra: list[str] = ()) -> list[str]:
        after = _snapshot(obj)
        names = []
        for attname, value in after.items():
            if before.get(attname) != value:
                field_name = attname.removesuffix("_id")
                column = self.field_columns.get(field_name)
                if column and column not in names:
                    names.append(column)
        return names + [name for name in extra if name not in names]

    def outcome(self, reader, obj, creating, changes, details="") -> Outcome:
        action = "create" if creating else ("update" if changes else "unchanged")
        return Outcome(
            row=reader.number,
            action=action,
            key=str(self.key(reader)),
            name=str(obj),
            details=details,
            changes=[] if creating else changes,
        )


def _lookup(index: dict, value: str):
    return index.get(value.strip().lower())


def _yes_no_help(default: bool):
    return (
        gettext_lazy("ja or nee; empty means ja.")
        if default
        else gettext_lazy("ja or nee; empty means nee.")
    )


# --- Clusters ------------------------------------------------------------------------------


class ClusterImporter(Importer):
    kind = ImportBatch.Kind.CLUSTERS
    model = Cluster
    permissions = ()
    any_of = ("clusters.add_cluster", "clusters.change_cluster")
    validate_unique = True
    columns = [
        Column(
            "nummer",
            gettext_lazy(
                "Required. The cluster's number, a whole number. A cluster with this number is "
                "updated; otherwise a new cluster is made."
            ),
            "1",
            required=True,
        ),
        Column(
            "naam",
            gettext_lazy("Required. The name of the cluster. The web address is made from it."),
            "Noord",
            required=True,
        ),
        Column(
            "beschrijving",
            gettext_lazy("Optional. A few sentences about the cluster."),
            "De wijken ten noorden van het centrum.",
        ),
    ]
    field_columns = {
        "number": "nummer",
        "name": "naam",
        "slug": "naam",
        "description": "beschrijving",
    }

    def key(self, reader):
        number = reader.raw("nummer")
        return str(int(number)) if cells.INTEGER_RE.match(number) else ""

    def key_column(self, reader):
        return "nummer"

    def import_row(self, reader):
        number = reader.get("nummer", cells.integer)
        existing = (
            Cluster.objects.filter(number=number).first() if isinstance(number, int) else None
        )
        creating = existing is None
        if not self.check_rights(reader, existing, creating):
            return None
        cluster = existing or Cluster()
        before = _snapshot(cluster)
        exclude: set[str] = set()
        reader.assign(cluster, "number", "nummer", cells.integer, exclude)
        reader.assign(cluster, "name", "naam", cells.text, exclude)
        reader.assign(cluster, "description", "beschrijving", cells.text, exclude)
        if creating:
            # An existing cluster keeps its slug: its public address must not change.
            cluster.slug = slugify(cluster.name)[:100]
        self.validate(reader, cluster, exclude)
        if reader.failed:
            return None
        changes = self.changes(before, cluster)
        if creating or changes:
            self.save(cluster)
        return self.outcome(reader, cluster, creating, changes)


# --- Places with opening hours -------------------------------------------------------------

PLACE_STATUS_WORDS = {
    "gepland": Location.Status.PLANNED,
    "planned": Location.Status.PLANNED,
    "benoemd": Location.Status.DESIGNATED,
    "designated": Location.Status.DESIGNATED,
}
BUILDING_WORDS = {
    "toekomstbestendig": Location.BuildingStatus.FUTURE_PROOF,
    "future_proof": Location.BuildingStatus.FUTURE_PROOF,
    "nieuwbouw": Location.BuildingStatus.NEW_BUILDING_PLANNED,
    "nieuwbouw gepland": Location.BuildingStatus.NEW_BUILDING_PLANNED,
    "new_building_planned": Location.BuildingStatus.NEW_BUILDING_PLANNED,
}
PLACE_FLAGS = [
    # (column, field, what it means, example)
    ("toegankelijk", "wheelchair_accessible", gettext_lazy("Accessible with a wheelchair."), "ja"),
    ("aangepast_toilet", "accessible_toilet", gettext_lazy("Has an accessible toilet."), "ja"),
    ("ringleiding", "hearing_loop", gettext_lazy("Has a hearing loop."), "nee"),
    ("parkeren", "parking", gettext_lazy("Has parking."), "ja"),
    (
        "ov_dichtbij",
        "public_transport_nearby",
        gettext_lazy("Public transport stops nearby."),
        "ja",
    ),
]


class PlaceImporter(Importer):
    kind = ImportBatch.Kind.PLACES
    model = Location
    permissions = ("locaties.add_openinghours", "locaties.delete_openinghours")
    any_of = ("locaties.add_location", "locaties.change_location")
    column_groups = (DAY_COLUMNS,)
    columns = [
        Column(
            "slug",
            gettext_lazy(
                "Optional. The place's web address, like huis-de-linde. Empty: made from the "
                "name. A place with this slug is updated; otherwise a new place is made. Fill it "
                "in to rename an existing place."
            ),
            "",
        ),
        Column(
            "naam",
            gettext_lazy("Required. The name of the place."),
            "Ontmoetingshuis De Linde",
            True,
        ),
        Column(
            "soort",
            gettext_lazy(
                "Required. The kind of place: its name in Dutch or English, or its slug, as in "
                "the admin under Kinds of places. Capitals do not matter."
            ),
            lambda: kind_example(),
            True,
            ("kind",),
        ),
        Column(
            "cluster",
            gettext_lazy("Required. The number or the name of an existing cluster."),
            "1",
            True,
        ),
        Column("status", gettext_lazy("gepland or benoemd; empty means gepland."), "benoemd"),
        Column(
            "gebouw",
            gettext_lazy("Optional. toekomstbestendig or nieuwbouw gepland."),
            "toekomstbestendig",
        ),
        Column(
            "jaar_nieuwbouw",
            gettext_lazy("Optional. The year of the new building, only with nieuwbouw gepland."),
            "",
        ),
        Column(
            "gastorganisaties",
            gettext_lazy(
                "Optional. Names of existing organisations that host the place, separated by commas."
            ),
            "",
        ),
        Column("straat", gettext_lazy("Optional. Street name."), "Lindelaan"),
        Column("huisnummer", gettext_lazy("Optional. House number, with a letter if any."), "12a"),
        Column("postcode", gettext_lazy("Optional. Dutch postcode, like 1234 AB."), "1234 AB"),
        Column("plaats", gettext_lazy("Optional. Town or village."), "Voorbeeldstad"),
        Column(
            "breedtegraad",
            gettext_lazy(
                "Optional. Latitude in degrees (WGS84), like 52.1234; a decimal comma is fine. "
                "Empty: the place is listed, but not shown on the map."
            ),
            "52,1234",
            aliases=("latitude",),
        ),
        Column(
            "lengtegraad",
            gettext_lazy("Optional. Longitude in degrees (WGS84), like 5.1234."),
            "5,1234",
            aliases=("longitude",),
        ),
        Column(
            "beschrijving",
            gettext_lazy("Optional. What the place offers."),
            "Koffie, een krant en een luisterend oor.",
        ),
        Column(
            "telefoon", gettext_lazy("Optional. Phone number, like 012 345 67 89."), "012 345 67 89"
        ),
        Column(
            "e-mail",
            gettext_lazy("Optional. E-mail address."),
            "info@example.org",
            aliases=("email",),
        ),
        Column(
            "website",
            gettext_lazy("Optional. Web address, starting with https://."),
            "https://example.org",
        ),
        *(
            Column(column, format_lazy("{} {}", meaning, _yes_no_help(False)), example)
            for column, _field, meaning, example in PLACE_FLAGS
        ),
        Column(
            "gepubliceerd",
            format_lazy("{} {}", gettext_lazy("Shown on the public site."), _yes_no_help(True)),
            "ja",
        ),
        Column("bron", gettext_lazy("Optional. Where the facts about this place come from."), ""),
        *(
            Column(
                day,
                gettext_lazy(
                    "Opening hours on this day, like 08:30-20:00, or several separated by commas: "
                    "08:30-12:00, 13:00-20:00. Empty: closed. Use 00:00 or 24:00 for midnight. "
                    "Give all seven days or none: the hours in the file replace the place's "
                    "weekly hours."
                ),
                "08:30-12:00, 13:00-20:00"
                if day == "maandag"
                else ("" if day == "zondag" else "08:30-20:00"),
            )
            for day in DAY_COLUMNS
        ),
        Column(
            "begeleid",
            format_lazy(
                "{} {}",
                gettext_lazy("A professional is present during all the opening hours in this row."),
                _yes_no_help(True),
            ),
            "ja",
            aliases=("toezicht",),
        ),
        Column(
            "dicht_op_feestdagen",
            format_lazy(
                "{} {}",
                gettext_lazy("Closed on public holidays such as King's Day."),
                _yes_no_help(True),
            ),
            "ja",
        ),
    ]
    field_columns = {
        "slug": "slug",
        "name": "naam",
        "kind": "soort",
        "cluster": "cluster",
        "status": "status",
        "building_status": "gebouw",
        "new_building_year": "jaar_nieuwbouw",
        "street": "straat",
        "house_number": "huisnummer",
        "postcode": "postcode",
        "city": "plaats",
        "latitude": "breedtegraad",
        "longitude": "lengtegraad",
        "description": "beschrijving",
        "phone": "telefoon",
        "email": "e-mail",
        "website": "website",
        **{field_name: column for column, field_name, _meaning, _example in PLACE_FLAGS},
        "published": "gepubliceerd",
        "source": "bron",
        "closed_on_public_holidays": "dicht_op_feestdagen",
    }
    texts = [
        ("name", "naam"),
        ("street", "straat"),
        ("house_number", "huisnummer"),
        ("postcode", "postcode"),
        ("city", "plaats"),
        ("description", "beschrijving"),
        ("phone", "telefoon"),
        ("email", "e-mail"),
        ("website", "website"),
        ("source", "bron"),
    ]

    def prepare(self):
        self.clusters = {}
        for cluster in Cluster.objects.all():
            self.clusters[str(cluster.number)] = cluster
            self.clusters[cluster.name.lower()] = cluster
            self.clusters[cluster.slug] = cluster
        self.organisations = _organisation_index()
        self.own_clusters = set(scopes.cluster_ids(self.user)) if self.scoped else None
        self.kinds = list(LocationKind.objects.all())
        self.kind_words = {word: kind for kind in self.kinds for word in kind.words}

    def key(self, reader):
        return reader.raw("slug") or slugify(reader.raw("naam"))[:150]

    def key_column(self, reader):
        return "slug" if reader.raw("slug") else "naam"

    def not_yours_message(self):
        return _("This place is in a cluster you do not manage; you cannot change it.")

    def import_row(self, reader):
        slug = self.key(reader)
        existing = Location.objects.filter(slug=slug).first() if slug else None
        creating = existing is None
        if not self.check_rights(reader, existing, creating):
            return None
        place = existing or Location(slug=slug)
        place.slug = slug
        before = _snapshot(place)
        exclude: set[str] = set()
        for field_name, column in self.texts:
            reader.assign(place, field_name, column, cells.text, exclude)
        self._assign_kind(reader, place, exclude)
        reader.assign(
            place,
            "status",
            "status",
            cells.choice(PLACE_STATUS_WORDS, ["gepland", "benoemd"], Location.Status.PLANNED),
            exclude,
        )
        reader.assign(
            place,
            "building_status",
            "gebouw",
            cells.choice(BUILDING_WORDS, ["toekomstbestendig", "nieuwbouw gepland"], ""),
            exclude,
        )
        reader.assign(place, "new_building_year", "jaar_nieuwbouw", cells.integer, exclude)
        reader.assign(place, "latitude", "breedtegraad", cells.coordinate, exclude)
        reader.assign(place, "longitude", "lengtegraad", cells.coordinate, exclude)
        for column, field_name, _meaning, _example in PLACE_FLAGS:
            reader.assign(place, field_name, column, cells.yes_no(False), exclude)
        reader.assign(place, "published", "gepubliceerd", cells.yes_no(True), exclude)
        reader.assign(
            place, "closed_on_public_holidays", "dicht_op_feestdagen", cells.yes_no(True), exclude
        )
        self._assign_cluster(reader, place, exclude)
        hosts = self._hosts(reader)
        week = self._week(reader)
        self.validate(reader, place, exclude)
        if reader.failed:
            return None

        extra = []
        old_hosts = set(place.host_organisations.all()) if place.pk else set()
        if hosts is not ABSENT and set(hosts) != old_hosts:
            extra.append("gastorganisaties")
        old_week = (
            set(place.opening_hours.values_list("weekday", "opens", "closes", "supervised"))
            if place.pk
            else set()
        )
        if week is not ABSENT and set(week) != old_week:
            extra.extend(
                DAY_COLUMNS[day] for day in sorted({row[0] for row in set(week) ^ old_week})
            )
        changes = self.changes(before, place, extra)
        if creating or changes:
            self.save(place)
        if hosts is not ABSENT and set(hosts) != old_hosts:
            _set_related(place.host_organisations, hosts, creating)
        if week is not ABSENT and set(week) != old_week:
            for hours in place.opening_hours.all():
                hours._history_user = self.user
                hours.delete()
            # A week is up to a few dozen rows: two queries, with their history.
            bulk_create_with_history(
                [
                    OpeningHours(
                        location=place,
                        weekday=weekday,
                        opens=opens,
                        closes=closes,
                        supervised=supervised,
                    )
                    for weekday, opens, closes, supervised in week
                ],
                OpeningHours,
                default_user=self.user,
            )
        shown_week = week if week is not ABSENT else sorted(old_week)
        details = " · ".join([str(place.cluster), place.kind.label, _describe_week(shown_week)])
        return self.outcome(reader, place, creating, changes, details)

    def _assign_kind(self, reader, place, exclude):
        """The kind by its slug or its name or plural in Dutch or English, in any case."""
        value = reader.get("soort")
        if value is INVALID or (value is ABSENT and place.kind_id is not None):
            exclude.add("kind")
            return
        if value is ABSENT:
            return  # a new place without the column: the model says the kind is missing
        kind = self.kind_words.get(value.strip().lower()) if value else None
        if not value:
            reader.error("soort", _blank_message())
        elif kind is None:
            reader.error("soort", unknown_kind_message(value, self.kinds))
        else:
            place.kind = kind
        exclude.add("kind")

    def _assign_cluster(self, reader, place, exclude):
        value = reader.get("cluster")
        if value is ABSENT or value is INVALID:
            exclude.add("cluster")
            return
        cluster = _lookup(self.clusters, value) if value else None
        if not value:
            reader.error("cluster", _blank_message())
        elif cluster is None:
            reader.error(
                "cluster",
                _(
                    "There is no cluster “%(value)s”. Give the number or the name of an existing cluster."
                )
                % {"value": value},
            )
        elif self.own_clusters is not None and cluster.pk not in self.own_clusters:
            reader.error(
                "cluster",
                _("You may only import places in your own clusters: %(clusters)s.")
                % {
                    "clusters": get_text_list(
                        [str(c) for c in Cluster.objects.filter(pk__in=self.own_clusters)],
                        _("and"),
                    )
                    or "–"
                },
            )
        else:
            place.cluster = cluster
        # Read from the database just now, or reported: the model need not look it up again.
        exclude.add("cluster")

    def _hosts(self, reader):
        value = reader.get("gastorganisaties", cells.word_list)
        if value is ABSENT or value is INVALID:
            return ABSENT
        hosts = []
        for name in value:
            organisation = _lookup(self.organisations, name)
            if organisation is None:
                reader.error("gastorganisaties", _unknown_organisation(name))
            else:
                hosts.append(organisation)
        return hosts

    def _week(self, reader):
        """The weekly hours as (weekday, opens, closes, supervised), checked like the admin does."""
        if not reader.has(DAY_COLUMNS[0]):
            return ABSENT
        supervised = reader.get("begeleid", cells.yes_no(True))
        supervised = True if supervised in (ABSENT, INVALID) else supervised
        week = []
        for weekday, column in enumerate(DAY_COLUMNS):
            intervals = reader.get(column, cells.hours)
            if intervals is INVALID:
                continue
            day = []
            for opens, closes in intervals:
                hours = OpeningHours(
                    weekday=weekday, opens=opens, closes=closes, supervised=supervised
                )
                try:
                    # Without a place, clean() checks the interval but not the saved hours,
                    # which this row replaces.
                    # The constraint repeats clean()'s interval check in SQL: skipped.
                    hours.full_clean(
                        exclude=["location"], validate_unique=False, validate_constraints=False
                    )
                except ValidationError as exc:
                    for messages in exc.message_dict.values():
                        for message in messages:
                            reader.error(column, message)
                    continue
                day.append(hours.interval)
            overlap = opening.find_overlap(day)
            if overlap:
                reader.error(column, opening.overlap_message(Weekday(weekday).label, overlap))
            week.extend((weekday, i.opens, i.closes, i.supervised) for i in day)
        return week


def _describe_week(week) -> str:
    by_day = defaultdict(list)
    for weekday, opens, closes, _supervised in sorted(week):
        by_day[weekday].append(f"{opens:%H:%M}–{closes:%H:%M}")
    if not by_day:
        return _("no opening hours")
    return "; ".join(f"{WEEKDAYS_ABBR[day]} {', '.join(times)}" for day, times in by_day.items())


def _set_related(manager, objects, creating: bool) -> None:
    # A new object has no relations yet: add() skips the query set() makes to compare.
    if creating:
        manager.add(*objects)
    else:
        manager.set(objects)


def _blank_message() -> str:
    """What the model says about an empty required field, so the import says it alike."""
    return str(models.Field.default_error_messages["blank"])


def kind_example() -> str:
    """An existing kind for the template's example row, so that the example imports."""
    return LocationKind.objects.values_list("name_nl", flat=True).first() or "dorpshuis"


def unknown_kind_message(value: str, kinds) -> str:
    """'There is no kind “x”', naming the kinds that exist (or saying there are none yet)."""
    if not kinds:
        return _(
            "There is no kind of place “%(value)s”: no kinds of places have been made yet. A "
            "functional administrator adds them in the admin under Kinds of places."
        ) % {"value": value}
    return _(
        "There is no kind of place “%(value)s”. Choose one of: %(kinds)s (the name in Dutch or "
        "English, or the slug)."
    ) % {
        "value": value,
        "kinds": get_text_list([f"{kind.name_nl} ({kind.slug})" for kind in kinds], _("or")),
    }


def _organisation_index() -> dict:
    index = {}
    for organisation in Organisation.objects.all():
        index[organisation.name.lower()] = organisation
        index[organisation.slug] = organisation
    return index


def _unknown_organisation(name: str) -> str:
    return _(
        "There is no organisation “%(value)s”. Give the name of an existing organisation, as "
        "in the admin under Organisations."
    ) % {"value": name}


# --- Activities with their schedule ---------------------------------------------------------

ACTIVITY_STATUS_WORDS = {
    "concept": Activity.Status.DRAFT,
    "draft": Activity.Status.DRAFT,
    "gepubliceerd": Activity.Status.PUBLISHED,
    "published": Activity.Status.PUBLISHED,
    "geannuleerd": Activity.Status.CANCELLED,
    "afgelast": Activity.Status.CANCELLED,
    "cancelled": Activity.Status.CANCELLED,
}
FREQUENCY_WORDS = {
    "eenmalig": Schedule.Frequency.ONCE,
    "once": Schedule.Frequency.ONCE,
    "wekelijks": Schedule.Frequency.WEEKLY,
    "weekly": Schedule.Frequency.WEEKLY,
    "maandelijks": Schedule.Frequency.MONTHLY,
    "monthly": Schedule.Frequency.MONTHLY,
}
MONTH_WEEK_WORDS = {
    "1": 1,
    "eerste": 1,
    "first": 1,
    "2": 2,
    "tweede": 2,
    "second": 2,
    "3": 3,
    "derde": 3,
    "third": 3,
    "4": 4,
    "vierde": 4,
    "fourth": 4,
    "laatste": -1,
    "last": -1,
}
SCHEDULE_COLUMNS = {
    "start_date": "startdatum",
    "start_time": "begintijd",
    "end_time": "eindtijd",
    "frequency": "herhaling",
    "interval": "elke",
    "weekdays": "dagen",
    "month_week": "week_van_de_maand",
    "until": "tot_en_met",
    "count": "aantal_keer",
}


def _optional_yes_no(value: str):
    """ja / nee, or None for an empty cell (the caller decides)."""
    return cells.yes_no(None)(value)


class ActivityImporter(Importer):
    kind = ImportBatch.Kind.ACTIVITIES
    model = Activity
    permissions = ("activiteiten.add_schedule", "activiteiten.delete_schedule")
    any_of = ("activiteiten.add_activity", "activiteiten.change_activity")
    columns = [
        Column(
            "slug",
            gettext_lazy(
                "Optional. The activity's web address, like koffieochtend-de-linde. Empty: made "
                "from the title. An activity with this slug is updated; otherwise a new one is made."
            ),
            "",
        ),
        Column(
            "titel", gettext_lazy("Required. The title of the activity."), "Koffieochtend", True
        ),
        Column(
            "beschrijving",
            gettext_lazy("Optional. What happens, for whom."),
            "Samen koffie drinken en bijpraten.",
        ),
        Column(
            "organisatie",
            gettext_lazy("Required. The name of the organisation that runs it, as in the admin."),
            "Welzijn Voorbeeld",
            True,
        ),
        Column(
            "plek",
            gettext_lazy("Required. The name (or slug) of the place where it happens."),
            "Ontmoetingshuis De Linde",
            True,
        ),
        Column("ruimte", gettext_lazy("Optional. The room in the place."), ""),
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
        Column(
            "ondersteuningsvraag",
            format_lazy(
                "{} {}",
                gettext_lazy("Also for people with a support need."),
                _yes_no_help(False),
            ),
            "ja",
        ),
        Column(
            "gratis",
            gettext_lazy("ja or nee; empty means ja, unless a cost is given."),
            "",
        ),
        Column("kosten", gettext_lazy("Optional. For example: € 2 per time."), "€ 1 per kopje"),
        Column(
            "aanmelden",
            format_lazy("{} {}", gettext_lazy("Registration is needed."), _yes_no_help(False)),
            "nee",
        ),
        Column("hoe_aanmelden", gettext_lazy("Optional. How to join."), ""),
        Column(
            "status",
            gettext_lazy("concept, gepubliceerd or geannuleerd; empty means concept."),
            "gepubliceerd",
        ),
        Column(
            "startdatum",
            gettext_lazy("Required. The first date, as day-month-year (31-12-2026) or 2026-12-31."),
            "06-01-2026",
            True,
        ),
        Column("begintijd", gettext_lazy("Required. Start time, like 10:00."), "10:00", True),
        Column(
            "eindtijd",
            gettext_lazy("Required. End time, like 12:00 (00:00 for midnight)."),
            "12:00",
            True,
        ),
        Column(
            "herhaling",
            gettext_lazy("Required. eenmalig, wekelijks or maandelijks."),
            "wekelijks",
            True,
        ),
        Column(
            "dagen",
            gettext_lazy(
                "For wekelijks and maandelijks: the days, like ma, wo (ma di wo do vr za zo). "
                "Empty for eenmalig."
            ),
            "di",
        ),
        Column("elke", gettext_lazy("Every 1, 2, 3 … weeks or months; empty means 1."), "1"),
        Column(
            "week_van_de_maand",
            gettext_lazy("For maandelijks: 1, 2, 3, 4 or laatste (e.g. every first Tuesday)."),
            "",
        ),
        Column(
            "tot_en_met",
            gettext_lazy("Optional. The last date. Fill in this or aantal_keer, or neither."),
            "",
        ),
        Column("aantal_keer", gettext_lazy("Optional. The number of times."), ""),
        Column(
            "laatst_gecontroleerd",
            gettext_lazy(
                "Optional. The day the facts of this activity were last checked, like "
                "31-12-2026. Empty, or no such column: the day of the import, for a new "
                "activity and for one the row changes; an activity the row leaves unchanged "
                "keeps its date."
            ),
            "",
            aliases=("gecontroleerd",),
        ),
    ]
    field_columns = {
        "slug": "slug",
        "title": "titel",
        "description": "beschrijving",
        "organiser": "organisatie",
        "location": "plek",
        "room": "ruimte",
        "support_need_welcome": "ondersteuningsvraag",
        "is_free": "gratis",
        "cost": "kosten",
        "registration_required": "aanmelden",
        "registration_info": "hoe_aanmelden",
        "status": "status",
        "last_verified": "laatst_gecontroleerd",
    }

    def prepare(self):
        self.imported: dict[int, Activity] = {}
        self.today = timezone.localdate()
        self.organisations = _organisation_index()
        self.places_by_slug = {}
        self.places_by_name = defaultdict(list)
        for place in Location.objects.select_related("cluster"):
            self.places_by_slug[place.slug] = place
            self.places_by_name[place.name.strip().lower()].append(place)
        self.themes = _vocabulary_index(Theme)
        self.groups = _vocabulary_index(TargetGroup)
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
        slug = self.key(reader)
        existing = Activity.objects.filter(slug=slug).first() if slug else None
        creating = existing is None
        if not self.check_rights(reader, existing, creating):
            return None
        activity = existing or Activity(slug=slug)
        before = _snapshot(activity)
        exclude: set[str] = set()
        for field_name, column in [
            ("title", "titel"),
            ("description", "beschrijving"),
            ("room", "ruimte"),
            ("cost", "kosten"),
            ("registration_info", "hoe_aanmelden"),
        ]:
            reader.assign(activity, field_name, column, cells.text, exclude)
        reader.assign(
            activity, "support_need_welcome", "ondersteuningsvraag", cells.yes_no(False), exclude
        )
        reader.assign(activity, "registration_required", "aanmelden", cells.yes_no(False), exclude)
        free = reader.get("gratis", _optional_yes_no)
        if free is INVALID:
            exclude.add("is_free")
        elif free is not ABSENT or creating:
            # An empty cell follows the cost: with a price it is not free.
            activity.is_free = (not activity.cost) if free in (None, ABSENT) else free
        reader.assign(
            activity,
            "status",
            "status",
            cells.choice(
                ACTIVITY_STATUS_WORDS,
                ["concept", "gepubliceerd", "geannuleerd"],
                Activity.Status.DRAFT,
            ),
            exclude,
        )
        self._assign_organiser(reader, activity, exclude)
        self._assign_place(reader, activity, exclude)
        themes = self._vocabulary(reader, "themas", self.themes, _unknown_theme)
        groups = self._vocabulary(reader, "doelgroepen", self.groups, _unknown_group)
        schedule = self._schedule(reader)
        verified = self._last_verified(reader, activity, exclude)
        self.validate(reader, activity, exclude)
        if reader.failed:
            return None

        extra = []
        old_themes = set(activity.themes.all()) if activity.pk else set()
        old_groups = set(activity.target_groups.all()) if activity.pk else set()
        if themes is not ABSENT and set(themes) != old_themes:
            extra.append("themas")
        if groups is not ABSENT and set(groups) != old_groups:
            extra.append("doelgroepen")
        old_schedules = list(activity.schedules.all()) if activity.pk else []
        schedule_changed = [_schedule_values(s) for s in old_schedules] != [
            _schedule_values(schedule)
        ]
        if schedule_changed:
            extra.extend(_changed_schedule_columns(old_schedules, schedule))
        changes = self.changes(before, activity, extra)
        if verified is None and (creating or changes):
            # Whoever imports a new or changed activity has just given its facts.
            activity.last_verified = self.today
            changes = self.changes(before, activity, extra)
        if creating or changes:
            self.save(activity)
        self.imported[reader.number] = activity
        if themes is not ABSENT and set(themes) != old_themes:
            _set_related(activity.themes, themes, creating)
        if groups is not ABSENT and set(groups) != old_groups:
            _set_related(activity.target_groups, groups, creating)
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
        return self.outcome(reader, activity, creating, changes, details)

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

    def _assign_organiser(self, reader, activity, exclude):
        value = reader.get("organisatie")
        if value in (ABSENT, INVALID):
            exclude.add("organiser")
            return
        organisation = _lookup(self.organisations, value) if value else None
        if not value:
            reader.error("organisatie", _blank_message())
        elif organisation is None:
            reader.error("organisatie", _unknown_organisation(value))
        elif self.own_organisations is not None and organisation.pk not in self.own_organisations:
            reader.error(
                "organisatie",
                _("You may only import activities of your own organisations: %(organisations)s.")
                % {
                    "organisations": get_text_list(
                        [
                            str(o)
                            for o in Organisation.objects.filter(pk__in=self.own_organisations)
                        ],
                        _("and"),
                    )
                    or "–"
                },
            )
        else:
            activity.organiser = organisation
        # Read from the database just now, or reported: the model need not look it up again.
        exclude.add("organiser")

    def _assign_place(self, reader, activity, exclude):
        value = reader.get("plek")
        # Read from the database just now, or reported: the model need not look it up again.
        exclude.add("location")
        if value in (ABSENT, INVALID):
            return
        if not value:
            reader.error("plek", _blank_message())
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

    def _vocabulary(self, reader, column, index, unknown):
        words = reader.get(column, cells.word_list)
        if words in (ABSENT, INVALID):
            return ABSENT
        found = []
        for word in words:
            entry = _lookup(index, word)
            if entry is None:
                reader.error(column, unknown(word))
            elif entry not in found:
                found.append(entry)
        return found

    def _schedule(self, reader) -> Schedule:
        schedule = Schedule(interval=1)
        exclude = {"activity"}
        assign = reader.assign
        assign(schedule, "start_date", "startdatum", cells.date, exclude)
        assign(schedule, "start_time", "begintijd", cells.time, exclude)
        assign(schedule, "end_time", "eindtijd", cells.time, exclude)
        assign(
            schedule,
            "frequency",
            "herhaling",
            cells.choice(FREQUENCY_WORDS, ["eenmalig", "wekelijks", "maandelijks"], ""),
            exclude,
        )
        assign(schedule, "weekdays", "dagen", cells.weekdays, exclude)
        if assign(schedule, "interval", "elke", cells.integer, exclude) is None:
            schedule.interval = 1
        assign(
            schedule,
            "month_week",
            "week_van_de_maand",
            cells.choice(MONTH_WEEK_WORDS, ["1", "2", "3", "4", "laatste"]),
            exclude,
        )
        assign(schedule, "until", "tot_en_met", cells.date, exclude)
        assign(schedule, "count", "aantal_keer", cells.integer, exclude)
        try:
            # schedules.validate() (in clean) covers both check constraints with better
            # messages; checking them again costs two queries per row.
            schedule.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            # A schedule problem that concerns no single column (no dates at all) goes
            # with the first date, where the fix usually starts.
            reader.validation_errors(exc, SCHEDULE_COLUMNS, default="startdatum")
        return schedule


def _schedule_values(schedule: Schedule) -> tuple:
    return (
        schedule.start_date,
        schedule.start_time,
        schedule.end_time,
        schedule.frequency,
        schedule.interval or 1,
        sorted(schedule.weekdays or []),
        schedule.month_week,
        schedule.until,
        schedule.count,
    )


def _changed_schedule_columns(old_schedules: list[Schedule], schedule: Schedule) -> list[str]:
    if len(old_schedules) != 1:
        # None, or several that the one schedule of the row replaces: all of it changes.
        return list(SCHEDULE_COLUMNS.values())
    return [
        column
        for column, old, new in zip(
            SCHEDULE_COLUMNS.values(),
            _schedule_values(old_schedules[0]),
            _schedule_values(schedule),
            strict=True,
        )
        if old != new
    ]


def _vocabulary_index(model) -> dict:
    index = {}
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


IMPORTERS: dict[str, type[Importer]] = {
    importer.kind: importer for importer in (ClusterImporter, PlaceImporter, ActivityImporter)
}


def allowed_kinds(user) -> list[str]:
    """The kinds of file this user may import, in the order of ImportBatch.Kind."""
    return [kind for kind in ImportBatch.Kind.values if IMPORTERS[kind].may_import(user)]
