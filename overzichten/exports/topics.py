"""The topics a download can hold, each declared once, and the tables of the topics asked for.

A topic's slug names its CSV in the URL and in the command's ``--topic``; its title names
its sheet and its CSV link. The place topics are read from the place filter, the offer
topics from an offer report; the spreadsheet holds them in the order declared here.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from activiteiten.filters import PlaceFilter
from activiteiten.models import Activity

from ..reports.common import filtered_places
from ..reports.norm import ClusterWeek, norm_report
from ..reports.offer import OfferReport, offer_report
from ..reports.quality import QualityReport, quality_report
from ..reports.status import StatusReport, status_report
from .links import Links
from .norm import norm_clusters_table, norm_table
from .offer import offer_summary_table, offer_table
from .places import places_table, supervision_table
from .quality import quality_table
from .status import buildings_table, status_table
from .tables import Table

PLACES = "places"
OFFER = "offer"


@dataclass
class PlaceSource:
    """What the place topics are read from. Each report is made when a topic first needs
    it, and once: the status and buildings topics share theirs."""

    filterset: PlaceFilter
    links: Links
    today: datetime.date

    @cached_property
    def places(self):
        return filtered_places(self.filterset)

    @cached_property
    def status(self) -> StatusReport:
        return status_report(self.filterset)

    @cached_property
    def cluster_weeks(self) -> list[ClusterWeek]:
        return norm_report(self.places, ())

    @cached_property
    def quality(self) -> QualityReport:
        return quality_report(self.filterset, self.today)


@dataclass
class OfferSource:
    report: OfferReport
    links: Links


class Topic:
    """A topic: ``build`` makes its table from the attributes ``reads`` of its group's source."""

    def __init__(
        self, slug: str, title: Promise, group: str, build: Callable[..., Table], *reads: str
    ):
        self.slug = slug
        self.title = title  # its sheet's name, and its CSV link's
        self.group = group  # PLACES or OFFER: which source its table is read from
        self.build = build
        self.reads = reads

    def table(self, source: PlaceSource | OfferSource) -> Table:
        table = self.build(*(getattr(source, name) for name in self.reads))
        return replace(table, title=str(self.title))


# In the order of the spreadsheet's sheets.
REGISTRY: dict[str, Topic] = {
    topic.slug: topic
    for topic in (
        Topic("plekken", _("Places"), PLACES, places_table, "places", "links"),
        Topic("stand", _("Places by status"), PLACES, status_table, "status"),
        Topic("gebouwen", _("Buildings"), PLACES, buildings_table, "status"),
        Topic("norm", _("Norm per place"), PLACES, norm_table, "places"),
        Topic("norm-clusters", _("Norm per cluster"), PLACES, norm_clusters_table, "cluster_weeks"),
        Topic("begeleiding", _("Supervision"), PLACES, supervision_table, "places"),
        Topic("datakwaliteit", _("Data quality"), PLACES, quality_table, "quality", "links"),
        Topic("aanbod", _("Activities in the week"), OFFER, offer_table, "report", "links"),
        Topic("aanbod-samenvatting", _("Offer in numbers"), OFFER, offer_summary_table, "report"),
    )
}
TOPICS = tuple(REGISTRY)
PLACE_TOPICS = tuple(slug for slug, topic in REGISTRY.items() if topic.group == PLACES)
OFFER_TOPICS = tuple(slug for slug, topic in REGISTRY.items() if topic.group == OFFER)
TOPIC_TITLES = {slug: topic.title for slug, topic in REGISTRY.items()}


def _tables(group: str, source: PlaceSource | OfferSource, topics: Iterable[str]) -> list[Table]:
    """The tables of the topics asked for that are of ``group``, in the order asked for."""
    chosen = (REGISTRY[slug] for slug in topics if slug in REGISTRY)
    return [topic.table(source) for topic in chosen if topic.group == group]


def place_tables(
    filterset, links: Links, *, today: datetime.date, topics=PLACE_TOPICS
) -> list[Table]:
    """The tables about the filtered places, only those asked for."""
    return _tables(PLACES, PlaceSource(filterset, links, today), topics)


def offer_tables(report: OfferReport, links: Links, *, topics=OFFER_TOPICS) -> list[Table]:
    return _tables(OFFER, OfferSource(report, links), topics)


def everything_tables(filterset, links: Links, *, now, monday, topics=TOPICS) -> list[Table]:
    """All topics for the filtered places; the offer is that of those places in the week.

    Used by the "all topics" spreadsheet and by the command, so that a cluster's report
    holds the activities at that cluster's places (published ones at published places).
    """
    tables = place_tables(filterset, links, today=timezone.localdate(now), topics=topics)
    if any(topic in OFFER_TOPICS for topic in topics):
        place_ids = filterset.qs.order_by().values("pk")
        report = offer_report(
            Activity.objects.published().filter(location__in=place_ids),
            monday,
            places=list(
                filterset.qs.filter(published=True)
                .select_related(None)
                .order_by("name")
                .only("slug", "name")
            ),
        )
        tables += offer_tables(report, links, topics=topics)
    return tables
