"""System checks of what the reports need from the machine."""

import ctypes.util
from typing import Any

from django.core.checks import Warning, register


@register()
def harfbuzz_subset_installed(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """WeasyPrint subsets the PDF's fonts with libharfbuzz-subset when it finds it, and
    with fontTools otherwise, several times slower (a one-page document: 23 ms against
    108 to 241 ms on the dev box)."""
    if ctypes.util.find_library("harfbuzz-subset"):
        return []
    return [
        Warning(
            "libharfbuzz-subset is not installed: PDF reports take several times longer.",
            hint="apt-get install libharfbuzz-subset0 (Debian), or your system's HarfBuzz "
            "subset library.",
            id="reports.W001",
        )
    ]
