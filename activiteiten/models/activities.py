import datetime
import re

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, Max, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from locaties.models import Location, Organisation
from ontmoeting.dates import in_range_constraints, validate_in_range
from ontmoeting.text import one_line_field

from .. import schedules
from .vocabularies import TargetGroup, Theme

# Created in migration 0002: unaccent first, then the Dutch stemmer.
SEARCH_CONFIG = "dutch_unaccent"
SEARCH_WORD = re.compile(r"\w{3,}")
MAX_SEARCH_WORDS = 8


# Named by the package's path, as migration 0008 names it: the module it is defined in is
# the package's own business.
@deconstructible(path="activiteiten.models.Folded")
class Folded(models.Func):
    """UPPER(unaccent(text)), as the ``unaccent__icontains`` lookup compares, but immutable
    (migration 0008), so that it can be stored (:attr:`Activity.folded_title`) and indexed."""

    function = "activiteiten_fold"
    output_field = models.TextField()


class ActivityQuerySet(models.QuerySet):
    # Schedules are reached through the relation, not imported: their module imports the
    # activity, and modules import one way.

    def published(self):
        """Published activities at published places: what residents may see."""
        return self.filter(status=Activity.Status.PUBLISHED, location__published=True)

    def published_organisers(self):
        """The organisations with at least one published activity (at a published place)."""
        # The place's "published" as a scalar subquery, not the join of published(): so
        # PostgreSQL runs the EXISTS per organisation over the organiser index and stops at
        # the first activity. As a join it hashed all of each organisation's activities
        # (35 ms at 50,000 activities, against 0.2 ms).
        place_published = Location.objects.filter(pk=OuterRef("location_id")).values("published")
        activities = self.filter(organiser=OuterRef("pk"), status=Activity.Status.PUBLISHED).filter(
            Subquery(place_published)
        )
        return Organisation.objects.filter(Exists(activities))

    def at_location(self, location):
        return self.filter(location=location)

    def in_cluster(self, cluster):
        return self.filter(location__cluster=cluster)

    def running_between(self, start: datetime.date, end: datetime.date):
        """Activities with a schedule that may have dates between ``start`` and ``end`` (inclusive)."""
        return self.filter(
            Q(schedules__until__isnull=True) | Q(schedules__until__gte=start),
            schedules__start_date__lte=end,
        ).distinct()

    def not_verified_since(self, day: datetime.date):
        """Activities never verified, or last verified before ``day``."""
        return self.filter(Q(last_verified__isnull=True) | Q(last_verified__lt=day))

    def ending_between(self, start: datetime.date, end: datetime.date):
        """Activities whose last date falls between ``start`` and ``end`` (inclusive): every
        schedule ends (none goes on without end), the last of them in that period.

        Annotates ``ends_on``, that last date. Reads the stored ``Schedule.last_date``, so a
        number of times needs no counting here.
        """
        schedule = self.model._meta.get_field("schedules").related_model
        open_ended = schedule.objects.filter(activity=OuterRef("pk"), last_date__isnull=True)
        return (
            self.annotate(ends_on=Max("schedules__last_date"))
            .filter(ends_on__gte=start, ends_on__lte=end)
            .exclude(Exists(open_ended))
        )

    def for_display(self):
        """Everything an agenda line shows, in a fixed number of queries."""
        return self.select_related(
            "location", "location__cluster", "location__kind", "organiser"
        ).prefetch_related("schedules", "cancellations", "themes", "target_groups")

    def with_closures(self):
        """Prefetch the places' exceptions: which days a place is closed, so that its
        activities do not go ahead (schedules.occurrences_of reads them). One query."""
        return self.prefetch_related("location__exceptions")

    def occurrences(
        self, start: datetime.datetime, end: datetime.datetime, *, include_cancelled=False
    ):
        """All occurrences of these activities that overlap [start, end), in time order."""
        # Schedules hold local dates: a window given in UTC may fall on another day there.
        activities = (
            self.running_between(timezone.localdate(start), timezone.localdate(end))
            .for_display()
            .with_closures()
        )
        return schedules.occurrences_of(activities, start, end, include_cancelled=include_cancelled)

    def recent_location_ids(self, user, *, organisation_ids=(), limit: int = 5) -> list[int]:
        """The places where ``user`` works most: those of the activities they saved most
        recently (newest first), then those of their organisations' most recently changed
        activities, ``limit`` at most. Two queries."""
        saved = (
            Activity.history.filter(history_user=user)
            .values("location_id")
            .annotate(last=models.Max("history_date"))
            .order_by("-last", "location_id")
            .values_list("location_id", flat=True)[:limit]
        )
        found = list(dict.fromkeys(saved))
        if len(found) < limit and organisation_ids:
            others = (
                self.filter(organiser__in=organisation_ids)
                .exclude(location_id__in=found)
                .values("location_id")
                .annotate(last=models.Max("updated"))
                .order_by("-last", "location_id")
                .values_list("location_id", flat=True)[: limit - len(found)]
            )
            found.extend(others)
        return found

    def public(self):
        """Published *and* cancelled activities at published places.

        A cancelled activity stays on its own page and in the iCalendar feeds (marked as
        cancelled), so people who bookmarked or subscribed learn that it stopped, instead of
        seeing it silently disappear. The agenda itself lists only :meth:`published`.
        """
        return self.filter(
            status__in=[Activity.Status.PUBLISHED, Activity.Status.CANCELLED],
            location__published=True,
        )

    def search(self, text: str):
        """Dutch full-text search: title (weight A), description (B), place and organiser (C).

        The ``dutch_unaccent`` configuration makes "cafe" find "café" and "wandelen" find
        "wandeling"; ``websearch`` syntax accepts anything people type (quotes, ``-word``,
        stray operators) without a syntax error. Annotates ``search_rank`` for callers that
        want the best matches first.
        """
        # PostgreSQL text cannot hold NUL; forms refuse it, this guards other callers.
        text = (text or "").replace("\x00", "")
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        # The stemmer cannot split Dutch compounds ("koffie" is not a word of "Koffieochtend",
        # "cafe" not of "Taalcafé"), so every typed word found inside the title matches too.
        words = SEARCH_WORD.findall(text)[:MAX_SEARCH_WORDS]
        in_title = Q(pk__in=[])
        if words:
            in_title = Q()
            for word in words:
                in_title &= Q(folded_title__contains=Folded(models.Value(word)))
        return self.filter(Q(search_document=query) | in_title).annotate(
            search_rank=SearchRank(F("search_document"), query)
        )

    def scheduled_on(self, days=(), parts=()):
        """Activities with a schedule on one of ``days`` (0 = Monday) in one of ``parts`` of
        the day, whatever its dates. Read from their stored ``week_slots`` through an index
        that PostgreSQL combines with a search's: the same activities as
        ``with_schedule_in(filters.matching_schedules(days, parts))`` (tests/activiteiten/
        test_week_slots.py), without testing the schedules of each activity a search found
        (12,000 for "koffie" at 20,000 places)."""
        return self.filter(week_slots__overlap=schedules.week_slots(days, parts))

    def with_schedule_in(self, schedule_queryset):
        """Activities that have at least one schedule in ``schedule_queryset``."""
        return self.filter(Exists(schedule_queryset.filter(activity=OuterRef("pk"))))

    def more_than(self, number: int) -> bool:
        """Whether there are more than ``number``, counting no further than that."""
        # Only the keys: an annotation (a search's rank) would be computed for every row.
        return self.order_by().values("pk")[: number + 1].count() > number

    def for_feed(self, schedule_queryset=None, *, since: datetime.date):
        """Activities for an iCalendar feed, with their schedules (from ``schedule_queryset``,
        default all) that still have dates on or after ``since``, all their cancellations
        and their places' exceptions (closed days).

        Activities without such a schedule are left out; four queries in all.
        """
        schedule = self.model._meta.get_field("schedules").related_model
        recent = (
            (schedule_queryset if schedule_queryset is not None else schedule.objects.all())
            .filter(Q(until__isnull=True) | Q(until__gte=since))
            .exclude(frequency=schedule.Frequency.ONCE, start_date__lt=since)
        )
        return (
            self.with_schedule_in(recent)
            .select_related("location", "organiser")
            .prefetch_related(Prefetch("schedules", queryset=recent), "cancellations")
            .with_closures()
        )


# Paths under /activiteiten/ that are pages of the agenda (activiteiten/urls.py), where an
# activity with that slug could never be reached.
PAGE_SLUGS = frozenset({"abonneren"})


def validate_not_a_page(slug: str) -> None:
    if slug in PAGE_SLUGS:
        raise ValidationError(
            _("This web address belongs to another page of the site. Choose another."),
            code="page_slug",
        )


class Activity(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    title = one_line_field(_("title"), max_length=150)
    slug = models.SlugField(
        _("slug"), max_length=170, unique=True, validators=[validate_not_a_page]
    )
    description = models.TextField(_("description"), blank=True)
    organiser = models.ForeignKey(
        "locaties.Organisation",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    location = models.ForeignKey(
        "locaties.Location",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    room = one_line_field(_("room"), max_length=100, blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="activities", blank=True
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), related_name="activities", blank=True
    )
    support_need_welcome = models.BooleanField(
        _("also for people with a support need"),
        default=False,
        help_text=_(
            "People who need some extra help or care can join too (met en zonder ondersteuningsvraag)."
        ),
    )
    is_free = models.BooleanField(_("free"), default=True)
    cost = one_line_field(
        _("cost"), max_length=100, blank=True, help_text=_("For example: € 2 per time.")
    )
    registration_required = models.BooleanField(_("registration needed"), default=False)
    registration_info = models.TextField(_("how to join"), blank=True)
    contact_person = models.ForeignKey(
        "locaties.Person",
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    last_verified = models.DateField(
        _("last verified"), null=True, blank=True, validators=[validate_in_range]
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    # Written by PostgreSQL triggers (migration 0008) whenever the title, the description,
    # the place's or the organiser's name changes, so that a search reads an index instead
    # of building 50,000 documents. Whatever Django writes here is replaced.
    search_document = SearchVectorField(null=True, editable=False)
    # Stored, not folded at query time: the trigram index finds the candidates for "a word
    # inside the title", and PostgreSQL then tests each one again; folding each title for
    # that test cost two thirds of a search (2,900 titles at 50,000 activities).
    folded_title = models.GeneratedField(
        expression=Folded("title"), output_field=models.TextField(), db_persist=True
    )
    # Which days and parts of the day the schedules fall on (schedules.week_slots), written
    # by PostgreSQL triggers (migration 0012) on every write of a schedule, bulk ones and
    # deletions included. Whatever Django writes here is replaced.
    week_slots = ArrayField(
        models.PositiveSmallIntegerField(), default=list, blank=True, editable=False
    )

    history = HistoricalRecords(
        m2m_fields=[themes, target_groups],
        excluded_fields=["search_document", "folded_title", "week_slots"],
    )
    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = in_range_constraints("activity", "last_verified")
        indexes = [
            GinIndex(fields=["search_document"], name="activity_search_document"),
            GinIndex(
                fields=["folded_title"], opclasses=["gin_trgm_ops"], name="activity_folded_title"
            ),
            GinIndex(fields=["week_slots"], name="activity_week_slots"),
            # The order of every list of activities (the API's pages among them): a page
            # of 50 is read in order instead of sorting a region's 200,000 activities.
            models.Index(fields=["title", "id"], name="activity_title"),
            # What the API counts (every published activity at a published place, or those
            # with dates in a week) read from this index alone, not from the wide rows.
            models.Index(
                fields=["location", "id"],
                condition=Q(status="published"),
                name="activity_published_at",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("activiteiten:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.is_free and self.cost:
            raise ValidationError(
                {"cost": _("A free activity has no cost; untick 'free' to give a price.")}
            )

    def occurrences(self, start, end, *, include_cancelled=True):
        return schedules.occurrences_of([self], start, end, include_cancelled=include_cancelled)
