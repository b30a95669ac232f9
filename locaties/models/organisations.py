from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ontmoeting.text import one_line_field


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        """Organisations that organise a published activity at a published place, or host a
        published place, annotated with ``activity_count`` (those published activities).

        The others (a partner with nothing public yet) are not part of the open data.
        """
        # The status by its stored value: places sit below activities and do not import them.
        # Reached through the relation, not imported: the place's module imports this one.
        places = self.model._meta.get_field("hosted_locations").related_model
        published = Q(activities__status="published", activities__location__published=True)
        hosts_published = Exists(
            places.objects.published().filter(host_organisations=OuterRef("pk"))
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

    name = one_line_field(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = one_line_field(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)

    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name
