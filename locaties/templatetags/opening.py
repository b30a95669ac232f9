from django import template

from locaties.opening import describe_state

register = template.Library()


@register.filter
def state_text(state) -> str:
    """An opening state in words: 'Open · closes at 20:00'."""
    return describe_state(state) if state is not None else ""
