"""``{{ codes|labels:"sensation" }}``: vocabulary codes as words in the active language."""

from collections.abc import Iterable

from django import template
from django.db.models import TextChoices

from symptoms.vocabulary import Accompanying, Location, ReliefAction, Sensation

register = template.Library()

VOCABULARIES: dict[str, type[TextChoices]] = {
    "sensation": Sensation,
    "location": Location,
    "accompanying": Accompanying,
    "relief": ReliefAction,
}


@register.filter
def labels(codes: Iterable[str], vocabulary: str) -> list[str]:
    """Labels of the codes, in their order; an unknown code is shown as it is."""
    choices = VOCABULARIES[vocabulary]
    words = []
    for code in codes or ():
        try:
            words.append(str(choices(code).label))
        except ValueError:
            words.append(code)
    return words
