"""The parts that every filter form (places, agenda, overviews) has alike."""

from django import template
from django.template.defaulttags import TemplateIfParser
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

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
    other, as ``includes/field.html`` draws one."""
    return mark_safe(  # rendered by the template, which escapes what it shows
        "".join(render_to_string("includes/field.html", {"field": field}) for field in bound_fields)
    )
