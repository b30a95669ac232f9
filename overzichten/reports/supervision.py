"""Who supervises each place: the cluster managers and sports coaches, of its cluster or its own."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from locaties.models import Person

from .grid import PlaceWeek, place_week


@dataclass
class Supervisors:
    cluster_managers: list[str] = field(default_factory=list)
    sports_coaches: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return bool(self.cluster_managers and self.sports_coaches)

    @property
    def none(self) -> bool:
        return not self.cluster_managers and not self.sports_coaches


class SupervisorIndex:
    """Cluster managers and sports coaches per place: of its cluster, or assigned to it.

    Loaded once, in three queries (the people, their clusters, their places), so a long
    list of places (or a streamed export, chunk by chunk) asks nothing more per place.
    """

    def __init__(self):
        people = Person.objects.supervisors().order_by("name", "pk")
        self.people = {
            pk: (name, role) for pk, name, role in people.values_list("pk", "name", "role")
        }
        self.by_cluster: dict[int, set[int]] = defaultdict(set)
        self.by_place: dict[int, set[int]] = defaultdict(set)
        for person_id, cluster_id in Person.clusters.through.objects.filter(
            person__in=Person.objects.supervisors()
        ).values_list("person_id", "cluster_id"):
            self.by_cluster[cluster_id].add(person_id)
        for person_id, location_id in Person.locations.through.objects.filter(
            person__in=Person.objects.supervisors()
        ).values_list("person_id", "location_id"):
            self.by_place[location_id].add(person_id)
        self.order = {pk: index for index, pk in enumerate(self.people)}

    def for_place(self, place) -> Supervisors:
        found = Supervisors()
        ids = (self.by_cluster[place.cluster_id] | self.by_place[place.pk]) & self.people.keys()
        for person_id in sorted(ids, key=self.order.get):
            name, role = self.people[person_id]
            if role == Person.Role.CLUSTER_MANAGER:
                found.cluster_managers.append(name)
            else:
                found.sports_coaches.append(name)
        return found


@dataclass
class SupervisionRow:
    week: PlaceWeek
    supervisors: Supervisors

    @property
    def location(self):
        return self.week.location


def supervision_report(places) -> list[SupervisionRow]:
    supervisors = SupervisorIndex()
    return [SupervisionRow(place_week(p), supervisors.for_place(p)) for p in places]
