"""Kinds of places become rows (step 3 of 3): the old text column goes, the row takes its name."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("locaties", "0005_kinds_from_choices")]

    operations = [
        migrations.RemoveField(model_name="location", name="kind"),
        migrations.RemoveField(model_name="historicallocation", name="kind"),
        migrations.RenameField(model_name="location", old_name="kind_row", new_name="kind"),
        migrations.RenameField(
            model_name="historicallocation", old_name="kind_row", new_name="kind"
        ),
        migrations.AlterField(
            model_name="location",
            name="kind",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="locations",
                to="locaties.locationkind",
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="historicallocation",
            name="kind",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="locaties.locationkind",
                verbose_name="kind",
            ),
        ),
    ]
