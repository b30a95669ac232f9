"""A place's state now, as its page and the place cards show it."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from locaties.opening import describe_state

register = template.Library()


@register.simple_tag
def opening_state(state) -> str:
    """'Open · closes at 20:00 · supervised (note)' as a paragraph; '' without a state."""
    if state is None:
        return ""
    parts = [f'<span class="state-text">{escape(describe_state(state))}</span>']
    if state.is_open:
        supervision = _("supervised") if state.supervised else _("no supervision")
        parts.append(f'<span class="state-supervised"> · {escape(supervision)}</span>')
    if state.note:
        parts.append(f'<span class="state-note"> ({escape(state.note)})</span>')
    css = "state--open" if state.is_open else "state--closed"
    return mark_safe(f'<p class="state {css}">\n  {"".join(parts)}\n</p>\n')
