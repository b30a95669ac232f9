from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from solo.models import SingletonModel

from ontmoeting.geo import coordinate_field

from .validators import validate_credit, validate_tiles_url

MAX_ZOOM = 19
WEB_URL = URLValidator(schemes=["https", "http"])


def holiday_countries() -> list[tuple[str, str]]:
    """The countries whose public holidays the ``holidays`` package knows, by name."""
    from holidays.registry import COUNTRIES

    pairs = {(codes[1], f"{codes[1]} – {codes[0]}") for codes in COUNTRIES.values()}
    return sorted(pairs, key=lambda pair: pair[1])


def _credit_field(verbose_name, **options) -> models.CharField:
    """The credit line of a map layer: text and links only (see validate_credit)."""
    return models.CharField(
        verbose_name, max_length=500, blank=True, validators=[validate_credit], **options
    )


def _web_address_field(verbose_name, help_text) -> models.CharField:
    """The address of a page of the municipality's own that the footer links to."""
    return models.CharField(
        verbose_name, max_length=500, blank=True, validators=[WEB_URL], help_text=help_text
    )


class SiteSettings(SingletonModel):
    """The settings of the site that a functional administrator keeps up in the admin.

    Every field may be left empty: the environment variable of the same meaning (see the
    README, "Configuration") then holds. Read them through ``instellingen.current()``, never
    from this model: that is cached, applies the fallbacks, and is the one place that will
    pick a row per municipality if one installation ever serves several.
    """

    site_name = models.CharField(_("site name"), max_length=100, blank=True)
    city_name = models.CharField(
        _("municipality"),
        max_length=100,
        blank=True,
        help_text=_("Shown after the site name and in texts such as “Meeting places in …”."),
    )
    map_latitude = coordinate_field(
        _("map centre: latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    map_longitude = coordinate_field(
        _("map centre: longitude"),
        max_digits=9,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    map_zoom = models.PositiveSmallIntegerField(
        _("map zoom level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ZOOM)],
        help_text=_("From 1 (the world) to 19 (a street); 12 shows a town."),
    )
    tiles_url = models.CharField(
        _("map tiles address"),
        max_length=500,
        blank=True,
        validators=[validate_tiles_url],
        help_text=_(
            "The background map, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png. Visitors' "
            "browsers fetch the tiles from this server."
        ),
    )
    tiles_attribution = _credit_field(
        _("map tiles credit"),
        help_text=_(
            "Required by the tiles' supplier, e.g. &copy; <a href=\"https://www.openstreetmap.org/"
            'copyright">OpenStreetMap</a>. Text and links only.'
        ),
    )
    boundaries_shown = models.BooleanField(
        _("show a boundary layer"),
        default=True,
        help_text=_("Visitors may switch on the boundaries (e.g. neighbourhoods) on the map."),
    )
    # Kept in the database, not in a file, so that every app server serves the same layer.
    boundaries = models.JSONField(_("boundary layer"), null=True, blank=True, editable=False)
    boundaries_file_name = models.CharField(
        _("boundary layer file"), max_length=255, blank=True, editable=False
    )
    boundaries_name = models.CharField(
        _("name of the boundary layer"),
        max_length=100,
        blank=True,
        help_text=_("As the map's layer switch shows it, e.g. “Wijken”."),
    )
    boundaries_attribution = _credit_field(_("boundary layer credit"))
    holidays_country = models.CharField(
        _("public holidays of"),
        max_length=3,
        blank=True,
        choices=holiday_countries,
        help_text=_("Places marked “closed on public holidays” are closed on this country's."),
    )
    about_text = models.TextField(
        _("about this site"),
        blank=True,
        help_text=_(
            "Who runs this site and what it is for, shown on the page “About this site” "
            "(plain text; an empty line starts a new paragraph)."
        ),
    )
    contact_url = _web_address_field(
        _("contact page"),
        _("Address of the page where residents can reach you; linked in the footer."),
    )
    privacy_url = _web_address_field(
        _("privacy statement"), _("Address of the privacy statement; linked in the footer.")
    )

    # The layer itself stays out of the history (it may be megabytes); its file name and
    # the other fields show when it changed.
    history = HistoricalRecords(excluded_fields=["boundaries"])

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self) -> str:
        return str(_("Site settings"))
