"""The shared form widgets: the quick select writes exactly what Django's select writes."""

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from ontmoeting.forms import ClockInput, QuickSelect

CHOICES = [
    ("", "Alle clusters"),
    ("noord", "Noord"),
    ("zuid-<oost>", 'Zuid & "Oost"'),
    (3, gettext_lazy("Tuesday")),
    (None, "Geen"),
    ("vet", mark_safe("<b>vet</b>")),
]


@pytest.mark.parametrize("value", [None, "", "noord", "zuid-<oost>", 3, "3", "onbekend", ["noord"]])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_cluster", "required": True, "aria-describedby": "help"}]
)
def test_the_quick_select_writes_what_djangos_select_writes(value, attrs):
    quick = QuickSelect(choices=CHOICES, attrs={"class": "wide"})
    django = forms.Select(choices=CHOICES, attrs={"class": "wide"})
    assert quick.render("cluster", value, attrs) == django.render("cluster", value, attrs)


def test_a_quick_select_with_groups_is_written_by_django():
    groups = [("Noord", [("a", "A"), ("b", "B")]), ("c", "C")]
    assert QuickSelect(choices=groups).render("x", "b") == forms.Select(choices=groups).render(
        "x", "b"
    )


def test_only_the_first_of_two_equal_options_is_selected():
    html = QuickSelect(choices=[("a", "A"), ("a", "A again")]).render("x", "a")
    assert html.count(" selected") == 1


@pytest.mark.parametrize(("value", "shown"), [("09:30", "09:30"), ("25:99", None), (None, None)])
def test_the_clock_input_never_echoes_an_impossible_time(value, shown):
    assert ClockInput().format_value(value) == shown
