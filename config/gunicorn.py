"""gunicorn's settings: ``gunicorn -c config/gunicorn.py config.wsgi --bind ...``.

Its access log names every path requested, share links and one-click email links
included: each line goes through ``RedactCapabilityUrls`` like Django's logs do.
The root ``gunicorn.conf.py`` loads this file, so a bare ``gunicorn config.wsgi`` run from
the project folder is covered too.
"""

import sys
from pathlib import Path
from typing import Any

from gunicorn import glogging

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common.redaction import RedactCapabilityUrls

# The access log on stdout (honcho and systemd collect it); errors on stderr.
accesslog = "-"


class RedactingLogger(glogging.Logger):
    """gunicorn's logger with capability URLs redacted on every handler it sets up."""

    def setup(self, cfg: object) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not any(isinstance(f, RedactCapabilityUrls) for f in handler.filters):
                    handler.addFilter(RedactCapabilityUrls())


logger_class = RedactingLogger


def post_worker_init(worker: Any) -> None:
    """Say when a worker has loaded the app and takes requests: gunicorn only logs the fork,
    and loading ``config.wsgi`` (with ``config.warm``'s imports) takes seconds more."""
    worker.log.info("Worker ready (pid: %s)", worker.pid)
