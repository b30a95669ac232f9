"""Places with their weekly opening hours: one place per row, the hours in a column per day."""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from django.core.exceptions import ValidationError
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.text import get_text_list, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from clusters.models import Cluster
from locaties import opening
from locaties.models import Location, LocationKind, OpeningHours, Weekday
from ontmoeting import scopes

from ...models import ImportBatch
from .. import cells
from .base import (
    ABSENT,
    INVALID,
    Column,
    Importer,
    Index,
    columns_by_field,
    names_of,
    organisation_index,
    read_list,
    text_column,
    with_yes_no_help,
    yes_no_column,
)

DAY_COLUMNS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
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


def _coordinate(name, help, example, field) -> Column:
    """Degrees of latitude or longitude; the field's English name is read as a heading too."""
    return Column(name, help, example, aliases=(field,), field=field, parse=cells.coordinate)


def _day(day: str) -> Column:
    return Column(
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
            field="slug",
        ),
        text_column(
            "naam",
            gettext_lazy("Required. The name of the place."),
            "Ontmoetingshuis De Linde",
            "name",
            required=True,
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
            field="kind",
        ),
        Column(
            "cluster",
            gettext_lazy("Required. The number or the name of an existing cluster."),
            "1",
            True,
            field="cluster",
        ),
        Column(
            "status",
            gettext_lazy("gepland or benoemd; empty means gepland."),
            "benoemd",
            field="status",
            parse=cells.choice(PLACE_STATUS_WORDS, ["gepland", "benoemd"], Location.Status.PLANNED),
        ),
        Column(
            "gebouw",
            gettext_lazy("Optional. toekomstbestendig or nieuwbouw gepland."),
            "toekomstbestendig",
            field="building_status",
            parse=cells.choice(BUILDING_WORDS, ["toekomstbestendig", "nieuwbouw gepland"], ""),
        ),
        Column(
            "jaar_nieuwbouw",
            gettext_lazy("Optional. The year of the new building, only with nieuwbouw gepland."),
            "",
            field="new_building_year",
            parse=cells.integer,
        ),
        Column(
            "gastorganisaties",
            gettext_lazy(
                "Optional. Names of existing organisations that host the place, separated by commas."
            ),
            "",
        ),
        text_column("straat", gettext_lazy("Optional. Street name."), "Lindelaan", "street"),
        text_column(
            "huisnummer",
            gettext_lazy("Optional. House number, with a letter if any."),
            "12a",
            "house_number",
        ),
        text_column(
            "postcode",
            gettext_lazy("Optional. Dutch postcode, like 1234 AB."),
            "1234 AB",
            "postcode",
        ),
        text_column("plaats", gettext_lazy("Optional. Town or village."), "Voorbeeldstad", "city"),
        _coordinate(
            "breedtegraad",
            gettext_lazy(
                "Optional. Latitude in degrees (WGS84), like 52.1234; a decimal comma is fine. "
                "Empty: the place is listed, but not shown on the map."
            ),
            "52,1234",
            "latitude",
        ),
        _coordinate(
            "lengtegraad",
            gettext_lazy("Optional. Longitude in degrees (WGS84), like 5.1234."),
            "5,1234",
            "longitude",
        ),
        text_column(
            "beschrijving",
            gettext_lazy("Optional. What the place offers."),
            "Koffie, een krant en een luisterend oor.",
            "description",
        ),
        text_column(
            "telefoon",
            gettext_lazy("Optional. Phone number, like 012 345 67 89."),
            "012 345 67 89",
            "phone",
        ),
        text_column(
            "e-mail",
            gettext_lazy("Optional. E-mail address."),
            "info@example.org",
            "email",
            aliases=("email",),
        ),
        text_column(
            "website",
            gettext_lazy("Optional. Web address, starting with https://."),
            "https://example.org",
            "website",
        ),
        yes_no_column(
            "toegankelijk",
            gettext_lazy("Accessible with a wheelchair."),
            "ja",
            "wheelchair_accessible",
        ),
        yes_no_column(
            "aangepast_toilet",
            gettext_lazy("Has an accessible toilet."),
            "ja",
            "accessible_toilet",
        ),
        yes_no_column("ringleiding", gettext_lazy("Has a hearing loop."), "nee", "hearing_loop"),
        yes_no_column("parkeren", gettext_lazy("Has parking."), "ja", "parking"),
        yes_no_column(
            "ov_dichtbij",
            gettext_lazy("Public transport stops nearby."),
            "ja",
            "public_transport_nearby",
        ),
        yes_no_column(
            "gepubliceerd",
            gettext_lazy("Shown on the public site."),
            "ja",
            "published",
            default=True,
        ),
        text_column(
            "bron",
            gettext_lazy("Optional. Where the facts about this place come from."),
            "",
            "source",
        ),
        *(_day(day) for day in DAY_COLUMNS),
        Column(
            "begeleid",
            with_yes_no_help(
                gettext_lazy("A professional is present during all the opening hours in this row."),
                True,
            ),
            "ja",
            aliases=("toezicht",),
        ),
        yes_no_column(
            "dicht_op_feestdagen",
            gettext_lazy("Closed on public holidays such as King's Day."),
            "ja",
            "closed_on_public_holidays",
            default=True,
        ),
    ]
    field_columns = columns_by_field(columns)

    def prepare(self):
        self.clusters = Index(_unknown_cluster)
        for cluster in Cluster.objects.all():
            self.clusters[str(cluster.number)] = cluster
            self.clusters[cluster.name.lower()] = cluster
            self.clusters[cluster.slug] = cluster
        self.organisations = organisation_index()
        self.own_clusters = set(scopes.cluster_ids(self.user)) if self.scoped else None
        self.kinds = list(LocationKind.objects.all())
        self.kind_words = Index(
            partial(unknown_kind_message, kinds=self.kinds),
            ((word, kind) for kind in self.kinds for word in kind.words),
        )

    def key(self, reader):
        return reader.raw("slug") or slugify(reader.raw("naam"))[:150]

    def key_column(self, reader):
        return "slug" if reader.raw("slug") else "naam"

    def not_yours_message(self):
        return _("This place is in a cluster you do not manage; you cannot change it.")

    def import_row(self, reader):
        edit = self.begin(reader, self.found_or_new(self.key(reader)), self.columns)
        if edit is None:
            return None
        place = edit.obj
        self._assign_kind(reader, edit)
        self.assign_reference(
            reader, edit, "cluster", "cluster", self.clusters, self._not_own_cluster
        )
        hosts = read_list(reader, "gastorganisaties", self.organisations, "host_organisations")
        week = self._week(reader)
        self.validate(reader, edit)
        if reader.failed:
            return None

        extra = [hosts.column] if hosts.compare(edit) else []
        old_week = (
            set(place.opening_hours.values_list("weekday", "opens", "closes", "supervised"))
            if place.pk
            else set()
        )
        if week is not ABSENT and set(week) != old_week:
            extra.extend(
                DAY_COLUMNS[day] for day in sorted({row[0] for row in set(week) ^ old_week})
            )
        changes = self.changes(edit, extra)
        if edit.creating or changes:
            self.save(place)
        hosts.save(edit)
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
        return self.outcome(reader, edit, changes, details)

    def _assign_kind(self, reader, edit):
        """The kind by its slug or its name or plural in Dutch or English, in any case."""
        if not reader.has("soort") and edit.obj.kind_id is None:
            return  # a new place without the column: the model says the kind is missing
        self.assign_reference(reader, edit, "soort", "kind", self.kind_words)

    def _not_own_cluster(self, cluster):
        if self.own_clusters is None or cluster.pk in self.own_clusters:
            return None
        return _("You may only import places in your own clusters: %(clusters)s.") % {
            "clusters": names_of(Cluster.objects.filter(pk__in=self.own_clusters))
        }

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


def _unknown_cluster(value: str) -> str:
    return _(
        "There is no cluster “%(value)s”. Give the number or the name of an existing cluster."
    ) % {"value": value}


def _describe_week(week) -> str:
    by_day = defaultdict(list)
    for weekday, opens, closes, _supervised in sorted(week):
        by_day[weekday].append(f"{opens:%H:%M}–{closes:%H:%M}")
    if not by_day:
        return _("no opening hours")
    return "; ".join(f"{WEEKDAYS_ABBR[day]} {', '.join(times)}" for day, times in by_day.items())


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
