"""Seed the theme and target-group lists, and set up Dutch full-text search."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

THEMES = [
    ("sport-en-bewegen", "Sport en bewegen", "Sport and exercise"),
    ("ontmoeten-en-koffie", "Ontmoeten en koffie", "Meeting and coffee"),
    ("creatief", "Creatief", "Creative"),
    ("leren", "Leren", "Learning"),
    ("gezondheid", "Gezondheid", "Health"),
    ("eenzaamheid", "Eenzaamheid", "Loneliness"),
    ("mantelzorg", "Mantelzorg", "Informal care"),
    ("armoede-en-schulden", "Armoede en schulden", "Poverty and debt"),
    ("nieuwkomers", "Nieuwkomers", "Newcomers"),
    ("vrijwilligerswerk", "Vrijwilligerswerk", "Volunteering"),
]
TARGET_GROUPS = [
    ("kinderen", "Kinderen", "Children"),
    ("jongeren", "Jongeren", "Young people"),
    ("volwassenen", "Volwassenen", "Adults"),
    ("ouderen", "Ouderen", "Elderly"),
    ("gezinnen", "Gezinnen", "Families"),
    ("mantelzorgers", "Mantelzorgers", "Informal carers"),
    ("nieuwkomers", "Nieuwkomers", "Newcomers"),
    ("mensen-met-een-ondersteuningsvraag", "Mensen met een ondersteuningsvraag", "People with a support need"),
    ("iedereen", "Iedereen", "Everyone"),
]

# "cafe" must find "café" and "wandelen" "wandeling": unaccent, then the Dutch stemmer.
SEARCH_CONFIG = """
CREATE TEXT SEARCH CONFIGURATION dutch_unaccent (COPY = pg_catalog.dutch);
ALTER TEXT SEARCH CONFIGURATION dutch_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
"""


def seed(apps, schema_editor):
    for model_name, rows in (("Theme", THEMES), ("TargetGroup", TARGET_GROUPS)):
        model = apps.get_model("activiteiten", model_name)
        for position, (slug, name, name_en) in enumerate(rows):
            model.objects.update_or_create(
                slug=slug, defaults={"name": name, "name_en": name_en, "ordering": position}
            )


class Migration(migrations.Migration):
    dependencies = [("activiteiten", "0001_initial")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunSQL(SEARCH_CONFIG, "DROP TEXT SEARCH CONFIGURATION IF EXISTS dutch_unaccent;"),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
