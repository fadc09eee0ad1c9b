"""Alert wording in English and Bahasa Indonesia, for every rule."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from alerts.messages import alert_advice, alert_message, alert_title, format_duration
from alerts.messages.wording import TITLES
from alerts.rules import RULES, evaluate
from tests.alerts.rulekit import NOW, as_alert, ep, history, kg, wo

DAY = timedelta(days=1)


def _every_rule_history():
    """One history in which every rule of the table fires."""
    stepper = [wo(10 + i, "stepper", NOW - (9 - 3 * i) * DAY) for i in range(3)]
    running = [wo(20 + i, "running", NOW - (8 - 3 * i) * DAY, tight=True) for i in range(3)]
    episodes = [
        ep(1 + i, w.started_at + timedelta(minutes=10), 10 + 10 * i, workout=w.id)
        for i, w in enumerate(stepper)
    ]
    episodes += [
        ep(
            4 + i,
            w.started_at + timedelta(minutes=10),
            severity=2,
            sensations=["burning", "tingling"],
            locations=["outer_thigh", "lower_back", "calf"],
            workout=w.id,
        )
        for i, w in enumerate(running)
    ]
    episodes += [
        ep(7, NOW - 20 * DAY, sensations=["burning", "numbness"], locations=["foot_sole"]),
        ep(8, NOW - 3 * timedelta(hours=1), 90, accompanying=["nausea", "rash"]),
        ep(9, NOW - DAY, sensations=["numbness"], locations=["saddle_area"]),
    ]
    weights = [kg(NOW.date() - 80 * DAY, "70.0"), kg(NOW.date() - 5 * DAY, "74.0")]
    return history(*episodes, workouts=[*stepper, *running], weights=weights)


def _alerts():
    return [as_alert(f) for f in evaluate(_every_rule_history())]


def test_the_every_rule_history_fires_every_rule():
    assert {a.rule for a in _alerts()} == set(RULES)


LANGUAGES = ["en", "id"]
# What a wording slip leaves behind: a placeholder gettext or % never filled in.
PLACEHOLDER = re.compile(r"%\(\w+\)[a-z]|%[sd]\b|\{\w*\}")


def _sentences(text: str) -> list[str]:
    """The sentences and colon-separated clauses of ``text`` that have three words or
    more, without their closing punctuation."""
    parts = (p.strip().rstrip(".:!?") for p in re.split(r"(?<=[.:!?])\s+", text))
    return [p for p in parts if len(p.split()) >= 3]


def _rendered(alert, language):
    with translation.override(language):
        return SimpleNamespace(
            title=alert_title(alert), message=alert_message(alert), advice=alert_advice(alert)
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_rule_is_titled_from_its_own_entry_of_the_wording_table(language):
    for alert in _alerts():
        title = _rendered(alert, language).title

        assert alert.rule in TITLES, alert.rule
        with translation.override(language):
            assert title == TITLES[alert.rule](alert.context), alert.rule
        assert title not in {alert.rule, alert.rule.replace("_", " ")}, alert.rule
        assert "_" not in title, (alert.rule, title)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_rule_has_its_own_title(language):
    titles = [_rendered(alert, language).title for alert in _alerts()]

    assert len(set(titles)) == len(titles), titles


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_says_what_was_seen_and_ends_with_what_to_do(language):
    for alert in _alerts():
        text = _rendered(alert, language)

        assert text.advice.strip(), alert.rule
        assert text.message.endswith(text.advice), (alert.rule, text.message)
        # Something was said before the advice: what was seen and what it may point to.
        assert len(text.message) > len(text.advice) + 20, (alert.rule, text.message)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_shows_an_unfilled_placeholder(language):
    for alert in _alerts():
        text = _rendered(alert, language)

        for part in (text.title, text.message, text.advice):
            assert not PLACEHOLDER.search(part), (alert.rule, part)


def test_every_rule_reads_in_indonesian_not_english():
    for alert in _alerts():
        english = _rendered(alert, "en")
        indonesian = _rendered(alert, "id")

        assert indonesian.title != english.title, alert.rule
        assert indonesian.advice != english.advice, alert.rule
        assert indonesian.message != english.message, alert.rule
        for sentence in _sentences(english.message):
            assert sentence not in indonesian.message, (alert.rule, sentence)


@pytest.mark.parametrize("language", LANGUAGES)
@override_settings(EMERGENCY_NUMBER="119")
def test_urgent_rules_name_the_configured_emergency_number(language):
    urgent = [a for a in _alerts() if RULES[a.rule].level == "urgent"]
    assert urgent, "the every-rule history raises an urgent alert"
    for alert in urgent:
        text = _rendered(alert, language)

        assert settings.EMERGENCY_NUMBER in text.advice, (alert.rule, text.advice)
        assert settings.EMERGENCY_NUMBER in text.message, (alert.rule, text.message)
        assert "112" not in text.message, "the number comes from settings, not the wording"


@override_settings(EMERGENCY_NUMBER="119")
def test_urgent_alerts_tell_to_call_the_number_now_in_both_languages():
    urgent = {a.rule: a for a in _alerts() if RULES[a.rule].level == "urgent"}
    assert set(urgent) == {"emergency_symptoms", "possible_cauda_equina"}

    english = {rule: _rendered(alert, "en").message for rule, alert in urgent.items()}
    indonesian = {rule: _rendered(alert, "id").message for rule, alert in urgent.items()}

    for rule in urgent:
        assert "call 119" in english[rule], rule
        assert "hubungi 119" in indonesian[rule], rule
    assert "seek medical help now" in english["emergency_symptoms"]
    assert "segera cari pertolongan medis" in indonesian["emergency_symptoms"]
    assert "Seek emergency care now" in english["possible_cauda_equina"]
    assert "Segera cari pertolongan darurat" in indonesian["possible_cauda_equina"]


def test_indonesian_messages_write_dates_and_durations_the_indonesian_way():
    [prolonged] = [a for a in _alerts() if a.rule == "prolonged_tingling"]

    with translation.override("id"):
        message = alert_message(prolonged)

    assert "23 Nov 2026 pukul 09:00" in message
    assert "1 jam 30 menit" in message


def test_persistent_or_worsening_names_pad_in_indonesian():
    [alert] = [a for a in _alerts() if a.rule == "persistent_or_worsening"]

    with translation.override("id"):
        message = alert_message(alert)

    assert "penyakit arteri perifer, PAD" in message


def test_meralgia_names_each_risk_factor_in_indonesian():
    [alert] = [a for a in _alerts() if a.rule == "possible_meralgia_paresthetica"]

    with translation.override("id"):
        message = alert_message(alert)

    assert "pakaian ketat saat berolahraga" in message
    assert "kenaikan berat badan 4,0 kg (5,7%) dalam 90 hari sebelumnya" in message
    assert "gerakan kaki yang berulang (lari)" in message
    assert "menghilangkan tekanan pada saraf" in message


def test_recurring_with_activity_names_the_activity_in_indonesian():
    [alert] = [a for a in _alerts() if a.rule == "recurring_with_activity"]

    with translation.override("id"):
        assert alert_title(alert) == "Mati rasa terus berulang pada sesi lari"
        assert "3 episode setelah 3 sesi lari" in alert_message(alert)


def test_durations_read_as_hours_and_minutes():
    with translation.override("en"):
        assert format_duration(1) == "1 minute"
        assert format_duration(60) == "1 hour"
        assert format_duration(125) == "2 hours 5 minutes"


def test_a_message_whose_context_is_incomplete_still_says_what_to_do():
    alert = SimpleNamespace(rule="prolonged_tingling", context={})

    with translation.override("en"):
        message = alert_message(alert)

    assert message == alert_advice(alert)
    assert "Book a doctor's visit soon" in message


def test_an_unknown_rule_reads_as_its_code():
    alert = SimpleNamespace(rule="retired_rule", context={})

    assert alert_title(alert) == "retired rule"
    assert alert_message(alert) == ""
