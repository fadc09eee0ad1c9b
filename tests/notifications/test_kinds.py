"""The kinds of email: one module each, one table mapping a kind to it."""

import pytest
from django.utils import translation

from accounts.models import Profile
from notifications import kinds
from notifications.models import OutboxEmail


@pytest.mark.parametrize("kind", OutboxEmail.Kind.values)
def test_every_kind_of_email_has_its_module_switch_and_unsubscribe_wording(kind):
    module = kinds.KINDS[kind]

    for part in ("due", "plan", "compose", "subject"):
        assert callable(getattr(module, part, None)), f"{kind} has no {part}()"
    assert kind == module.KIND
    assert kinds.KIND_SWITCH[kind] in {field.name for field in Profile._meta.get_fields()}
    with translation.override("en"):
        english = kinds.kind_description(kind)
    with translation.override("id"):
        assert kinds.kind_description(kind) not in ("", english)
