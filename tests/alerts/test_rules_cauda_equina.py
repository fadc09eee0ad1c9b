"""possible_cauda_equina: saddle-area numbness, or a bladder or bowel change with the lower
back or both sides; urgent, once per episode, worded in English and Indonesian."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import translation

from alerts.messages import alert_advice, alert_message, alert_title
from alerts.rules import RULES, rule_codes
from tests.alerts.rulekit import JAKARTA, NOW, as_alert, check, ep, history, wo

RULE = "possible_cauda_equina"
AN_HOUR_AGO = NOW - timedelta(hours=1)


def test_possible_cauda_equina_is_urgent_once_per_episode_right_after_the_other_per_episode_rules():
    assert RULES[RULE].level == "urgent"
    assert RULES[RULE].per_episode
    codes = rule_codes()
    assert codes.index(RULE) == codes.index("tingling_with_red_flags") + 1


@pytest.mark.parametrize("sensation", ["numbness", "tingling"])
def test_numbness_or_tingling_in_the_saddle_area_fires(sensation):
    episode = ep(4, AN_HOUR_AGO, sensations=[sensation], locations=["saddle_area"])

    [finding] = check(RULE, history(episode))

    assert finding.scope == "episode:4"
    assert finding.episode_ids == (4,)
    assert finding.params["saddle"] is True
    assert finding.params["symptoms"] == []


@pytest.mark.parametrize("sensations", [["burning"], ["pain"], ["burning", "pain"]])
def test_burning_or_pain_alone_in_the_saddle_area_holds_back(sensations):
    episode = ep(1, AN_HOUR_AGO, sensations=sensations, locations=["saddle_area"])

    assert check(RULE, history(episode)) == []


def test_numbness_next_to_the_saddle_area_holds_back():
    episode = ep(1, AN_HOUR_AGO, sensations=["numbness"], locations=["buttock", "thigh"])

    assert check(RULE, history(episode)) == []


@pytest.mark.parametrize("symptom", ["difficulty_urinating", "bowel_control_change"])
@pytest.mark.parametrize(
    ("locations", "side"), [(["lower_back"], "left"), (["calf"], "both"), (["lower_back"], "both")]
)
def test_a_bladder_or_bowel_change_with_the_lower_back_or_both_sides_fires_with_any_sensation(
    symptom, locations, side
):
    episode = ep(
        2, AN_HOUR_AGO, sensations=["pain"], locations=locations, side=side, accompanying=[symptom]
    )

    [finding] = check(RULE, history(episode))

    assert finding.params["symptoms"] == [symptom]
    assert finding.params["lower_back"] is ("lower_back" in locations)
    assert finding.params["both_sides"] is (side == "both")
    assert finding.params["saddle"] is False


@pytest.mark.parametrize("symptom", ["difficulty_urinating", "bowel_control_change"])
def test_a_bladder_or_bowel_change_on_one_side_away_from_the_back_holds_back(symptom):
    episode = ep(
        1, AN_HOUR_AGO, locations=["calf", "buttock"], side="right", accompanying=[symptom]
    )

    assert check(RULE, history(episode)) == []


def test_the_lower_back_on_both_sides_without_a_bladder_or_bowel_change_holds_back():
    episode = ep(
        1, AN_HOUR_AGO, locations=["lower_back"], side="both", accompanying=["rash", "stiffness"]
    )

    assert check(RULE, history(episode)) == []


def test_each_matching_episode_is_its_own_finding_with_its_workout_as_evidence():
    workout = wo(9, "cycling", NOW - timedelta(hours=3), minutes=60)
    first = ep(1, NOW - timedelta(hours=2), sensations=["numbness"], locations=["saddle_area"])
    second = ep(2, AN_HOUR_AGO, side="both", accompanying=["bowel_control_change"])

    findings = check(RULE, history(first, second, workouts=[workout]))

    assert [(f.scope, f.workout_ids) for f in findings] == [
        ("episode:1", (9,)),
        ("episode:2", (9,)),
    ]


@override_settings(EMERGENCY_NUMBER="119")
def test_saddle_message_says_when_what_it_may_mean_and_to_seek_emergency_care_in_english():
    episode = ep(1, AN_HOUR_AGO, sensations=["numbness"], locations=["saddle_area"])
    [finding] = check(RULE, history(episode, zone=JAKARTA))
    alert = as_alert(finding)

    with translation.override("en"):
        title, message, advice = alert_title(alert), alert_message(alert), alert_advice(alert)

    assert title == "Signs at the base of the spine that need help now"
    assert "On 23 Nov 2026 at 18:00 you logged numbness or tingling in the saddle area" in (message)
    assert "compressed nerve root at the base of the spine" in message
    assert "hospitals treat as an emergency (UK NHS guidance)" in message
    assert advice.startswith("Seek emergency care now: call 119")
    assert message.endswith(advice)


@override_settings(EMERGENCY_NUMBER="119")
def test_saddle_message_reads_in_indonesian_with_the_emergency_number():
    episode = ep(1, AN_HOUR_AGO, sensations=["tingling"], locations=["saddle_area"])
    [finding] = check(RULE, history(episode, zone=JAKARTA))
    alert = as_alert(finding)

    with translation.override("id"):
        title, message = alert_title(alert), alert_message(alert)

    assert title == "Tanda di pangkal tulang belakang yang perlu segera ditangani"
    assert "Pada 23 Nov 2026 pukul 18:00 Anda mencatat mati rasa atau kesemutan di area sadel" in (
        message
    )
    assert "akar saraf yang tertekan di pangkal tulang belakang" in message
    assert "panduan NHS Inggris" in message
    assert "Segera cari pertolongan darurat: hubungi 119" in message


@pytest.mark.parametrize(
    ("language", "lower_back", "both", "expected"),
    [
        ("en", True, False, "difficulty urinating together with symptoms in your lower back."),
        ("en", False, True, "a change in bowel control together with symptoms on both sides."),
        (
            "en",
            True,
            True,
            "difficulty urinating and a change in bowel control together with symptoms in "
            "your lower back and on both sides.",
        ),
        ("id", True, False, "sulit buang air kecil bersamaan dengan keluhan di punggung bawah."),
        (
            "id",
            False,
            True,
            "perubahan kontrol buang air besar bersamaan dengan keluhan di kedua sisi.",
        ),
        (
            "id",
            True,
            True,
            "sulit buang air kecil dan perubahan kontrol buang air besar bersamaan dengan keluhan "
            "di punggung bawah dan di kedua sisi.",
        ),
    ],
)
def test_bladder_or_bowel_message_names_the_change_and_where_in_both_languages(
    language, lower_back, both, expected
):
    symptoms = {
        (True, False): ["difficulty_urinating"],
        (False, True): ["bowel_control_change"],
        (True, True): ["difficulty_urinating", "bowel_control_change"],
    }[(lower_back, both)]
    episode = ep(
        1,
        AN_HOUR_AGO,
        sensations=["pain"],
        locations=["lower_back"] if lower_back else ["calf"],
        side="both" if both else "left",
        accompanying=symptoms,
    )
    [finding] = check(RULE, history(episode))

    with translation.override(language):
        message = alert_message(as_alert(finding))

    assert expected in message
    assert "112" in message
