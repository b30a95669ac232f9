"""The topics a download can hold, and the tables of the topics asked for."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext_lazy

from activiteiten.models import Activity

from ..reports.common import filtered_places
from ..reports.norm import norm_report
from ..reports.offer import OfferReport, offer_report
from ..reports.quality import quality_report
from ..reports.status import status_report
from .links import Links
from .norm import norm_clusters_table, norm_table
from .offer import offer_summary_table, offer_table
from .places import places_table, supervision_table
from .quality import quality_table
from .status import buildings_table, status_table
from .tables import Table

# Topic names for the CSV URLs and the command, in the order of the spreadsheet's sheets.
PLACE_TOPICS = (
    "plekken",
    "stand",
    "gebouwen",
    "norm",
    "norm-clusters",
    "begeleiding",
    "datakwaliteit",
)
OFFER_TOPICS = ("aanbod", "aanbod-samenvatting")
TOPICS = PLACE_TOPICS + OFFER_TOPICS


def place_tables(
    filterset, links: Links, *, today: datetime.date, topics=PLACE_TOPICS
) -> list[Table]:
    """The tables about the filtered places, only those asked for (each is built lazily)."""
    places = filtered_places(filterset)
    status = functools.cache(lambda: status_report(filterset))
    builders: dict[str, Callable[[], Table]] = {
        "plekken": lambda: places_table(places, links),
        "stand": lambda: status_table(status()),
        "gebouwen": lambda: buildings_table(status()),
        "norm": lambda: norm_table(places),
        "norm-clusters": lambda: norm_clusters_table(norm_report(places, ())),
        "begeleiding": lambda: supervision_table(places),
        "datakwaliteit": lambda: quality_table(quality_report(filterset, today), links),
    }
    return [builders[topic]() for topic in topics if topic in builders]


def offer_tables(report: OfferReport, links: Links, *, topics=OFFER_TOPICS) -> list[Table]:
    builders = {
        "aanbod": lambda: offer_table(report, links),
        "aanbod-samenvatting": lambda: offer_summary_table(report),
    }
    return [builders[topic]() for topic in topics if topic in builders]


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


TOPIC_TITLES = {
    "plekken": gettext_lazy("Places"),
    "stand": gettext_lazy("Places by status"),
    "gebouwen": gettext_lazy("Buildings"),
    "norm": gettext_lazy("Norm per place"),
    "norm-clusters": gettext_lazy("Norm per cluster"),
    "begeleiding": gettext_lazy("Supervision"),
    "datakwaliteit": gettext_lazy("Data quality"),
    "aanbod": gettext_lazy("Activities in the week"),
    "aanbod-samenvatting": gettext_lazy("Offer in numbers"),
}
