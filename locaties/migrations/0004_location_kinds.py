"""Kinds of places become rows (step 1 of 3): the table, and a column to point at a row.

Steps 2 and 3 are separate migrations: PostgreSQL refuses to alter a table in the
transaction that has just updated its rows with deferred foreign-key checks pending.
"""

import datetime

import django.contrib.postgres.fields
import django.db.models.deletion
import django.db.models.functions.text
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import ontmoeting.text


class Migration(migrations.Migration):
    dependencies = [
        ("locaties", "0003_dates_in_range_and_one_line_text"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalLocationKind',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('slug', models.SlugField(help_text='Used in web addresses and the API, like dorpshuis. Change it rarely.', verbose_name='slug')),
                ('name_nl', models.CharField(max_length=80, validators=[ontmoeting.text.validate_one_line], verbose_name='name in Dutch')),
                ('plural_nl', models.CharField(max_length=80, validators=[ontmoeting.text.validate_one_line], verbose_name='plural in Dutch')),
                ('name_en', models.CharField(max_length=80, validators=[ontmoeting.text.validate_one_line], verbose_name='name in English')),
                ('plural_en', models.CharField(max_length=80, validators=[ontmoeting.text.validate_one_line], verbose_name='plural in English')),
                ('icon', models.CharField(choices=[('sports_park', 'sports park (ball in a circle)'), ('community_house', 'community house (house)'), ('playground', 'playground (swing in a triangle)'), ('petting_farm', 'petting farm (animal in a diamond)'), ('village_hall', 'village hall (hall with a tower)'), ('library', 'library (book in a square)'), ('community_garden', 'community garden (leaf in a hexagon)'), ('park', 'park (tree in a rounded square)'), ('square', 'square or bench (bench in a wide rectangle)'), ('church_hall', 'church hall (arch with a cross)'), ('care_home', 'care home living room (heart in a shield)'), ('club_canteen', 'club canteen (cup in an octagon)'), ('other', 'other (dot in a drop)')], default='other', max_length=30, verbose_name='marker icon')),
                ('order', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers come first in lists and the legend.', verbose_name='order')),
                ('schema_type', models.CharField(choices=[('Place', 'Place (any place)'), ('CivicStructure', 'CivicStructure (public building or space)'), ('EventVenue', 'EventVenue (a venue for events)'), ('GovernmentBuilding', 'GovernmentBuilding (municipal building)'), ('Library', 'Library'), ('Park', 'Park'), ('Playground', 'Playground'), ('PlaceOfWorship', 'PlaceOfWorship (church, mosque …)'), ('SportsActivityLocation', 'SportsActivityLocation (sports park, club house)'), ('Zoo', 'Zoo (also a petting farm)'), ('Residence', 'Residence (e.g. a care home)'), ('LocalBusiness', 'LocalBusiness (a café, a shop …)')], default='Place', help_text='How search engines are told what kind of place this is.', max_length=40, verbose_name='schema.org type')),
                ('norm_weekdays', django.contrib.postgres.fields.ArrayField(base_field=models.PositiveSmallIntegerField(choices=[(0, 'Monday'), (1, 'Tuesday'), (2, 'Wednesday'), (3, 'Thursday'), (4, 'Friday'), (5, 'Saturday'), (6, 'Sunday')]), blank=True, default=list, help_text='Leave the days and times empty for no norm.', size=None, verbose_name='norm: days')),
                ('norm_opens', models.TimeField(blank=True, null=True, verbose_name='norm: open from')),
                ('norm_closes', models.TimeField(blank=True, help_text='00:00 means midnight, at the end of the day.', null=True, verbose_name='norm: open until')),
                ('norm_supervised', models.BooleanField(default=True, help_text="A professional must be present during the norm's hours.", verbose_name='norm: supervised')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical kind of place',
                'verbose_name_plural': 'historical kinds of places',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='LocationKind',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(help_text='Used in web addresses and the API, like dorpshuis. Change it rarely.', unique=True, verbose_name='slug')),
                ('name_nl', models.CharField(max_length=80, validators=[ontmoeting.text.validate_one_line], verbose_name='name in Dutch')),
                ('plural_nl', models.CharField(max_length=80, validators=[ontmoeting.text.validate_one_line], verbose_name='plural in Dutch')),
                ('name_en', models.CharField(max_length=80, validators=[ontmoeting.text.validate_one_line], verbose_name='name in English')),
                ('plural_en', models.CharField(max_length=80, validators=[ontmoeting.text.validate_one_line], verbose_name='plural in English')),
                ('icon', models.CharField(choices=[('sports_park', 'sports park (ball in a circle)'), ('community_house', 'community house (house)'), ('playground', 'playground (swing in a triangle)'), ('petting_farm', 'petting farm (animal in a diamond)'), ('village_hall', 'village hall (hall with a tower)'), ('library', 'library (book in a square)'), ('community_garden', 'community garden (leaf in a hexagon)'), ('park', 'park (tree in a rounded square)'), ('square', 'square or bench (bench in a wide rectangle)'), ('church_hall', 'church hall (arch with a cross)'), ('care_home', 'care home living room (heart in a shield)'), ('club_canteen', 'club canteen (cup in an octagon)'), ('other', 'other (dot in a drop)')], default='other', max_length=30, verbose_name='marker icon')),
                ('order', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers come first in lists and the legend.', verbose_name='order')),
                ('schema_type', models.CharField(choices=[('Place', 'Place (any place)'), ('CivicStructure', 'CivicStructure (public building or space)'), ('EventVenue', 'EventVenue (a venue for events)'), ('GovernmentBuilding', 'GovernmentBuilding (municipal building)'), ('Library', 'Library'), ('Park', 'Park'), ('Playground', 'Playground'), ('PlaceOfWorship', 'PlaceOfWorship (church, mosque …)'), ('SportsActivityLocation', 'SportsActivityLocation (sports park, club house)'), ('Zoo', 'Zoo (also a petting farm)'), ('Residence', 'Residence (e.g. a care home)'), ('LocalBusiness', 'LocalBusiness (a café, a shop …)')], default='Place', help_text='How search engines are told what kind of place this is.', max_length=40, verbose_name='schema.org type')),
                ('norm_weekdays', django.contrib.postgres.fields.ArrayField(base_field=models.PositiveSmallIntegerField(choices=[(0, 'Monday'), (1, 'Tuesday'), (2, 'Wednesday'), (3, 'Thursday'), (4, 'Friday'), (5, 'Saturday'), (6, 'Sunday')]), blank=True, default=list, help_text='Leave the days and times empty for no norm.', size=None, verbose_name='norm: days')),
                ('norm_opens', models.TimeField(blank=True, null=True, verbose_name='norm: open from')),
                ('norm_closes', models.TimeField(blank=True, help_text='00:00 means midnight, at the end of the day.', null=True, verbose_name='norm: open until')),
                ('norm_supervised', models.BooleanField(default=True, help_text="A professional must be present during the norm's hours.", verbose_name='norm: supervised')),
            ],
            options={
                'verbose_name': 'kind of place',
                'verbose_name_plural': 'kinds of places',
                'ordering': ['order', 'name_nl', 'pk'],
                'constraints': [models.UniqueConstraint(django.db.models.functions.text.Lower('name_nl'), name='location_kind_unique_name_nl'), models.UniqueConstraint(django.db.models.functions.text.Lower('name_en'), name='location_kind_unique_name_en'), models.CheckConstraint(condition=models.Q(models.Q(('norm_closes__isnull', True), ('norm_opens__isnull', True), ('norm_weekdays', [])), models.Q(models.Q(('norm_weekdays', []), _negated=True), ('norm_closes__isnull', False), ('norm_opens__isnull', False), models.Q(('norm_closes__gt', models.F('norm_opens')), ('norm_closes', datetime.time(0, 0)), _connector='OR')), _connector='OR'), name='location_kind_norm_complete')],
            },
        ),
        # Nullable for the way back: undoing step 3 adds this column again, empty, and
        # undoing step 2 fills it in before undoing this makes it required again.
        migrations.AlterField(
            model_name="location",
            name="kind",
            field=models.CharField(
                choices=[
                    ("park", "meeting park"),
                    ("house", "meeting house"),
                    ("playground", "meeting playground"),
                    ("petting_farm", "meeting petting farm"),
                ],
                max_length=20,
                null=True,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="historicallocation",
            name="kind",
            field=models.CharField(
                choices=[
                    ("park", "meeting park"),
                    ("house", "meeting house"),
                    ("playground", "meeting playground"),
                    ("petting_farm", "meeting petting farm"),
                ],
                max_length=20,
                null=True,
                verbose_name="kind",
            ),
        ),
        migrations.AddField(
            model_name="location",
            name="kind_row",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="locaties.locationkind",
            ),
        ),
        migrations.AddField(
            model_name="historicallocation",
            name="kind_row",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="locaties.locationkind",
            ),
        ),
    ]
