import datetime
import math
import re
from typing import NamedTuple

from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, ExpressionWrapper, F, FloatField, OuterRef, Q
from django.db.models.functions import ASin, Cast, Cos, JSONArray, Power, Radians, Sin, Sqrt
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ontmoeting.dates import in_range_constraints, validate_in_range
from ontmoeting.geo import (
    EARTH_RADIUS_KM,
    coordinate_field,
    validate_latitude_in_netherlands,
    validate_longitude_in_netherlands,
)
from ontmoeting.text import one_line_field

from .. import opening
from .common import MIDNIGHT
from .kinds import LocationKind
from .organisations import Organisation

# The columns with_hours_data() reads of each row of hours, in this order.
WEEKLY_COLUMNS = ("weekday", "opens", "closes", "supervised")
EXCEPTION_COLUMNS = (
    "start_date",
    "end_date",
    "kind",
    "opens",
    "closes",
    "supervised",
    "reason",
    "id",
)


class _ExceptionRow(NamedTuple):
    """An exception read by with_hours_data(), as opening.ExceptionHours.of() reads it."""

    start_date: datetime.date
    end_date: datetime.date
    kind: str
    interval: "opening.Interval | None"
    reason: str
    pk: int


POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")


def validate_postcode(value: str) -> None:
    match = POSTCODE_RE.match(value or "")
    if not match or match.group(2).upper() in {"SA", "SD", "SS"}:
        raise ValidationError(
            _("Enter a Dutch postcode: four digits and two letters, like 1234 AB."),
            code="invalid_postcode",
        )


def normalise_postcode(value: str) -> str:
    match = POSTCODE_RE.match(value or "")
    return f"{match.group(1)} {match.group(2).upper()}" if match else value


class LocationQuerySet(models.QuerySet):
    # The hours and the people of a place are reached through its relations, not imported:
    # their modules import the place, and modules import one way.

    def published(self):
        return self.filter(published=True)

    def in_cluster(self, cluster):
        return self.filter(cluster=cluster)

    def with_coordinates(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    # --- Gaps in the data (the staff start page, beheer/start.py) -------------------------

    def without_coordinates(self):
        """Places that are in the lists but not on the map."""
        return self.filter(Q(latitude__isnull=True) | Q(longitude__isnull=True))

    def without_weekly_hours(self):
        """Places with no weekly opening hours at all (exceptions alone do not count)."""
        weekly = self.model._meta.get_field("opening_hours").related_model
        return self.exclude(Exists(weekly.objects.filter(location=OuterRef("pk"))))

    def without_supervisor(self):
        """Places that no cluster manager or sports coach covers: none of their cluster,
        and none assigned to the place itself (the same rule as the overviews)."""
        person = self.model._meta.get_field("people").related_model
        supervisors = person.objects.supervisors()
        return self.exclude(Exists(supervisors.filter(clusters=OuterRef("cluster_id")))).exclude(
            Exists(supervisors.filter(locations=OuterRef("pk")))
        )

    def open_at(self, moment: datetime.datetime):
        """Places open at ``moment``: the same rules as :func:`opening.state_at`, in SQL."""
        local = timezone.localtime(moment)
        return self.filter(self._open_condition(local.date(), local.time(), supervised_only=False))

    def supervised_at(self, moment: datetime.datetime):
        """Places open *and* supervised by a professional at ``moment``."""
        local = timezone.localtime(moment)
        return self.filter(self._open_condition(local.date(), local.time(), supervised_only=True))

    def open_on(self, day: datetime.date):
        """Places open at some time on ``day``."""
        return self.filter(self._open_condition(day, None, supervised_only=False))

    def with_distance(self, latitude: float, longitude: float):
        """Annotate ``distance_km`` (haversine) from a point and sort nearest first; no place
        without coordinates is dropped, they come last."""
        lat, lon = Radians(Cast("latitude", FloatField())), Radians(Cast("longitude", FloatField()))
        origin_lat, origin_lon = math.radians(latitude), math.radians(longitude)
        half_chord = Power(Sin((lat - origin_lat) / 2), 2) + math.cos(origin_lat) * Cos(
            lat
        ) * Power(Sin((lon - origin_lon) / 2), 2)
        distance = 2 * EARTH_RADIUS_KM * ASin(Sqrt(half_chord))
        return self.annotate(
            distance_km=ExpressionWrapper(distance, output_field=FloatField())
        ).order_by(F("distance_km").asc(nulls_last=True), "name")

    def with_hours(self):
        """Prefetch what the "now" engine reads, so state_at() costs no queries per place."""
        return self.prefetch_related("opening_hours", "exceptions")

    def with_hours_data(self):
        """What the "now" engine reads, as two arrays in the places' own query.

        For lists that show each place's state but not its rows of hours (the home page, a
        cluster's page): no query and no model per row, a quarter of what with_hours() costs
        for a page of 50 places. Location.place_hours() reads them.
        """

        def rows(relation: str, columns: tuple[str, ...]) -> ArraySubquery:
            model = self.model._meta.get_field(relation).related_model
            # The engine sorts what it reads; an order here would only cost a sort per place.
            rows = model.objects.filter(location=OuterRef("pk")).order_by()
            return ArraySubquery(rows.values(row=JSONArray(*columns)))

        return self.annotate(
            weekly_data=rows("opening_hours", WEEKLY_COLUMNS),
            exception_data=rows("exceptions", EXCEPTION_COLUMNS),
        )

    def _open_condition(
        self, day: datetime.date, now: datetime.time | None, *, supervised_only: bool
    ) -> Q:
        """Exception > public holiday > weekly hours, as in locaties/opening/.

        With ``now`` None, any interval that day counts.
        """
        opening_hours = self.model._meta.get_field("opening_hours").related_model
        exceptions = self.model._meta.get_field("exceptions").related_model
        contains_now = (
            Q() if now is None else Q(opens__lte=now) & (Q(closes__gt=now) | Q(closes=MIDNIGHT))
        )
        supervised = Q(supervised=True) if supervised_only else Q()
        covering = exceptions.objects.filter(
            location=OuterRef("pk"), start_date__lte=day, end_date__gte=day
        )
        weekly = opening_hours.objects.filter(
            contains_now, supervised, location=OuterRef("pk"), weekday=day.weekday()
        )
        special = covering.filter(contains_now, supervised, kind=exceptions.Kind.SPECIAL_HOURS)
        regular_applies = ~Exists(covering)
        if opening.public_holiday(day):
            regular_applies &= Q(closed_on_public_holidays=False)
        return (regular_applies & Exists(weekly)) | Exists(special)


class Location(models.Model):
    """A meeting place (ontmoetingsplek) of one of the municipality's kinds."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        DESIGNATED = "designated", _("designated")

    class BuildingStatus(models.TextChoices):
        FUTURE_PROOF = "future_proof", _("future-proof")
        NEW_BUILDING_PLANNED = "new_building_planned", _("new building planned")

    name = one_line_field(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    kind = models.ForeignKey(
        LocationKind,
        verbose_name=_("kind"),
        # A kind in use cannot be deleted (the admin says how many places use it).
        on_delete=models.PROTECT,
        related_name="locations",
    )
    cluster = models.ForeignKey(
        "clusters.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.PROTECT,
        related_name="locations",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    building_status = models.CharField(
        _("building"), max_length=30, choices=BuildingStatus.choices, blank=True
    )
    new_building_year = models.PositiveSmallIntegerField(
        _("year of the new building"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    host_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("host organisations"),
        related_name="hosted_locations",
        blank=True,
    )
    street = one_line_field(_("street"), max_length=150, blank=True)
    house_number = one_line_field(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    city = one_line_field(_("city"), max_length=100, blank=True)
    latitude = coordinate_field(_("latitude"), validators=[validate_latitude_in_netherlands])
    longitude = coordinate_field(_("longitude"), validators=[validate_longitude_in_netherlands])
    description = models.TextField(_("description"), blank=True)
    phone = one_line_field(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    parking = models.BooleanField(_("parking"), default=False)
    public_transport_nearby = models.BooleanField(_("public transport nearby"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    closed_on_public_holidays = models.BooleanField(
        _("closed on public holidays"),
        default=True,
        help_text=_(
            "Closed on Dutch public holidays such as King's Day and Christmas, unless an exception says otherwise."
        ),
    )
    published = models.BooleanField(_("published"), default=True)
    last_verified = models.DateField(
        _("last verified"), null=True, blank=True, validators=[validate_in_range]
    )
    source = one_line_field(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("Where the facts about this place come from."),
    )

    history = HistoricalRecords(m2m_fields=[host_organisations])
    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="location_coordinates_both_or_neither",
            ),
            *in_range_constraints("location", "last_verified"),
        ]
        # The list's order: a page of a region's places is then read in order, not found by
        # sorting all of them (6.5 → 0.3 ms at 5,000 places).
        indexes = [models.Index(fields=["name"], name="location_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("locaties:detail", kwargs={"slug": self.slug})

    def clean_fields(self, exclude=None) -> None:
        # Normalise before the field checks: " 7511  ab " (from an import) is a good
        # postcode, but longer than the field until its spaces are tidied.
        self.postcode = normalise_postcode(self.postcode)
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        super().clean()
        self.postcode = normalise_postcode(self.postcode)
        # Collected, so that one save shows every problem at once.
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            # On the empty field: that is the one to fill in (or the other to clear).
            missing = "latitude" if self.latitude is None else "longitude"
            errors[missing] = ValidationError(
                _("Fill in both latitude and longitude, or neither."), code="half_coordinates"
            )
        if (
            self.building_status != self.BuildingStatus.NEW_BUILDING_PLANNED
            and self.new_building_year
        ):
            errors["new_building_year"] = ValidationError(
                _("A year only applies when a new building is planned."),
                code="year_without_new_building",
            )
        if errors:
            raise ValidationError(errors)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def address(self) -> str:
        street = " ".join(part for part in (self.street, self.house_number) if part)
        town = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (street, town) if part)

    def place_hours(self, *, weekly: bool = True) -> "opening.PlaceHours":
        """The opening-hours engine's data for this place (see :mod:`locaties.opening`).

        Built once while the rows are prefetched (``Location.objects.with_hours()``) or read
        as arrays (``with_hours_data()``), since they cannot change until the place is read
        again; otherwise read afresh each time. ``weekly=False`` leaves the weekly hours out
        (the closure rule needs only exceptions).
        """
        if "weekly_data" in self.__dict__:
            return self._place_hours_from_data()
        cache = getattr(self, "_prefetched_objects_cache", {})
        rows = (cache.get("opening_hours"), cache.get("exceptions"))
        prefetched = None not in rows
        kept = self.__dict__.get("_place_hours")
        if (
            prefetched
            and kept is not None
            and kept[0] is rows[0]
            and kept[1] is rows[1]
            and kept[2].closed_on_public_holidays == self.closed_on_public_holidays
        ):
            return kept[2]
        data = opening.PlaceHours.from_rows(
            self.opening_hours.all() if weekly or prefetched else (),
            self.exceptions.all(),
            closed_on_public_holidays=self.closed_on_public_holidays,
        )
        if prefetched:
            self._place_hours = (*rows, data)
        return data

    def _place_hours_from_data(self) -> "opening.PlaceHours":
        """The engine's data from the arrays of with_hours_data() (times and dates as text)."""
        kept = self.__dict__.get("_place_hours_data")
        if kept is not None and kept.closed_on_public_holidays == self.closed_on_public_holidays:
            return kept
        time, date = datetime.time.fromisoformat, datetime.date.fromisoformat
        weekly = (
            (weekday, opening.Interval(time(opens), time(closes), supervised))
            for weekday, opens, closes, supervised in self.weekly_data
        )
        exceptions = (
            _ExceptionRow(
                start_date=date(first),
                end_date=date(last),
                kind=kind,
                # The database holds the times of special hours (a check constraint).
                interval=opening.Interval(time(opens), time(closes), supervised)
                if kind == "special_hours"
                else None,
                reason=reason,
                pk=pk,
            )
            for first, last, kind, opens, closes, supervised, reason, pk in self.exception_data
        )
        self._place_hours_data = opening.PlaceHours.of(
            weekly, exceptions, closed_on_public_holidays=self.closed_on_public_holidays
        )
        return self._place_hours_data

    def state_at(self, moment: datetime.datetime) -> "opening.OpeningState":
        return opening.state_at(self, moment)

    def hours_on(self, day: datetime.date) -> "opening.DayHours":
        return opening.hours_on(self, day)
