from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ontmoeting.text import one_line_field

from .. import opening
from .common import MIDNIGHT, validate_interval, weekdays_field


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
    name_nl = one_line_field(_("name in Dutch"), max_length=80)
    plural_nl = one_line_field(_("plural in Dutch"), max_length=80)
    name_en = one_line_field(_("name in English"), max_length=80)
    plural_en = one_line_field(_("plural in English"), max_length=80)
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
    norm_weekdays = weekdays_field(
        _("norm: days"), help_text=_("Leave the days and times empty for no norm.")
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
                validate_interval(*times, field="norm_closes")
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
