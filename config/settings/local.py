"""Development and the embedded default that ``make run`` uses."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env

DEBUG = env.bool("DEBUG", default=True)

# `make run` collects static files at every start; WhiteNoise's gzip and brotli pass over
# the API docs' bundles takes minutes on two busy cores. Production keeps compression.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
