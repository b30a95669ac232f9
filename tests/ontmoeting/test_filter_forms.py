"""The filter forms' fields as ontmoeting/templatetags/filter_forms.py writes them."""

import re

from django import forms
from django.template import Context, Template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from ontmoeting.forms import QuickSelect, input_tag

DAYS = [("0", gettext_lazy("Monday")), ("1", "dinsdag <ochtend>"), ("2", mark_safe("<b>wo</b>"))]


class ChoiceForm(forms.Form):
    q = forms.CharField(label="Zoek & vind", required=False, max_length=5)
    day = forms.MultipleChoiceField(
        label="Dag", choices=DAYS, required=False, widget=forms.CheckboxSelectMultiple
    )
    free = forms.BooleanField(label="Gratis", required=False)
    cluster = forms.ChoiceField(
        label="Cluster", choices=[("", "Alle"), ("noord", "Noord")], widget=QuickSelect
    )


def render(form, *names) -> str:
    chosen = " ".join(f"form.{name}" for name in names)
    html = Template("{% load filter_forms %}{% fields " + chosen + " %}")
    return re.sub(r"\s+", " ", html.render(Context({"form": form}))).strip()


def test_a_field_has_its_label_and_control():
    html = render(ChoiceForm(), "q", "cluster")
    assert html == (
        '<div class="field"> <label for="id_q">Zoek &amp; vind</label> '
        '<input type="text" name="q" maxlength="5" id="id_q"> </div> '
        '<div class="field"> <label for="id_cluster">Cluster</label> '
        '<select name="cluster" required id="id_cluster"> '
        '<option value="" selected>Alle</option> <option value="noord">Noord</option> '
        "</select> </div>"
    )


def test_a_checkbox_group_is_a_fieldset_whose_boxes_are_djangos():
    form = ChoiceForm({"day": ["1", "2"], "cluster": "noord"})
    assert form.is_valid()
    html = render(form, "day")
    assert html.startswith('<fieldset class="field field--group"> <legend>Dag</legend>')
    boxes = re.findall(r'<label class="check">(<input[^>]*>) (.*?)</label>', html)
    assert [label for _box, label in boxes] == ["Maandag", "Dinsdag &lt;ochtend&gt;", "<b>wo</b>"]
    # Each box exactly as Django's own template writes it.
    assert [box for box, _label in boxes] == [choice.tag() for choice in form["day"]]
    assert boxes[1][0] == ('<input type="checkbox" name="day" value="1" id="id_day_1" checked>')


def test_a_single_checkbox_has_its_label_around_it():
    html = render(ChoiceForm({"free": "on", "cluster": "noord"}), "free")
    assert html == (
        '<div class="field field--check"> <label class="check">'
        '<input type="checkbox" name="free" id="id_free" checked> Gratis</label> </div>'
    )


def test_errors_are_said_under_the_field_and_escaped():
    form = ChoiceForm({"q": "<script>", "day": ["9"], "cluster": "zuid"})
    assert not form.is_valid()
    html = render(form, "q", "day", "cluster")
    assert html.count("field--error") == 3
    assert '<div class="error" id="id_q_error"><p>' in html
    assert '<div class="error" id="id_day_error"><p>' in html
    assert "<script>" not in html
    assert 'value="&lt;script&gt;"' in html
    assert 'aria-invalid="true"' in html, "Django's own attributes stay"


def test_an_input_tag_writes_attributes_in_order_and_leaves_false_out():
    widget = {
        "type": "checkbox",
        "name": "a&b",
        "value": 'x"y',
        "attrs": {"id": "id_a", "checked": True, "disabled": False, "data-x": "<1>"},
    }
    assert input_tag(widget) == (
        '<input type="checkbox" name="a&amp;b" value="x&quot;y" id="id_a" checked '
        'data-x="&lt;1&gt;">'
    )
    assert 'value="' not in input_tag({**widget, "value": None})
