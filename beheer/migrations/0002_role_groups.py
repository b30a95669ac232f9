"""The four role groups with their model permissions (see ontmoeting/roles.py)."""

from django.db import migrations

from ontmoeting.roles import sync_role_groups


def create_role_groups(apps, schema_editor):
    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("beheer", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("clusters", "0002_history"),
        ("locaties", "0002_history"),
        ("activiteiten", "0003_history"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
