"""gunicorn reads ./gunicorn.conf.py when no -c is given: the settings of config/gunicorn.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from config.gunicorn import *  # noqa: F403
