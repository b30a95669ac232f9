"""The week slots of an activity (``schedules.week_slots``), stored and indexed, kept by
triggers from its schedules.

Triggers, not Python, keep them, as they keep the search document (0008): bulk loads,
imports, queryset updates and the deletions of a cascade all write through PostgreSQL,
and a missed path would make a search by day silently miss an activity. The parts of the
day are those of ``schedules.PART_BOUNDS`` in their order; tests/activiteiten/
test_week_slots.py checks the stored slots against the schedules' own filter.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

SLOTS = """
CREATE FUNCTION activiteiten_week_slots(bigint) RETURNS smallint[]
LANGUAGE sql STABLE AS $$
    SELECT COALESCE(array_agg(DISTINCT d.day * 3 + p.part ORDER BY d.day * 3 + p.part), '{}')
    FROM activiteiten_schedule s
    CROSS JOIN LATERAL (SELECT CASE WHEN s.start_time < '12:00' THEN 0
                                    WHEN s.start_time < '17:00' THEN 1
                                    ELSE 2 END::smallint AS part) p
    CROSS JOIN LATERAL unnest(
        s.weekdays
        || CASE WHEN s.frequency = 'once'
                THEN ARRAY[(extract(isodow FROM s.start_date) - 1)::smallint] END
        || ARRAY[7::smallint]) AS d(day)
    WHERE s.activity_id = $1
$$;

CREATE FUNCTION activiteiten_activity_week_slots() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.week_slots := activiteiten_week_slots(NEW.id);
    RETURN NEW;
END $$;

CREATE TRIGGER activiteiten_activity_week_slots
    BEFORE INSERT OR UPDATE OF week_slots ON activiteiten_activity
    FOR EACH ROW EXECUTE FUNCTION activiteiten_activity_week_slots();

-- Once per statement, so a bulk write of 100,000 schedules updates each activity once.
-- Setting the column fires the activity's trigger, which reads its schedules again.
CREATE FUNCTION activiteiten_schedules_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE activiteiten_activity SET week_slots = '{}'
        WHERE id IN (SELECT activity_id FROM new_schedules);
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE activiteiten_activity SET week_slots = '{}'
        WHERE id IN (SELECT activity_id FROM new_schedules
                     UNION SELECT activity_id FROM old_schedules);
    ELSE
        UPDATE activiteiten_activity SET week_slots = '{}'
        WHERE id IN (SELECT activity_id FROM old_schedules);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER activiteiten_schedules_inserted
    AFTER INSERT ON activiteiten_schedule REFERENCING NEW TABLE AS new_schedules
    FOR EACH STATEMENT EXECUTE FUNCTION activiteiten_schedules_written();
CREATE TRIGGER activiteiten_schedules_updated
    AFTER UPDATE ON activiteiten_schedule
    REFERENCING NEW TABLE AS new_schedules OLD TABLE AS old_schedules
    FOR EACH STATEMENT EXECUTE FUNCTION activiteiten_schedules_written();
CREATE TRIGGER activiteiten_schedules_deleted
    AFTER DELETE ON activiteiten_schedule REFERENCING OLD TABLE AS old_schedules
    FOR EACH STATEMENT EXECUTE FUNCTION activiteiten_schedules_written();

-- The activities there are.
UPDATE activiteiten_activity SET week_slots = '{}';
"""

DROP_SLOTS = """
DROP TRIGGER IF EXISTS activiteiten_schedules_deleted ON activiteiten_schedule;
DROP TRIGGER IF EXISTS activiteiten_schedules_updated ON activiteiten_schedule;
DROP TRIGGER IF EXISTS activiteiten_schedules_inserted ON activiteiten_schedule;
DROP FUNCTION IF EXISTS activiteiten_schedules_written();
DROP TRIGGER IF EXISTS activiteiten_activity_week_slots ON activiteiten_activity;
DROP FUNCTION IF EXISTS activiteiten_activity_week_slots();
DROP FUNCTION IF EXISTS activiteiten_week_slots(bigint);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("activiteiten", "0011_activity_slug_not_a_page"),
        ("locaties", "0007_location_name_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="week_slots",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.PositiveSmallIntegerField(),
                blank=True,
                default=list,
                editable=False,
                size=None,
            ),
        ),
        migrations.RunSQL(SLOTS, DROP_SLOTS),
        migrations.AddIndex(
            model_name="activity",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["week_slots"], name="activity_week_slots"
            ),
        ),
    ]
