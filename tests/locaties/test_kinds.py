"""Kinds of places as rows: their names, their norm, their words for the import, their icons."""

import datetime
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError
from django.utils import translation

from locaties import opening
from locaties.models import LocationKind, MarkerIcon
from tests.factories import LocationFactory, LocationKindFactory

pytestmark = pytest.mark.django_db

MARKERS = Path(settings.BASE_DIR) / "static" / "img" / "markers"
SVG = "{http://www.w3.org/2000/svg}"
T = datetime.time


def errors_of(instance) -> dict[str, list[str]]:
    with translation.override("en"):
        with pytest.raises(ValidationError) as info:
            instance.full_clean()
        return info.value.message_dict


def village_hall(**values) -> LocationKind:
    return LocationKind(
        **{
            "slug": "dorpshuis",
            "name_nl": "dorpshuis",
            "plural_nl": "dorpshuizen",
            "name_en": "village hall",
            "plural_en": "village halls",
            "icon": MarkerIcon.VILLAGE_HALL,
            **values,
        }
    )


# --- Names in the language of the reader ------------------------------------------------


def test_a_kind_speaks_the_language_of_the_request():
    kind = LocationKindFactory(slug="park")
    with translation.override("nl"):
        assert (kind.label, kind.plural_label, str(kind)) == (
            "ontmoetingspark",
            "ontmoetingsparken",
            "ontmoetingspark",
        )
        assert (kind.count_label(1), kind.count_label(12)) == (
            "1 ontmoetingspark",
            "12 ontmoetingsparken",
        )
    with translation.override("en"):
        assert (kind.label, kind.plural_label) == ("meeting park", "meeting parks")


def test_the_icon_is_a_shipped_file_with_a_fallback():
    kind = LocationKindFactory(slug="park")
    assert kind.icon_path == "img/markers/sports_park.svg"
    assert kind.icon_url.endswith(".svg")
    # A value that is no longer shipped (an icon removed in an update) falls back.
    kind.icon = "castle"
    assert kind.icon_path == "img/markers/other.svg"


# --- The norm -------------------------------------------------------------------------


def test_a_kind_has_a_norm_or_none():
    with_norm = village_hall(norm_weekdays=[4, 0, 1], norm_opens=T(9), norm_closes=T(17))
    assert with_norm.norm == opening.Norm((0, 1, 4), T(9), T(17), supervised=True)
    assert village_hall().norm is None
    village_hall().full_clean()


@pytest.mark.parametrize(
    "values",
    [
        {"norm_weekdays": [0]},
        {"norm_opens": T(9), "norm_closes": T(17)},
        {"norm_weekdays": [0], "norm_opens": T(9)},
    ],
)
def test_half_a_norm_is_refused(values):
    errors = errors_of(village_hall(**values))
    message = "A norm needs days, an opening and a closing time; or leave all three empty."
    assert all(errors[field] == [message] for field in errors)
    assert set(errors) <= {"norm_weekdays", "norm_opens", "norm_closes"}


def test_a_norm_closes_after_it_opens_or_at_midnight():
    errors = errors_of(village_hall(norm_weekdays=[0], norm_opens=T(17), norm_closes=T(9)))
    assert list(errors) == ["norm_closes"]
    village_hall(norm_weekdays=[0], norm_opens=T(17), norm_closes=T(0)).full_clean()


def test_the_database_refuses_half_a_norm_too():
    with pytest.raises(IntegrityError), transaction.atomic():
        LocationKindFactory(slug="dorpshuis", norm_weekdays=[0], norm_opens=None, norm_closes=None)


# --- Words for the import: never shared between two kinds -------------------------------


def test_every_word_of_a_kind_for_the_import():
    assert LocationKindFactory(slug="park").words == [
        "park",
        "ontmoetingspark",
        "ontmoetingsparken",
        "meeting park",
        "meeting parks",
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("slug", "dorpshuis"),
        ("name_nl", "Meeting Park"),  # another kind's English name, in other capitals
        ("plural_en", "ontmoetingspark"),
        ("name_en", " PARK "),  # another kind's slug
    ],
)
def test_a_word_of_another_kind_is_refused(field, value):
    LocationKindFactory(slug="park")
    LocationKindFactory(slug="dorpshuis")
    kind = village_hall(slug="nieuw", name_nl="nieuw", plural_nl="nieuwe", name_en="new")
    setattr(kind, field, value)
    errors = errors_of(kind)
    assert field in errors
    assert "is already used by the kind" in " ".join(errors[field])


def test_names_are_unique_in_any_capitals_in_the_database():
    LocationKindFactory(slug="park")
    with pytest.raises(IntegrityError), transaction.atomic():
        village_hall(slug="ander-park", name_nl="Ontmoetingspark").save()


# --- A kind in use stays -----------------------------------------------------------------


def test_a_kind_in_use_cannot_be_deleted():
    place = LocationFactory(kind="park")
    with pytest.raises(ProtectedError), transaction.atomic():
        place.kind.delete()
    assert LocationKind.objects.with_place_count().get(slug="park").place_count == 1


def test_places_by_kind_slug_or_row():
    park, house = LocationFactory(kind="park"), LocationFactory(kind="house")
    from locaties.models import Location

    assert list(Location.objects.filter(kind__slug="park")) == [park]
    assert list(Location.objects.filter(kind=house.kind)) == [house]


# --- The shipped marker icons ----------------------------------------------------------


def luminance(colour: str) -> float:
    """WCAG relative luminance of #rrggbb."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# Light map backgrounds: white, PDOK BRT land, parks and water, OpenStreetMap land and water.
MAP_COLOURS = ["#ffffff", "#f2efe9", "#e8eed8", "#c8e6a0", "#aad3df", "#b5d0d0"]


def icon_files() -> dict[str, Path]:
    return {path.stem: path for path in sorted(MARKERS.glob("*.svg"))}


def test_every_icon_choice_is_a_shipped_file_and_there_are_at_least_twelve():
    assert set(MarkerIcon.values) == set(icon_files())
    assert len(MarkerIcon.values) >= 12
    for needed in (
        "sports_park",
        "community_house",
        "playground",
        "petting_farm",
        "village_hall",
        "library",
        "community_garden",
        "square",
        "church_hall",
        "care_home",
        "club_canteen",
        "other",
    ):
        assert needed in MarkerIcon.values


@pytest.mark.parametrize("name", sorted(MarkerIcon.values))
def test_an_icon_is_a_plain_svg_without_script(name):
    path = MARKERS / f"{name}.svg"
    root = ET.fromstring(path.read_text())
    assert root.tag == f"{SVG}svg"
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("32", "40", "0 0 32 40")
    allowed = {"svg", "g", "path", "circle", "rect"}
    for element in root.iter():
        assert element.tag.removeprefix(SVG) in allowed, element.tag
        for attribute in element.attrib:
            assert not attribute.lower().startswith("on"), attribute
            assert "href" not in attribute, attribute


@pytest.mark.parametrize("name", sorted(MarkerIcon.values))
def test_an_icon_has_at_least_three_to_one_contrast_against_the_map_and_its_symbol(name):
    root = ET.fromstring((MARKERS / f"{name}.svg").read_text())
    fills = {e.get("fill") for e in root.iter() if e.get("fill") not in (None, "none")}
    fill = next(colour for colour in fills if colour != "#fff")
    for background in MAP_COLOURS:
        assert contrast(fill, background) >= 3, (name, background)
    # The white symbol and outline on the coloured shape.
    assert contrast(fill, "#ffffff") >= 3


def test_icons_differ_in_shape_not_only_in_colour():
    """With every colour taken out, no two icons are the same drawing, nor the same outline."""
    drawings, outlines = {}, {}
    for name, path in icon_files().items():
        text = path.read_text()
        drawings[name] = re.sub(r'(fill|stroke)="[^"]*"', "", text)
        outline = ET.fromstring(text).find(f"{SVG}g")
        outlines[name] = re.sub(r'(fill|stroke)="[^"]*"', "", ET.tostring(outline, "unicode"))
    assert len(set(drawings.values())) == len(drawings)
    assert len(set(outlines.values())) == len(outlines)
