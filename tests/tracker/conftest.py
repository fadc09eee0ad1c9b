import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """Throttle counters live in the cache; one test's calls must not count in the next."""
    cache.clear()
    yield
    cache.clear()
