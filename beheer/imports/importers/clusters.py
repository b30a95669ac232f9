"""Clusters: a number, a name and a description per row."""

from __future__ import annotations

from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from clusters.models import Cluster

from ...models import ImportBatch
from .. import cells
from .base import Column, Importer, columns_by_field


class ClusterImporter(Importer):
    kind = ImportBatch.Kind.CLUSTERS
    model = Cluster
    permissions = ()
    any_of = ("clusters.add_cluster", "clusters.change_cluster")
    validate_unique = True
    columns = [
        Column(
            "nummer",
            gettext_lazy(
                "Required. The cluster's number, a whole number. A cluster with this number is "
                "updated; otherwise a new cluster is made."
            ),
            "1",
            required=True,
            field="number",
            parse=cells.integer,
        ),
        Column(
            "naam",
            gettext_lazy("Required. The name of the cluster. The web address is made from it."),
            "Noord",
            required=True,
            field="name",
            parse=cells.text,
        ),
        Column(
            "beschrijving",
            gettext_lazy("Optional. A few sentences about the cluster."),
            "De wijken ten noorden van het centrum.",
            field="description",
            parse=cells.text,
        ),
    ]
    field_columns = columns_by_field(columns, slug="naam")

    def key(self, reader):
        number = reader.raw("nummer")
        return str(int(number)) if cells.INTEGER_RE.match(number) else ""

    def key_column(self, reader):
        return "nummer"

    def import_row(self, reader):
        number = reader.get("nummer", cells.integer)
        existing = (
            Cluster.objects.filter(number=number).first() if isinstance(number, int) else None
        )
        edit = self.begin(reader, existing or Cluster(), self.columns)
        if edit is None:
            return None
        cluster = edit.obj
        if edit.creating:
            # An existing cluster keeps its slug: its public address must not change.
            cluster.slug = slugify(cluster.name)[:100]
        self.validate(reader, edit)
        if reader.failed:
            return None
        changes = self.changes(edit)
        if edit.creating or changes:
            self.save(cluster)
        return self.outcome(reader, edit, changes)
