"""Development and the embedded default that ``make run`` uses."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env

# Off unless asked for with DEBUG=1: with it on, Django lists every route on a 404 and shows
# tracebacks with local variables (health data) on a 500. This module is also what
# `gunicorn config.wsgi` and `manage.py` load when no settings module is named.
DEBUG = env.bool("DEBUG", default=False)
# With DEBUG off, WhiteNoise serves only what collectstatic gathered (`make run` runs it);
# finders let `manage.py runserver` show the CSS without that step.
WHITENOISE_USE_FINDERS = True

# `make run` collects static files at every start; WhiteNoise's gzip and brotli pass over
# the API docs' bundles takes minutes on two busy cores. Production keeps compression.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
