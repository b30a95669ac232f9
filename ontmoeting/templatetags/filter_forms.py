"""The parts that every filter form (places, agenda, overviews) has alike."""

from django import template
from django.template.defaulttags import TemplateIfParser
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ontmoeting.forms import input_tag

register = template.Library()


class MoreChoicesNode(template.Node):
    def __init__(self, condition, nodelist):
        self.condition = condition
        self.nodelist = nodelist

    def render(self, context) -> str:
        try:
            is_open = self.condition.eval(context)
        except template.VariableDoesNotExist:
            is_open = False
        return format_html(
            '<details class="more-filters"{}><summary>{}</summary>'
            '<div class="filter-grid">{}</div></details>',
            " open" if is_open else "",
            _("More choices"),
            self.nodelist.render(context),
        )


@register.tag
def more_choices(parser, token):
    """``{% more_choices condition %}…{% endmore_choices %}``: the filters most people do not
    need, folded away. Unfolded while ``condition`` (as in ``{% if %}``) holds, so that no
    choice in use is hidden."""
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("more_choices needs a condition, as {% if %} does.")
    condition = TemplateIfParser(parser, bits).parse()
    nodelist = parser.parse(("endmore_choices",))
    parser.delete_first_token()
    return MoreChoicesNode(condition, nodelist)


@register.simple_tag
def fields(*bound_fields) -> str:
    """``{% fields form.q form.day %}``: each field with its label and errors, one after the
    other; checkbox groups in a fieldset.

    Written here rather than through a template per field and per checkbox: those took a
    quarter of the home page. Each control is still Django's (its widget), but for the
    checkboxes of a group, written as Django's input.html writes them.
    """
    return mark_safe("".join(_field(field) for field in bound_fields))


def _field(field) -> str:
    widget = field.field.widget
    input_type = getattr(widget, "input_type", None)
    label = conditional_escape(field.label)
    errors = ""
    if field.errors:
        messages = "".join(f"<p>{conditional_escape(error)}</p>" for error in field.errors)
        errors = f'\n    <div class="error" id="{escape(field.auto_id)}_error">{messages}</div>'
    error_class = " field--error" if field.errors else ""
    if input_type == "checkbox" and getattr(widget, "allow_multiple_selected", False):
        choices = "".join(
            f'<label class="check">{input_tag(choice.data)} {_capfirst(choice.choice_label)}</label>'
            for choice in field
        )
        return (
            f'\n  <fieldset class="field field--group{error_class}">\n'
            f"    <legend>{label}</legend>\n    {choices}{errors}\n  </fieldset>\n"
        )
    if input_type == "checkbox":
        return (
            f'\n  <div class="field field--check{error_class}">\n'
            f'    <label class="check">{field} {label}</label>{errors}\n  </div>\n'
        )
    return (
        f'\n  <div class="field{error_class}">\n'
        f'    <label for="{escape(field.auto_id)}">{label}</label>\n'
        f"    {field}{errors}\n  </div>\n"
    )


def _capfirst(label) -> str:
    """As the template's ``{{ label|capfirst }}``: HTML stays HTML, text is escaped."""
    text = capfirst(label)
    return mark_safe(text) if isinstance(label, SafeData) else conditional_escape(text)
