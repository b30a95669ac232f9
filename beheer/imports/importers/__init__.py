"""One importer per kind of file: clusters, places with opening hours, activities with a schedule.

``base`` holds what they share (a row's outcome, the run of a whole table in one
transaction, the rights and validation every row goes through); each other module is one
importer, with its columns declaring the field and the parser they need.
"""

from ...models import ImportBatch
from .activities import ActivityImporter
from .base import Importer, Outcome, Result, run
from .clusters import ClusterImporter
from .places import PlaceImporter

IMPORTERS: dict[str, type[Importer]] = {
    importer.kind: importer for importer in (ClusterImporter, PlaceImporter, ActivityImporter)
}


def allowed_kinds(user) -> list[str]:
    """The kinds of file this user may import, in the order of ImportBatch.Kind."""
    return [kind for kind in ImportBatch.Kind.values if IMPORTERS[kind].may_import(user)]


__all__ = [
    "IMPORTERS",
    "ActivityImporter",
    "ClusterImporter",
    "Importer",
    "Outcome",
    "PlaceImporter",
    "Result",
    "allowed_kinds",
    "run",
]
