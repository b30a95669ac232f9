"""The downloadable templates: the importers' columns, examples that import."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from beheer.imports import templates as import_templates
from beheer.imports.importers import IMPORTERS
from beheer.imports.tables import read_table
from beheer.models import ImportBatch
from tests.beheer.imports.helpers import (
    ENSCHEDE,
    check,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", list(IMPORTERS))
def test_the_templates_match_the_importers(client_as, admin_user, kind):
    client = client_as(admin_user)
    response = client.get(reverse("admin:beheer_importbatch_template", args=[kind, "xlsx"]))
    assert response.status_code == 200
    assert response["Content-Type"] == import_templates.XLSX_CONTENT_TYPE
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Gegevens", "Uitleg"]
    data = workbook["Gegevens"]
    assert data.freeze_panes == "A2"
    headings = [cell.value for cell in data[1]]
    assert headings == [column.name for column in IMPORTERS[kind].columns]
    assert data.max_row == 2
    assert data.column_dimensions["A"].width >= 12
    explained = [row[0] for row in workbook["Uitleg"].iter_rows(min_row=2, values_only=True)]
    assert explained[: len(headings)] == headings

    columns = IMPORTERS[kind].columns
    table = read_table("t.xlsx", response.content, columns, max_rows=10)
    assert table.problems == []
    assert len(table.rows) == 1
    response = client.get(reverse("admin:beheer_importbatch_template", args=[kind, "csv"]))
    assert response.content.startswith(b"\xef\xbb\xbf")
    table = read_table("t.csv", response.content, columns, max_rows=10)
    assert table.problems == []
    assert table.columns == [column.name for column in columns]


def test_the_places_template_example_imports(admin_user, noord):
    content = import_templates.build_xlsx("places")
    batch = check(admin_user, "places", "import-plekken.xlsx", content)
    assert batch.status == ImportBatch.Status.CHECKED, batch.report["errors"]


@pytest.mark.parametrize("kind", list(IMPORTERS))
def test_the_templates_explain_in_dutch_with_neutral_examples(admin_user, kind):
    with translation.override("nl"):
        workbook = load_workbook(io.BytesIO(import_templates.build_xlsx(kind)))
    explanation = list(workbook["Uitleg"].iter_rows(values_only=True))
    assert explanation[0] == ("Kolom", "Verplicht", "Uitleg", "Voorbeeld")
    for name, required, text, _example in explanation[1 : len(IMPORTERS[kind].columns) + 1]:
        assert required in ("ja", "nee"), name
        # Every column's explanation in Dutch: the catalogue has it, and it differs from the
        # English text (the English starts "Required." or "Optional." when Dutch does not).
        assert not text.startswith(("Required.", "Optional.")), (name, text)
    cells = [
        str(value)
        for sheet in workbook
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value
    ]
    assert not [c for c in cells if any(word in c for word in ENSCHEDE)]
