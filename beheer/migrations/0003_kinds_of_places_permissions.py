"""The role groups get the rights on kinds of places: functional administrators all of them,
every other role to view (see ontmoeting/roles.py)."""

from django.db import migrations

from ontmoeting.roles import sync_role_groups


def sync(apps, schema_editor):
    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("beheer", "0002_role_groups"),
        ("locaties", "0006_kind_is_a_row"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
