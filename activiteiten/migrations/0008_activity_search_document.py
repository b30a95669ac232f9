"""The search document of an activity, stored and indexed, kept by triggers; the folded
title, indexed for words inside it.

Built as ``ActivityQuerySet.search`` built it at query time: title (weight A), description
(B), the place's and the organiser's names (C), each with ``dutch_unaccent``, joined in that
order. Triggers, not Python, keep it: imports, bulk loads and renames of a place or an
organisation all write through PostgreSQL, and a missed path would make a search silently
miss an activity. tests/activiteiten/test_search.py checks it against the expression.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

import activiteiten.models

DOCUMENT = """
-- As Django's unaccent__icontains folds both sides, but IMMUTABLE so that it can be indexed
-- (unaccent() is only STABLE: its dictionary could change). The search_path is pinned, as
-- PostgreSQL runs index maintenance with a safe one.
CREATE FUNCTION activiteiten_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
    SELECT upper(unaccent('unaccent'::regdictionary, $1))
$$;

CREATE FUNCTION activiteiten_search_document(text, text, bigint, bigint) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('dutch_unaccent'::regconfig, COALESCE($1, '')), 'A')
        || setweight(to_tsvector('dutch_unaccent'::regconfig, COALESCE($2, '')), 'B')
        || setweight(to_tsvector('dutch_unaccent'::regconfig, COALESCE(
               (SELECT p.name::text FROM locaties_location p WHERE p.id = $3), '')), 'C')
        || setweight(to_tsvector('dutch_unaccent'::regconfig, COALESCE(
               (SELECT o.name::text FROM locaties_organisation o WHERE o.id = $4), '')), 'C')
$$;

CREATE FUNCTION activiteiten_activity_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document := activiteiten_search_document(
        NEW.title, NEW.description, NEW.location_id, NEW.organiser_id);
    RETURN NEW;
END $$;

CREATE TRIGGER activiteiten_activity_document
    BEFORE INSERT OR UPDATE OF title, description, location_id, organiser_id, search_document
    ON activiteiten_activity FOR EACH ROW EXECUTE FUNCTION activiteiten_activity_document();

CREATE FUNCTION activiteiten_place_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE activiteiten_activity SET search_document = NULL WHERE location_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER activiteiten_place_renamed
    AFTER UPDATE OF name ON locaties_location FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION activiteiten_place_renamed();

CREATE FUNCTION activiteiten_organiser_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE activiteiten_activity SET search_document = NULL WHERE organiser_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER activiteiten_organiser_renamed
    AFTER UPDATE OF name ON locaties_organisation FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION activiteiten_organiser_renamed();

-- The activities there are: setting the column fires the activity's trigger.
UPDATE activiteiten_activity SET search_document = NULL;
"""

DROP_DOCUMENT = """
DROP TRIGGER IF EXISTS activiteiten_organiser_renamed ON locaties_organisation;
DROP FUNCTION IF EXISTS activiteiten_organiser_renamed();
DROP TRIGGER IF EXISTS activiteiten_place_renamed ON locaties_location;
DROP FUNCTION IF EXISTS activiteiten_place_renamed();
DROP TRIGGER IF EXISTS activiteiten_activity_document ON activiteiten_activity;
DROP FUNCTION IF EXISTS activiteiten_activity_document();
DROP FUNCTION IF EXISTS activiteiten_search_document(text, text, bigint, bigint);
DROP FUNCTION IF EXISTS activiteiten_fold(text);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("activiteiten", "0007_dates_not_going_ahead"),
        ("locaties", "0006_kind_is_a_row"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunSQL(DOCUMENT, DROP_DOCUMENT),
        migrations.AddIndex(
            model_name="activity",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_document"], name="activity_search_document"
            ),
        ),
        migrations.AddIndex(
            model_name="activity",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(
                    activiteiten.models.Folded("title"), name="gin_trgm_ops"
                ),
                name="activity_folded_title",
            ),
        ),
    ]
