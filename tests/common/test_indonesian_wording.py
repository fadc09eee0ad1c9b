"""The Indonesian text follows docs/glossary-id.md."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from symptoms.vocabulary import Accompanying, Location

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(ROOT.glob("*/locale/id/LC_MESSAGES/django.po"))


def _msgstrs():
    for path in CATALOGUES:
        for match in re.finditer(r'^msgstr(?:\[\d\])? "(.*)"$', path.read_text(), re.M):
            yield path.parent.parent.parent.parent.name, match.group(1)


def test_the_glossary_exists_and_names_the_severity_word():
    text = (ROOT / "docs" / "glossary-id.md").read_text()
    assert "tingkat keparahan" in text


@pytest.mark.parametrize(
    "banned",
    [
        "Kekuatan",
        "kekuatan",
        " mnt",
        "segera cari pertolongan medis sekarang",
        "di area itu",
        "Gerakan halus hilang",
    ],
)
def test_no_indonesian_text_uses_words_the_glossary_rules_out(banned):
    offenders = [(app, text) for app, text in _msgstrs() if banned in text]
    assert offenders == []


def test_minutes_are_written_menit_in_indonesian():
    offenders = [(app, t) for app, t in _msgstrs() if re.search(r"\d\)?[sd]? min\b", t)]
    assert offenders == []


def test_no_location_label_carries_brackets_that_a_side_would_double():
    with translation.override("id"):
        labels = [str(choice.label) for choice in Location if choice.value != "saddle_area"]
    assert [label for label in labels if "(" in label] == []


def test_red_flag_wording_reads_as_a_native_writer_would():
    with translation.override("id"):
        assert str(Accompanying("rash").label) == "Ruam di area yang terkena"
