"""Import, when a server process starts, what its first requests would otherwise import.

scipy, statsmodels, lifelines and WeasyPrint take seconds to import, so the apps import
them inside the functions that use them: ``manage.py`` commands, beat and the test suite
never pay for them. A web or worker process paid on its first dashboard, insights page
or PDF instead: a person waiting 3 s for a page that then takes 0.1 s. The URLconf too
is imported on a process's first request, and with it every view and what the views
import (pygal, the charts, the API's serializers).

``config.wsgi`` and ``config.asgi`` call ``warm_imports`` before the process takes a
request, and the Celery worker (``config.celery``) before it forks its pool, so its
processes share the libraries' pages. Each app names its own modules in
``warm_imports`` on its ``AppConfig``, next to the code that imports them.

Then everything the process holds is frozen out of the garbage collector's reach
(``gc.freeze``): those libraries doubled the objects a full collection walked, which
cost an evaluation 0.6 ms more (measured in process: 0.64 ms of collection per
evaluation against 0.30 to 0.38 ms before the imports, and 0.09 to 0.11 ms frozen).
"""

import gc
import importlib

from django.apps import apps
from django.conf import settings


def warm_imports() -> list[str]:
    """Import the modules the installed apps name in ``warm_imports``, and the URLconf;
    returns their names."""
    names = [
        *(
            name
            for config in apps.get_app_configs()
            for name in getattr(config, "warm_imports", ())
        ),
        settings.ROOT_URLCONF,
    ]
    for name in names:
        importlib.import_module(name)
    # Modules live as long as the process: the collector need never walk their objects
    # again. Without this every full collection walked them all, and in a worker's pool
    # wrote to every page shared with the main process, copying each.
    gc.freeze()
    return names
