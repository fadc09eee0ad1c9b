"""Per-episode rules: emergency symptoms, prolonged tingling, tingling with red flags."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import translation

from alerts.messages import alert_message, alert_title
from tests.alerts.rulekit import NOW, as_alert, check, ep, history, wo


def test_emergency_symptoms_fires_for_nausea_with_the_episode_as_evidence():
    episode = ep(7, NOW - timedelta(hours=1), accompanying=["nausea", "pallor"])

    [finding] = check("emergency_symptoms", history(episode))

    assert finding.scope == "episode:7"
    assert finding.episode_ids == (7,)
    assert finding.params["symptoms"] == ["nausea"]


@pytest.mark.parametrize(
    "symptom", ["nausea", "breathing_difficulty", "severe_leg_pain", "loss_of_consciousness"]
)
def test_emergency_symptoms_fires_for_each_emergency_symptom_even_without_tingling(symptom):
    episode = ep(1, NOW - timedelta(hours=1), sensations=["pain"], accompanying=[symptom])

    assert len(check("emergency_symptoms", history(episode))) == 1


def test_emergency_symptoms_holds_back_for_symptoms_that_are_not_emergencies():
    episode = ep(1, NOW, accompanying=["pallor", "dizziness", "muscle_spasm", "stiffness"])

    assert check("emergency_symptoms", history(episode)) == []


def test_emergency_symptoms_evidence_includes_the_workout_it_happened_after():
    workout = wo(3, "running", NOW - timedelta(hours=2), minutes=60)
    episode = ep(1, NOW - timedelta(minutes=30), accompanying=["nausea"])

    [finding] = check("emergency_symptoms", history(episode, workouts=[workout]))

    assert finding.workout_ids == (3,)


@override_settings(EMERGENCY_NUMBER="119")
def test_emergency_message_names_the_time_symptoms_and_emergency_number():
    episode = ep(1, NOW - timedelta(hours=1), accompanying=["nausea", "severe_leg_pain"])
    [finding] = check("emergency_symptoms", history(episode))

    with translation.override("en"):
        message = alert_message(as_alert(finding))

    assert "23 Nov 2026 at 11:00" in message
    assert "nausea and severe leg pain" in message
    assert "119" in message
    assert "now" in message


def test_prolonged_tingling_fires_past_sixty_minutes():
    episode = ep(4, NOW - timedelta(hours=3), minutes=61)

    [finding] = check("prolonged_tingling", history(episode))

    assert finding.scope == "episode:4"
    assert finding.params["minutes"] == 61


def test_prolonged_tingling_holds_back_at_exactly_sixty_minutes():
    episode = ep(4, NOW - timedelta(hours=3), minutes=60)

    assert check("prolonged_tingling", history(episode)) == []


def test_prolonged_tingling_holds_back_for_an_ongoing_episode_59_minutes_old():
    episode = ep(4, NOW - timedelta(minutes=59), minutes=None)

    assert check("prolonged_tingling", history(episode)) == []


def test_prolonged_tingling_fires_for_an_ongoing_episode_once_the_hour_has_passed():
    episode = ep(4, NOW - timedelta(minutes=60, seconds=1), minutes=None)

    [finding] = check("prolonged_tingling", history(episode))

    assert finding.params["ongoing"] is True


def test_prolonged_tingling_ignores_long_burning_without_numbness_or_tingling():
    episode = ep(4, NOW - timedelta(hours=3), minutes=120, sensations=["burning", "pain"])

    assert check("prolonged_tingling", history(episode)) == []


def test_prolonged_tingling_message_says_how_long_and_when():
    episode = ep(4, NOW - timedelta(hours=3), minutes=75, sensations=["numbness"])
    [finding] = check("prolonged_tingling", history(episode))

    with translation.override("en"):
        message = alert_message(as_alert(finding))
        title = alert_title(as_alert(finding))

    assert "23 Nov 2026 at 09:00 lasted 1 hour 15 minutes" in message
    assert "more than an hour" in message
    assert "hour" in title


def test_prolonged_tingling_message_for_an_ongoing_episode_says_it_is_still_going():
    episode = ep(4, NOW - timedelta(minutes=95), minutes=None)
    [finding] = check("prolonged_tingling", history(episode))

    with translation.override("en"):
        message = alert_message(as_alert(finding))

    assert "has now lasted 1 hour 35 minutes" in message


def test_tingling_with_red_flags_fires_when_tingling_hurts():
    episode = ep(2, NOW, sensations=["tingling", "pain"])

    [finding] = check("tingling_with_red_flags", history(episode))

    assert finding.params["flags"] == ["pain"]


@pytest.mark.parametrize(
    "flag",
    [
        "limited_range_of_motion",
        "immobility",
        "difficulty_urinating",
        "rash",
        "dizziness",
        "loss_of_balance",
    ],
)
def test_tingling_with_red_flags_fires_for_each_warning_sign(flag):
    episode = ep(2, NOW, sensations=["numbness"], accompanying=[flag])

    [finding] = check("tingling_with_red_flags", history(episode))

    assert finding.params["flags"] == [flag]


def test_tingling_with_red_flags_holds_back_for_signs_not_on_the_list():
    episode = ep(2, NOW, accompanying=["pallor", "stiffness", "muscle_weakness"])

    assert check("tingling_with_red_flags", history(episode)) == []


def test_tingling_with_red_flags_holds_back_for_pain_without_numbness_or_tingling():
    episode = ep(2, NOW, sensations=["burning", "pain"], accompanying=["dizziness"])

    assert check("tingling_with_red_flags", history(episode)) == []


def test_tingling_with_red_flags_message_names_the_signs():
    episode = ep(2, NOW, sensations=["tingling", "pain"], accompanying=["rash", "dizziness"])
    [finding] = check("tingling_with_red_flags", history(episode))

    with translation.override("en"):
        message = alert_message(as_alert(finding))

    assert "together with pain, dizziness and a rash in the area" in message
