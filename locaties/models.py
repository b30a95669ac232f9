import datetime
import math
import re

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, ExpressionWrapper, F, FloatField, OuterRef, Q
from django.db.models.functions import ASin, Cast, Cos, Lower, Power, Radians, Sin, Sqrt
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ontmoeting.dates import in_range_condition, validate_in_range
from ontmoeting.geo import (
    EARTH_RADIUS_KM,
    validate_latitude_in_netherlands,
    validate_longitude_in_netherlands,
)
from ontmoeting.text import validate_one_line

from . import opening

POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")
MIDNIGHT = datetime.time(0, 0)


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


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        """Organisations that organise a published activity at a published place, or host a
        published place, annotated with ``activity_count`` (those published activities).

        The others (a partner with nothing public yet) are not part of the open data.
        """
        # The status by its stored value: places sit below activities and do not import them.
        published = Q(activities__status="published", activities__location__published=True)
        hosts_published = Exists(
            Location.objects.published().filter(host_organisations=OuterRef("pk"))
        )
        return self.annotate(
            activity_count=Count("activities", filter=published, distinct=True)
        ).filter(Q(activity_count__gt=0) | hosts_published)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        WELFARE = "welfare", _("welfare organisation")
        HOUSING = "housing", _("housing corporation")
        SPORTS_CLUB = "sports_club", _("sports club")
        CARE = "care", _("care provider")
        MUNICIPALITY = "municipality", _("municipality")
        ASSOCIATION = "association", _("association")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=150, unique=True, validators=[validate_one_line])
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_one_line])
    website = models.URLField(_("website"), blank=True)

    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class MarkerIcon(models.TextChoices):
    """The shipped marker icons (``static/img/markers/<value>.svg``): chosen, never uploaded,
    because an uploaded SVG can carry script. Each has its own outline and symbol, so they
    are told apart by shape, not by colour alone."""

    SPORTS_PARK = "sports_park", _("sports park (ball in a circle)")
    COMMUNITY_HOUSE = "community_house", _("community house (house)")
    PLAYGROUND = "playground", _("playground (swing in a triangle)")
    PETTING_FARM = "petting_farm", _("petting farm (animal in a diamond)")
    VILLAGE_HALL = "village_hall", _("village hall (hall with a tower)")
    LIBRARY = "library", _("library (book in a square)")
    COMMUNITY_GARDEN = "community_garden", _("community garden (leaf in a hexagon)")
    PARK = "park", _("park (tree in a rounded square)")
    SQUARE = "square", _("square or bench (bench in a wide rectangle)")
    CHURCH_HALL = "church_hall", _("church hall (arch with a cross)")
    CARE_HOME = "care_home", _("care home living room (heart in a shield)")
    CLUB_CANTEEN = "club_canteen", _("club canteen (cup in an octagon)")
    OTHER = "other", _("other (dot in a drop)")


class SchemaType(models.TextChoices):
    """schema.org types a meeting place can be (https://schema.org/Place and below)."""

    PLACE = "Place", _("Place (any place)")
    CIVIC_STRUCTURE = "CivicStructure", _("CivicStructure (public building or space)")
    EVENT_VENUE = "EventVenue", _("EventVenue (a venue for events)")
    GOVERNMENT_BUILDING = "GovernmentBuilding", _("GovernmentBuilding (municipal building)")
    LIBRARY = "Library", _("Library")
    PARK = "Park", _("Park")
    PLAYGROUND = "Playground", _("Playground")
    PLACE_OF_WORSHIP = "PlaceOfWorship", _("PlaceOfWorship (church, mosque …)")
    SPORTS_ACTIVITY_LOCATION = (
        "SportsActivityLocation",
        _("SportsActivityLocation (sports park, club house)"),
    )
    ZOO = "Zoo", _("Zoo (also a petting farm)")
    RESIDENCE = "Residence", _("Residence (e.g. a care home)")
    LOCAL_BUSINESS = "LocalBusiness", _("LocalBusiness (a café, a shop …)")


class LocationKindQuerySet(models.QuerySet):
    def with_place_count(self):
        return self.annotate(place_count=Count("locations"))


class LocationKind(models.Model):
    """A kind of meeting place (ontmoetingspark, dorpshuis, bibliotheek …): data, not code.

    Each municipality has its own; a new installation starts with none. The optional norm
    says on which days and hours a place of this kind should be open (and supervised).
    """

    slug = models.SlugField(
        _("slug"),
        max_length=50,
        unique=True,
        help_text=_("Used in web addresses and the API, like dorpshuis. Change it rarely."),
    )
    name_nl = models.CharField(_("name in Dutch"), max_length=80, validators=[validate_one_line])
    plural_nl = models.CharField(
        _("plural in Dutch"), max_length=80, validators=[validate_one_line]
    )
    name_en = models.CharField(_("name in English"), max_length=80, validators=[validate_one_line])
    plural_en = models.CharField(
        _("plural in English"), max_length=80, validators=[validate_one_line]
    )
    icon = models.CharField(
        _("marker icon"), max_length=30, choices=MarkerIcon.choices, default=MarkerIcon.OTHER
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first in lists and the legend.")
    )
    schema_type = models.CharField(
        _("schema.org type"),
        max_length=40,
        choices=SchemaType.choices,
        default=SchemaType.PLACE,
        help_text=_("How search engines are told what kind of place this is."),
    )
    norm_weekdays = ArrayField(
        models.PositiveSmallIntegerField(choices=Weekday.choices),
        verbose_name=_("norm: days"),
        default=list,
        blank=True,
        help_text=_("Leave the days and times empty for no norm."),
    )
    norm_opens = models.TimeField(_("norm: open from"), null=True, blank=True)
    norm_closes = models.TimeField(
        _("norm: open until"),
        null=True,
        blank=True,
        help_text=_("00:00 means midnight, at the end of the day."),
    )
    norm_supervised = models.BooleanField(
        _("norm: supervised"),
        default=True,
        help_text=_("A professional must be present during the norm's hours."),
    )

    history = HistoricalRecords()
    objects = LocationKindQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name_nl", "pk"]
        verbose_name = _("kind of place")
        verbose_name_plural = _("kinds of places")
        constraints = [
            models.UniqueConstraint(Lower("name_nl"), name="location_kind_unique_name_nl"),
            models.UniqueConstraint(Lower("name_en"), name="location_kind_unique_name_en"),
            models.CheckConstraint(
                condition=(
                    Q(norm_weekdays=[], norm_opens__isnull=True, norm_closes__isnull=True)
                    | (
                        ~Q(norm_weekdays=[])
                        & Q(norm_opens__isnull=False, norm_closes__isnull=False)
                        & (Q(norm_closes__gt=F("norm_opens")) | Q(norm_closes=MIDNIGHT))
                    )
                ),
                name="location_kind_norm_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the language of the request (Dutch unless it is English)."""
        return self.name_en if _english() else self.name_nl

    @property
    def plural_label(self) -> str:
        return self.plural_en if _english() else self.plural_nl

    def count_label(self, count: int) -> str:
        """'1 ontmoetingspark', '12 ontmoetingsparken'."""
        return f"{count} {self.label if count == 1 else self.plural_label}"

    @property
    def icon_path(self) -> str:
        """The icon's path for ``static()``; an unknown value (a removed icon) falls back."""
        icon = self.icon if self.icon in MarkerIcon.values else MarkerIcon.OTHER
        return f"img/markers/{icon}.svg"

    @property
    def icon_url(self) -> str:
        return static(self.icon_path)

    @property
    def words(self) -> list[str]:
        """Every word an import accepts for this kind: slug, names and plurals, lower case."""
        return list(
            dict.fromkeys(
                word.strip().lower()
                for word in (
                    self.slug,
                    self.name_nl,
                    self.plural_nl,
                    self.name_en,
                    self.plural_en,
                )
                if word and word.strip()
            )
        )

    @property
    def has_norm(self) -> bool:
        return bool(self.norm_weekdays) and None not in (self.norm_opens, self.norm_closes)

    @property
    def norm(self) -> "opening.Norm | None":
        if not self.has_norm:
            return None
        return opening.Norm(
            weekdays=tuple(sorted(set(self.norm_weekdays))),
            opens=self.norm_opens,
            closes=self.norm_closes,
            supervised=self.norm_supervised,
        )

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        self.norm_weekdays = sorted(set(self.norm_weekdays or []))
        times = (self.norm_opens, self.norm_closes)
        if self.norm_weekdays or any(t is not None for t in times):
            # Half a norm is no norm: say so on each part that is missing.
            missing = [
                name
                for name, value in (
                    ("norm_weekdays", self.norm_weekdays),
                    ("norm_opens", self.norm_opens),
                    ("norm_closes", self.norm_closes),
                )
                if value in (None, [])
            ]
            for name in missing:
                errors.setdefault(name, []).append(
                    ValidationError(
                        _(
                            "A norm needs days, an opening and a closing time; or leave all "
                            "three empty."
                        ),
                        code="incomplete_norm",
                    )
                )
        if None not in times:
            try:
                _validate_interval(*times, field="norm_closes")
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    errors.setdefault(name, []).extend(messages)
        # An import finds a kind by any of its words: two kinds must never share one.
        taken = {}
        for other in LocationKind.objects.exclude(pk=self.pk):
            for word in other.words:
                taken.setdefault(word, other)
        for name in ("slug", "name_nl", "plural_nl", "name_en", "plural_en"):
            word = (getattr(self, name) or "").strip().lower()
            if word and word in taken:
                errors.setdefault(name, []).append(
                    ValidationError(
                        _("“%(word)s” is already used by the kind “%(kind)s”.")
                        % {"word": getattr(self, name).strip(), "kind": taken[word].name_nl},
                        code="word_taken",
                    )
                )
        if errors:
            raise ValidationError(errors)


def _english() -> bool:
    return (get_language() or "").startswith("en")


class LocationQuerySet(models.QuerySet):
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
        return self.exclude(Exists(OpeningHours.objects.filter(location=OuterRef("pk"))))

    def without_supervisor(self):
        """Places that no cluster manager or sports coach covers: none of their cluster,
        and none assigned to the place itself (the same rule as the overviews)."""
        supervisors = Person.objects.supervisors()
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

    @staticmethod
    def _open_condition(
        day: datetime.date, now: datetime.time | None, *, supervised_only: bool
    ) -> Q:
        """Exception > public holiday > weekly hours, as in locaties/opening.py.

        With ``now`` None, any interval that day counts.
        """
        contains_now = (
            Q() if now is None else Q(opens__lte=now) & (Q(closes__gt=now) | Q(closes=MIDNIGHT))
        )
        supervised = Q(supervised=True) if supervised_only else Q()
        covering = OpeningException.objects.filter(
            location=OuterRef("pk"), start_date__lte=day, end_date__gte=day
        )
        weekly = OpeningHours.objects.filter(
            contains_now, supervised, location=OuterRef("pk"), weekday=day.weekday()
        )
        special = covering.filter(
            contains_now, supervised, kind=OpeningException.Kind.SPECIAL_HOURS
        )
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

    name = models.CharField(_("name"), max_length=150, validators=[validate_one_line])
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
    street = models.CharField(
        _("street"), max_length=150, blank=True, validators=[validate_one_line]
    )
    house_number = models.CharField(
        _("house number"), max_length=20, blank=True, validators=[validate_one_line]
    )
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("city"), max_length=100, blank=True, validators=[validate_one_line])
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[validate_latitude_in_netherlands],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[validate_longitude_in_netherlands],
    )
    description = models.TextField(_("description"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_one_line])
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
    source = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("Where the facts about this place come from."),
        validators=[validate_one_line],
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
            models.CheckConstraint(
                condition=in_range_condition("last_verified"),
                name="location_last_verified_in_range",
            ),
        ]

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

        Built once while the rows are prefetched (``Location.objects.with_hours()``), since
        they cannot change until the place is read again; otherwise read afresh each time.
        ``weekly=False`` leaves the weekly hours out (the closure rule needs only exceptions).
        """
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

    def state_at(self, moment: datetime.datetime) -> "opening.OpeningState":
        return opening.state_at(self, moment)

    def hours_on(self, day: datetime.date) -> "opening.DayHours":
        return opening.hours_on(self, day)


def _validate_interval(opens, closes, *, field: str = "closes") -> None:
    if opens is None or closes is None:
        return
    if closes != MIDNIGHT and closes <= opens:
        raise ValidationError(
            {
                field: _(
                    "The closing time must be later than the opening time (use 00:00 for midnight)."
                )
            },
            code="closes_before_opens",
        )


class OpeningHours(models.Model):
    """One weekly interval; a day may have several (e.g. a lunch break)."""

    location = models.ForeignKey(
        Location, verbose_name=_("place"), on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(
        _("closes"), help_text=_("00:00 means midnight, at the end of the day.")
    )
    supervised = models.BooleanField(
        _("supervised"), default=True, help_text=_("A professional is present during these hours.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")) | Q(closes=MIDNIGHT),
                name="opening_hours_closes_after_opens",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    @property
    def interval(self) -> "opening.Interval":
        return opening.Interval(self.opens, self.closes, self.supervised)

    def clean(self) -> None:
        super().clean()
        _validate_interval(self.opens, self.closes)
        if (
            self.location_id is None
            or self.opens is None
            or self.closes is None
            or self.weekday is None
        ):
            return
        siblings = OpeningHours.objects.filter(
            location_id=self.location_id, weekday=self.weekday
        ).exclude(pk=self.pk)
        overlap = opening.find_overlap([self.interval, *(s.interval for s in siblings)])
        if overlap:
            raise ValidationError(
                opening.overlap_message(self.get_weekday_display(), overlap), code="overlap"
            )


class OpeningException(models.Model):
    """A date or date range with other hours than usual: closed, or special hours."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("closed")
        SPECIAL_HOURS = "special_hours", _("special hours")

    location = models.ForeignKey(
        Location, verbose_name=_("place"), on_delete=models.CASCADE, related_name="exceptions"
    )
    start_date = models.DateField(_("from"), validators=[validate_in_range])
    end_date = models.DateField(
        _("until and including"),
        blank=True,
        help_text=_("Leave empty for one day."),
        validators=[validate_in_range],
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CLOSED)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    supervised = models.BooleanField(_("supervised"), default=False)
    reason = models.CharField(
        _("reason"), max_length=200, blank=True, validators=[validate_one_line]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["start_date", "opens"]
        verbose_name = _("exception to the opening hours")
        verbose_name_plural = _("exceptions to the opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="exception_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(kind="closed") | Q(opens__isnull=False, closes__isnull=False),
                name="exception_special_hours_have_times",
            ),
            # See ontmoeting/dates.py.
            models.CheckConstraint(
                condition=in_range_condition("start_date"), name="exception_start_date_in_range"
            ),
            models.CheckConstraint(
                condition=in_range_condition("end_date"), name="exception_end_date_in_range"
            ),
        ]

    def __str__(self) -> str:
        period = f"{self.start_date:%d-%m-%Y}"
        if self.end_date and self.end_date != self.start_date:
            period += f" – {self.end_date:%d-%m-%Y}"
        return f"{period}: {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.end_date is None:
            self.end_date = self.start_date
        super().save(*args, **kwargs)

    def covers(self, day: datetime.date) -> bool:
        return self.start_date <= day <= (self.end_date or self.start_date)

    @property
    def interval(self) -> "opening.Interval | None":
        if self.kind != self.Kind.SPECIAL_HOURS or self.opens is None or self.closes is None:
            return None
        return opening.Interval(self.opens, self.closes, self.supervised)

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        if self.kind == self.Kind.SPECIAL_HOURS:
            missing = {
                name: _("Special hours need an opening and a closing time.")
                for name in ("opens", "closes")
                if getattr(self, name) is None
            }
            if missing:
                raise ValidationError(missing)
            _validate_interval(self.opens, self.closes)
        elif self.opens or self.closes:
            raise ValidationError(
                _("A closed day has no opening times; choose 'special hours' instead.")
            )


class PersonQuerySet(models.QuerySet):
    def supervisors(self):
        """The professionals who supervise places (see :attr:`Person.SUPERVISOR_ROLES`)."""
        return self.filter(role__in=Person.SUPERVISOR_ROLES)

    def at_location(self, location):
        """People at a place: those assigned to it and the supervisors of its cluster."""
        return (
            self.filter(
                Q(locations=location)
                | Q(
                    clusters=location.cluster_id,
                    role__in=Person.SUPERVISOR_ROLES,
                )
            )
            .select_related("organisation")
            .distinct()
            .order_by("role", "name")
        )

    def for_cluster(self, cluster):
        return self.filter(clusters=cluster).select_related("organisation").order_by("role", "name")


class Person(models.Model):
    """Someone who runs or supervises places: cluster manager, sports coach, host …

    What the public sees of a person is one rule, for the place, cluster and activity
    pages, the weekly sheet and the API alike: the **name, role and organisation** always,
    because residents need to know who is there; the **phone number and e-mail address**
    only when ``contact_public`` is set. Public surfaces read the contact details through
    :attr:`public_phone` and :attr:`public_email` only, never ``phone`` and ``email``.
    """

    class Role(models.TextChoices):
        CLUSTER_MANAGER = "cluster_manager", _("cluster manager")
        SPORTS_COACH = "sports_coach", _("sports coach")
        HOST = "host", _("host")
        VOLUNTEER_COORDINATOR = "volunteer_coordinator", _("volunteer coordinator")
        OTHER = "other", _("other")

    # The professionals who supervise a place: all of their cluster's places, or the ones
    # they are assigned to. The one list of them; read it through the querysets'
    # supervisors() or :attr:`is_supervisor`.
    SUPERVISOR_ROLES = (Role.CLUSTER_MANAGER, Role.SPORTS_COACH)

    name = models.CharField(_("name"), max_length=150, validators=[validate_one_line])
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_one_line])
    email = models.EmailField(_("e-mail"), blank=True)
    contact_public = models.BooleanField(
        _("contact details public"),
        default=False,
        help_text=_("Only then are the phone number and e-mail address shown on the public pages."),
    )
    clusters = models.ManyToManyField(
        "clusters.Cluster", verbose_name=_("clusters"), related_name="people", blank=True
    )
    locations = models.ManyToManyField(
        Location, verbose_name=_("places"), related_name="people", blank=True
    )

    history = HistoricalRecords(m2m_fields=[clusters, locations])
    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def is_supervisor(self) -> bool:
        return self.role in self.SUPERVISOR_ROLES

    @property
    def public_phone(self) -> str:
        """The phone number for the public: empty unless the details are marked public."""
        return self.phone if self.contact_public else ""

    @property
    def public_email(self) -> str:
        """The e-mail address for the public: empty unless the details are marked public."""
        return self.email if self.contact_public else ""
