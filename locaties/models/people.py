from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ontmoeting.text import one_line_field

from .organisations import Organisation
from .places import Location


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

    def in_cluster(self, cluster):
        """The people of a cluster (as Location and Activity.objects.in_cluster)."""
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

    name = one_line_field(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    phone = one_line_field(_("phone"), max_length=30, blank=True)
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
