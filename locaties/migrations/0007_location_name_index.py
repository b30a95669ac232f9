"""An index on the places' name, the order of their list."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('clusters', '0003_one_line_name'),
        ('locaties', '0006_kind_is_a_row'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='location',
            index=models.Index(fields=['name'], name='location_name'),
        ),
    ]
