from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _scope(to: str, verbose_name, help_text) -> models.ManyToManyField:
    """Objects that a member's role applies to (read by ontmoeting.scopes); none until chosen."""
    return models.ManyToManyField(
        to, verbose_name=verbose_name, blank=True, related_name="members", help_text=help_text
    )


class Membership(models.Model):
    """What a staff user manages: activities of their organisations, places of their clusters.

    Rights come from the role (a group); membership says *which* objects they apply to.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        # ontmoeting/scopes.py reads a user's organisations and clusters by this name; it
        # sits below every app and cannot import this model.
        related_name="membership",
    )
    organisations = _scope(
        "locaties.Organisation",
        _("organisations"),
        _("A welfare worker manages the activities of these organisations."),
    )
    clusters = _scope(
        "clusters.Cluster",
        _("clusters"),
        _("A cluster manager manages the places, hours and people of these clusters."),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return str(self.user)


class StaffRight(models.Model):
    """Holds permissions that belong to no table, such as seeing the overviews."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_overviews", _("Can see the overviews and staff downloads"))]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class ImportBatchQuerySet(models.QuerySet):
    def stale(self, *, before):
        """Uploads never imported (rejected, or checked and not confirmed) made before
        ``before``: their file and report are of no use any more, and may hold personal data."""
        return self.exclude(status=ImportBatch.Status.IMPORTED).filter(created__lt=before)


class ImportBatch(models.Model):
    """An uploaded spreadsheet: checked first (dry run), then imported as a whole or not at all.

    The file is kept in the database so the confirmation may reach any app server.
    """

    class Kind(models.TextChoices):
        CLUSTERS = "clusters", _("clusters")
        PLACES = "places", _("places with opening hours")
        ACTIVITIES = "activities", _("activities")

    class Status(models.TextChoices):
        CHECKED = "checked", _("checked, not imported yet")
        REJECTED = "rejected", _("rejected")
        IMPORTED = "imported", _("imported")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created = models.DateTimeField(_("uploaded"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CHECKED
    )
    report = models.JSONField(_("report"), default=dict, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"
