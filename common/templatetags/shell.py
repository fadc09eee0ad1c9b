"""Template helpers of the page shell (base.html and its partials)."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def filters_active(form: Any) -> bool:
    """Whether a history filter form narrows the list (or has errors to show): it opens then."""
    if form is None or not form.is_bound:
        return False
    if form.errors:
        return True
    return any(form.data.get(field.html_name) for field in form.visible_fields())
