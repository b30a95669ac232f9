"""The kinds of places in the admin: icons, norms, place counts."""

import datetime

import pytest
from django.urls import reverse

from locaties import opening
from locaties.models import LocationKind, MarkerIcon
from ontmoeting import roles
from tests.admin_helpers import page_text, staff_client
from tests.factories import LocationFactory, LocationKindFactory
from tests.locaties.admin.helpers import norm_week, week

pytestmark = pytest.mark.django_db


def kind_url(view, *args):
    return reverse(f"admin:locaties_locationkind_{view}", args=args)


def test_the_kind_form_offers_the_shipped_icons_with_their_pictures(admin_client):
    response = admin_client.get(kind_url("add"))
    assert response.status_code == 200
    body = response.content.decode()
    for icon in MarkerIcon.values:
        assert f'value="{icon}"' in body
        assert f"/static/img/markers/{icon}" in body
    # No upload anywhere: an icon is chosen, never sent.
    assert 'type="file"' not in body
    # The norm's days as seven checkboxes.
    assert body.count('type="checkbox" name="norm_weekdays"') == 7


def test_a_kind_is_added_with_its_norm(admin_client):
    data = {
        "name_nl": "Dorpshuis",
        "plural_nl": "Dorpshuizen",
        "name_en": "Village hall",
        "plural_en": "Village halls",
        "slug": "dorpshuis",
        "icon": "village_hall",
        "order": "1",
        "schema_type": "CivicStructure",
        "norm_weekdays": ["4", "0", "2"],
        "norm_opens": "09:00",
        "norm_closes": "17:00",
    }
    response = admin_client.post(kind_url("add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    kind = LocationKind.objects.get(slug="dorpshuis")
    assert kind.norm == opening.Norm((0, 2, 4), datetime.time(9), datetime.time(17), False)


def test_half_a_norm_or_an_uploaded_icon_is_refused_and_nothing_is_saved(admin_client):
    data = {
        "name_nl": "Dorpshuis",
        "plural_nl": "Dorpshuizen",
        "name_en": "Village hall",
        "plural_en": "Village halls",
        "slug": "dorpshuis",
        "icon": "../../../evil",
        "order": "1",
        "schema_type": "Place",
        "norm_weekdays": ["0"],
    }
    response = admin_client.post(kind_url("add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"icon", "norm_opens", "norm_closes"}
    assert not LocationKind.objects.filter(slug="dorpshuis").exists()


def test_the_kind_list_shows_norms_icons_and_place_counts(admin_client):
    LocationFactory.create_batch(2)
    LocationKindFactory(slug="bibliotheek")
    response = admin_client.get(kind_url("changelist"))
    text = page_text(response)
    assert "every day 08:30–20:00, supervised" in text
    assert "no norm" in text
    rows = {k.slug: k.place_count for k in response.context["cl"].result_list}
    assert rows == {"house": 2, "bibliotheek": 0}


def test_norm_action_reaches_only_the_managers_own_places():
    own, other = LocationFactory(), LocationFactory()
    manager = staff_client(roles.CLUSTER_MANAGER, clusters=[own.cluster])
    manager.post(
        reverse("admin:locaties_location_changelist"),
        {"action": "apply_norm", "_selected_action": [own.pk, other.pk]},
    )
    assert week(own) == norm_week()
    assert not other.opening_hours.exists()
