"""``manage.py check`` says when PDFs will be slow for want of HarfBuzz's subsetter."""

import ctypes.util

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from reports.checks import harfbuzz_subset_installed


def test_check_warns_when_libharfbuzz_subset_is_missing(monkeypatch):
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    warnings = harfbuzz_subset_installed()
    assert [w.id for w in warnings] == ["reports.W001"]
    assert "libharfbuzz-subset0" in warnings[0].hint
    with pytest.raises(SystemCheckError, match="reports.W001"):
        call_command("check", fail_level="WARNING")


def test_check_is_quiet_when_libharfbuzz_subset_is_found(monkeypatch):
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: "libharfbuzz-subset.so.0")
    assert harfbuzz_subset_installed() == []
