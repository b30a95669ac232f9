"""The week slots of an activity (``schedules.week_slots``), stored and indexed, kept by
triggers from its schedules.

Triggers, not Python, keep them, as they keep the search document (0008): bulk loads,
imports, queryset updates and the deletions of a cascade all write through PostgreSQL,
and a missed path would make a search by day silently miss an activity. The parts of the
day are those of ``schedules.PART_BOUNDS`` in their order; tests/activiteiten/
test_week_slots.py checks the stored slots against the schedules' own filter.

Emptying the schedules' table (TRUNCATE) empties every activity's slots. The functions pin
their search_path, and those of 0008 get theirs here, so a data-only restore can run them.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

SLOTS = """
-- Each function pins its search_path, as activiteiten_fold does: a data-only restore runs
-- the triggers with an empty one.
CREATE FUNCTION activiteiten_week_slots(bigint) RETURNS smallint[]
LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
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

CREATE FUNCTION activiteiten_activity_week_slots() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    NEW.week_slots := activiteiten_week_slots(NEW.id);
    RETURN NEW;
END $$;

CREATE TRIGGER activiteiten_activity_week_slots
    BEFORE INSERT OR UPDATE OF week_slots ON activiteiten_activity
    FOR EACH ROW EXECUTE FUNCTION activiteiten_activity_week_slots();

-- Once per statement, so a bulk write of 100,000 schedules updates each activity once.
-- Setting the column fires the activity's trigger, which reads its schedules again.
CREATE FUNCTION activiteiten_schedules_written() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE activiteiten_activity SET week_slots = '{}' WHERE week_slots <> '{}';
    ELSIF TG_OP = 'INSERT' THEN
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
CREATE TRIGGER activiteiten_schedules_truncated
    AFTER TRUNCATE ON activiteiten_schedule
    FOR EACH STATEMENT EXECUTE FUNCTION activiteiten_schedules_written();

-- The search document's functions (0008) were made without: the same for them.
ALTER FUNCTION activiteiten_search_document(text, text, bigint, bigint)
    SET search_path FROM CURRENT;
ALTER FUNCTION activiteiten_activity_document() SET search_path FROM CURRENT;
ALTER FUNCTION activiteiten_place_renamed() SET search_path FROM CURRENT;
ALTER FUNCTION activiteiten_organiser_renamed() SET search_path FROM CURRENT;

-- The activities there are.
UPDATE activiteiten_activity SET week_slots = '{}';
"""

DROP_SLOTS = """
ALTER FUNCTION activiteiten_organiser_renamed() RESET search_path;
ALTER FUNCTION activiteiten_place_renamed() RESET search_path;
ALTER FUNCTION activiteiten_activity_document() RESET search_path;
ALTER FUNCTION activiteiten_search_document(text, text, bigint, bigint) RESET search_path;
DROP TRIGGER IF EXISTS activiteiten_schedules_truncated ON activiteiten_schedule;
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
