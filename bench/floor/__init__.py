"""Bench-only floors: the bare DRF views every HTTP figure of ``make bench`` is divided by.

Installed only by ``bench.settings``; the product never sees this app or its table.
"""
