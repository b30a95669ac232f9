"""Functional administrators get the right to view and change the site's settings; no
other role sees them (see ontmoeting/roles.py)."""

from django.db import migrations

from ontmoeting.roles import sync_role_groups


def sync(apps, schema_editor):
    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("beheer", "0003_kinds_of_places_permissions"),
        ("instellingen", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
