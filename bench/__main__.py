"""``python -m bench`` (``make bench``): the table of issue 14, see bench/table.py.

``python -m bench.harness`` still runs the older per-path timings of one person."""

import sys

from bench.table import main

sys.exit(main())
