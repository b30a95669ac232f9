"""The folded title stored (a generated column) and indexed as a column.

The trigram index on the expression found the candidates, but PostgreSQL then folded each
candidate's title again to test it: two thirds of a search at 50,000 activities.
Adding the column rewrites the table, which leaves PostgreSQL without statistics for the
searches' plans until it next analyses the table: it does so here.
"""

import activiteiten.models
import django.contrib.postgres.indexes
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('activiteiten', '0009_scheduledate_starts_ends'),
        ('locaties', '0006_kind_is_a_row'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='activity',
            name='activity_folded_title',
        ),
        migrations.AddField(
            model_name='activity',
            name='folded_title',
            field=models.GeneratedField(db_persist=True, expression=activiteiten.models.Folded('title'), output_field=models.TextField()),
        ),
        migrations.AddIndex(
            model_name='activity',
            index=django.contrib.postgres.indexes.GinIndex(fields=['folded_title'], name='activity_folded_title', opclasses=['gin_trgm_ops']),
        ),
        migrations.RunSQL("ANALYZE activiteiten_activity", migrations.RunSQL.noop),
    ]
