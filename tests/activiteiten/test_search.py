"""The stored search document: always the document the search used to build at query time.

The triggers of migration 0008 keep it; these tests take every way the words of an activity
change (its own fields, bulk writes, a place or an organiser renamed, a move to another
place or organiser) and compare the stored document with the expression, for every activity.
"""

import pytest
from django.contrib.postgres.search import SearchVector
from django.db.models import F, TextField
from django.db.models.functions import Cast
from hypothesis import given, settings
from hypothesis import strategies as st

from activiteiten.models import SEARCH_CONFIG, Activity
from locaties.models import Location, Organisation
from tests.factories import ActivityFactory, LocationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

# The document as ActivityQuerySet.search built it before it was stored.
EXPRESSION = (
    SearchVector("title", weight="A", config=SEARCH_CONFIG)
    + SearchVector("description", weight="B", config=SEARCH_CONFIG)
    + SearchVector("location__name", weight="C", config=SEARCH_CONFIG)
    + SearchVector("organiser__name", weight="C", config=SEARCH_CONFIG)
)


def assert_documents_current():
    rows = Activity.objects.annotate(
        stored=Cast(F("search_document"), TextField()),
        expected=Cast(EXPRESSION, TextField()),
    ).values_list("title", "stored", "expected")
    assert rows, "no activities to compare"
    for title, stored, expected in rows:
        assert stored == expected, title


def test_a_new_activity_and_an_edited_one_have_their_document():
    activity = ActivityFactory(title="Koffieochtend", description="Samen koffie drinken")
    assert_documents_current()
    activity.description = "Wandelen in het park"
    activity.save()
    assert_documents_current()
    assert Activity.objects.search("wandeling").get() == activity


def test_bulk_writes_and_queryset_updates_keep_the_document():
    location, organiser = LocationFactory(), OrganisationFactory()
    Activity.objects.bulk_create(
        [
            Activity(
                title=f"Taalcafé {n}", slug=f"taalcafe-{n}", location=location, organiser=organiser
            )
            for n in range(3)
        ]
    )
    Activity.objects.filter(slug="taalcafe-1").update(description="Nederlands oefenen")
    assert_documents_current()
    assert Activity.objects.search("oefenen").get().slug == "taalcafe-1"


def test_renaming_the_place_or_the_organiser_changes_the_documents_of_its_activities():
    activity = ActivityFactory()
    other = ActivityFactory()
    Location.objects.filter(pk=activity.location_id).update(name="Buurthuis De Magneet")
    Organisation.objects.filter(pk=activity.organiser_id).update(name="Stichting Alifa")
    assert_documents_current()
    assert list(Activity.objects.search("magneet")) == [activity]
    assert list(Activity.objects.search("alifa")) == [activity]
    assert other not in Activity.objects.search("magneet")


def test_moving_to_another_place_or_organiser_changes_the_document():
    activity = ActivityFactory()
    activity.location = LocationFactory(name="Speeltuin Pathmos")
    activity.organiser = OrganisationFactory(name="Vizier")
    activity.save()
    assert_documents_current()
    assert list(Activity.objects.search("pathmos vizier")) == [activity]


@settings(max_examples=25, deadline=None)
@given(
    title=st.text(min_size=1, max_size=40).filter(lambda s: "\x00" not in s and s.strip()),
    description=st.text(max_size=80).filter(lambda s: "\x00" not in s),
    place=st.text(min_size=1, max_size=30).filter(lambda s: "\x00" not in s and s.strip()),
)
def test_any_words_give_the_document_of_the_expression(title, description, place):
    activity = ActivityFactory()
    Activity.objects.filter(pk=activity.pk).update(title=title, description=description)
    Location.objects.filter(pk=activity.location_id).update(name=place)
    assert_documents_current()


def test_a_word_inside_a_title_is_found_whatever_its_accents_and_case():
    # The stored, folded title (a generated column) answers these: it must say what
    # Django's unaccent__icontains says, after an insert, a save and a queryset update.
    ActivityFactory(title="Koffieochtend")
    ActivityFactory(title="Taalcafé Oost")
    edited = ActivityFactory(title="Breiclub")
    edited.title = "Crèche-café"
    edited.save()
    updated = ActivityFactory(title="Zwemmen")
    Activity.objects.filter(pk=updated.pk).update(title="Zumba in het Ééndenpark")
    for word in ["koffie", "OCHTEND", "cafe", "café", "creche", "eenden", "Zumba"]:
        found = set(Activity.objects.search(word).values_list("title", flat=True))
        expected = set(
            Activity.objects.filter(title__unaccent__icontains=word).values_list("title", flat=True)
        )
        assert found == expected, word
        assert found, word
