"""Places by cluster, kind and status, and the state of their buildings."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster
from locaties.filters import LocationFilter
from locaties.models import Location, LocationKind


@dataclass
class Tally:
    designated: int = 0
    planned: int = 0

    @property
    def total(self) -> int:
        return self.designated + self.planned

    def add(self, status: str, count: int) -> None:
        if status == Location.Status.DESIGNATED:
            self.designated += count
        else:
            self.planned += count


@dataclass
class ClusterStatus:
    cluster: Cluster
    tallies: list[Tally]  # one per kind, in the order of StatusReport.by_kind
    total: Tally


@dataclass
class BuildingRow:
    name: str
    slug: str
    cluster: str
    building_status: str
    building_label: str
    year: int | None


@dataclass
class KindBuildings:
    """The places of one kind and the state of their buildings (e.g. Enschede's parks:
    half future-proof, half getting a new building). Only kinds of which at least one
    place shown has a building status are listed: elsewhere the question does not arise."""

    kind: LocationKind
    places: list[BuildingRow]

    @property
    def heading(self) -> str:
        return self.kind.count_label(len(self.places))

    @property
    def future_proof(self) -> int:
        return sum(p.building_status == Location.BuildingStatus.FUTURE_PROOF for p in self.places)

    @property
    def new_building(self) -> int:
        return sum(
            p.building_status == Location.BuildingStatus.NEW_BUILDING_PLANNED for p in self.places
        )

    @property
    def unknown(self) -> int:
        return len(self.places) - self.future_proof - self.new_building

    @property
    def new_building_years(self) -> list[tuple[int | None, int]]:
        """(year, number of places) for the planned new buildings, earliest first."""
        years = Counter(
            p.year
            for p in self.places
            if p.building_status == Location.BuildingStatus.NEW_BUILDING_PLANNED
        )
        return sorted(years.items(), key=lambda item: (item[0] is None, item[0] or 0))


@dataclass
class StatusReport:
    by_kind: list[tuple[LocationKind, Tally]]  # every kind that exists, in its order
    clusters: list[ClusterStatus]
    total: Tally
    buildings: list[KindBuildings]

    @property
    def kinds(self) -> list[LocationKind]:
        return [kind for kind, _tally in self.by_kind]


def _clusters_for(filterset: LocationFilter) -> list[Cluster]:
    """All clusters, or the one the filter chose: a cluster without places shows as zeros."""
    clusters = Cluster.objects.order_by("number")
    slug = getattr(filterset.form, "cleaned_data", {}).get("cluster")
    return list(clusters.filter(slug=slug) if slug else clusters)


def status_report(filterset: LocationFilter) -> StatusReport:
    """Places by cluster, kind and status, and the buildings: a fixed number of queries
    (the kinds, the counts, the clusters, the buildings) however many kinds and places."""
    places = filterset.qs.order_by()
    kinds = filterset.kinds
    counts = places.values("cluster_id", "kind_id", "status").annotate(n=Count("pk"))
    by_cluster: dict[int, dict[int, Tally]] = defaultdict(lambda: defaultdict(Tally))
    kinds_total = {kind.pk: Tally() for kind in kinds}
    total = Tally()
    for row in counts:
        by_cluster[row["cluster_id"]][row["kind_id"]].add(row["status"], row["n"])
        # Totals from the counts themselves, not from the cluster rows: with a search, a
        # place may match while its cluster is not among the rows shown.
        kinds_total.setdefault(row["kind_id"], Tally()).add(row["status"], row["n"])
        total.add(row["status"], row["n"])
    clusters = []
    for cluster in _clusters_for(filterset):
        tallies = [by_cluster[cluster.pk].get(kind.pk, Tally()) for kind in kinds]
        cluster_total = Tally(sum(t.designated for t in tallies), sum(t.planned for t in tallies))
        clusters.append(ClusterStatus(cluster, tallies, cluster_total))
    with_building = places.exclude(building_status="").values("kind_id")
    rows: dict[int, list[BuildingRow]] = defaultdict(list)
    for row in (
        places.filter(kind_id__in=with_building)
        .order_by("cluster__number", "name", "pk")
        .values("name", "slug", "cluster__name", "kind_id", "building_status", "new_building_year")
    ):
        rows[row["kind_id"]].append(
            BuildingRow(
                name=row["name"],
                slug=row["slug"],
                cluster=row["cluster__name"],
                building_status=row["building_status"],
                building_label=str(
                    Location.BuildingStatus(row["building_status"]).label
                    if row["building_status"]
                    else _("unknown")
                ),
                year=row["new_building_year"],
            )
        )
    return StatusReport(
        by_kind=[(kind, kinds_total[kind.pk]) for kind in kinds],
        clusters=clusters,
        total=total,
        buildings=[KindBuildings(kind, rows[kind.pk]) for kind in kinds if kind.pk in rows],
    )
