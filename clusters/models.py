from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ontmoeting.geo import validate_area
from ontmoeting.text import one_line_field


class ClusterQuerySet(models.QuerySet):
    def example_data_present(self) -> bool:
        """Whether demo (invented) clusters are loaded, so pages must say so."""
        return self.filter(is_example=True).exists()


class Cluster(models.Model):
    """An ontmoetingscluster: a part of the city with its own meeting places."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = one_line_field(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    area = models.JSONField(
        _("area"),
        null=True,
        blank=True,
        validators=[validate_area],
        help_text=_("Optional: a GeoJSON Polygon or MultiPolygon in WGS84 (longitude, latitude)."),
    )
    is_example = models.BooleanField(
        _("example data"),
        default=False,
        help_text=_("Invented for the demo; pages show a notice while such data is loaded."),
    )

    history = HistoricalRecords()
    objects = ClusterQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")

    def __str__(self) -> str:
        return self.label(self.number, self.name)

    def get_absolute_url(self) -> str:
        return reverse("clusters:detail", kwargs={"slug": self.slug})

    @staticmethod
    def label(number: int, name: str) -> str:
        """How a cluster is named in lists: '3. Enschede-Noord'."""
        return f"{number}. {name}"
