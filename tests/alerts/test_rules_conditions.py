"""Meralgia paresthetica, tarsal tunnel and nerve compression patterns."""

from datetime import timedelta

from django.utils import translation

from alerts.messages import alert_advice, alert_message
from tests.alerts.rulekit import NOW, as_alert, check, ep, history, kg, wo

DAY = timedelta(days=1)
TODAY = NOW.date()


def _thigh(id=1, when=NOW, **kwargs):
    kwargs.setdefault("sensations", ["burning", "tingling"])
    return ep(id, when, locations=["outer_thigh"], **kwargs)


def test_meralgia_fires_for_burning_in_the_outer_thigh():
    [finding] = check("possible_meralgia_paresthetica", history(_thigh()))

    assert finding.scope == ""
    assert finding.episode_ids == (1,)
    assert finding.params["risk_factors"] == []


def test_meralgia_fires_for_pain_in_the_outer_thigh():
    assert check("possible_meralgia_paresthetica", history(_thigh(sensations=["pain"])))


def test_meralgia_holds_back_for_tingling_alone_in_the_outer_thigh():
    episode = _thigh(sensations=["tingling", "numbness"])

    assert check("possible_meralgia_paresthetica", history(episode)) == []


def test_meralgia_holds_back_for_burning_in_the_front_of_the_thigh():
    episode = ep(1, NOW, sensations=["burning"], locations=["thigh"])

    assert check("possible_meralgia_paresthetica", history(episode)) == []


def test_meralgia_names_tight_clothing_and_a_repetitive_activity():
    workout = wo(5, "cycling", NOW - timedelta(hours=1), tight=True)
    episode = _thigh(workout=5)

    [finding] = check("possible_meralgia_paresthetica", history(episode, workouts=[workout]))

    assert finding.params["risk_factors"] == [
        {"code": "tight_clothing"},
        {"code": "repetitive_activity", "activities": ["cycling"]},
    ]
    assert finding.workout_ids == (5,)


def test_meralgia_does_not_count_yoga_as_repetitive_leg_movement():
    workout = wo(5, "yoga", NOW - timedelta(hours=1))

    [finding] = check("possible_meralgia_paresthetica", history(_thigh(), workouts=[workout]))

    assert finding.params["risk_factors"] == []


def test_meralgia_names_a_gain_of_3_kg_in_the_90_days_before():
    weights = [kg(TODAY - 90 * DAY, "80.0"), kg(TODAY - 40 * DAY, "81.0"), kg(TODAY, "83.0")]

    [finding] = check("possible_meralgia_paresthetica", history(_thigh(), weights=weights))

    assert finding.params["risk_factors"] == [
        {"code": "weight_gain", "kg": "3.0", "percent": "3.8"}
    ]


def test_meralgia_names_a_gain_of_5_percent_under_3_kg():
    weights = [kg(TODAY - 30 * DAY, "50.0"), kg(TODAY - DAY, "52.5")]

    [finding] = check("possible_meralgia_paresthetica", history(_thigh(), weights=weights))

    assert finding.params["risk_factors"] == [
        {"code": "weight_gain", "kg": "2.5", "percent": "5.0"}
    ]


def test_meralgia_holds_back_the_weight_factor_below_3_kg_and_5_percent():
    weights = [kg(TODAY - 30 * DAY, "70.0"), kg(TODAY, "72.9")]

    [finding] = check("possible_meralgia_paresthetica", history(_thigh(), weights=weights))

    assert finding.params["risk_factors"] == []


def test_meralgia_ignores_a_weight_measured_91_days_before():
    weights = [kg(TODAY - 91 * DAY, "70.0"), kg(TODAY, "75.0")]

    [finding] = check("possible_meralgia_paresthetica", history(_thigh(), weights=weights))

    assert finding.params["risk_factors"] == []


def test_meralgia_ignores_weights_after_the_episode():
    weights = [kg(TODAY - 30 * DAY, "70.0"), kg(TODAY + DAY, "75.0")]

    [finding] = check("possible_meralgia_paresthetica", history(_thigh(), weights=weights))

    assert finding.params["risk_factors"] == []


def test_meralgia_message_names_the_risk_factors_and_says_to_remove_the_compression():
    workout = wo(5, "running", NOW - timedelta(hours=1), tight=True)
    weights = [kg(TODAY - 60 * DAY, "70.0"), kg(TODAY, "74.0")]
    [finding] = check(
        "possible_meralgia_paresthetica",
        history(_thigh(workout=5), workouts=[workout], weights=weights),
    )

    with translation.override("en"):
        message = alert_message(as_alert(finding))
        advice = alert_advice(as_alert(finding))

    assert "On 23 Nov 2026 you logged burning or pain in the outer thigh." in message
    assert "meralgia paresthetica" in message
    assert "tight clothing during a workout" in message
    assert "a weight gain of 4.0 kg (5.7%) in the 90 days before" in message
    assert "repetitive leg movement (running)" in message
    assert "remove the compression" in advice


def test_tarsal_tunnel_fires_for_burning_and_numbness_in_the_sole():
    episode = ep(3, NOW, sensations=["burning", "numbness"], locations=["foot_sole", "toes"])

    [finding] = check("possible_tarsal_tunnel", history(episode))

    assert finding.episode_ids == (3,)
    assert finding.params["date"] == "2026-11-23"


def test_tarsal_tunnel_holds_back_for_burning_alone_in_the_sole():
    episode = ep(3, NOW, sensations=["burning", "pain"], locations=["foot_sole"])

    assert check("possible_tarsal_tunnel", history(episode)) == []


def test_tarsal_tunnel_holds_back_for_burning_and_tingling_elsewhere_in_the_foot():
    episode = ep(3, NOW, sensations=["burning", "tingling"], locations=["foot"])

    assert check("possible_tarsal_tunnel", history(episode)) == []


def test_tarsal_tunnel_message_names_the_sole_and_date():
    episode = ep(3, NOW - 2 * DAY, sensations=["burning", "tingling"], locations=["foot_sole"])
    [finding] = check("possible_tarsal_tunnel", history(episode))

    with translation.override("en"):
        message = alert_message(as_alert(finding))

    assert "On 21 Nov 2026 you logged burning with numbness or tingling" in message
    assert "tarsal tunnel syndrome" in message


def test_nerve_compression_fires_for_tingling_in_the_lower_back_and_a_leg():
    episode = ep(6, NOW, locations=["lower_back", "calf", "buttock"])

    [finding] = check("possible_nerve_compression", history(episode))

    assert finding.params["leg_locations"] == ["calf"]


def test_nerve_compression_holds_back_for_lower_back_and_buttock_only():
    episode = ep(6, NOW, locations=["lower_back", "buttock"])

    assert check("possible_nerve_compression", history(episode)) == []


def test_nerve_compression_holds_back_when_back_and_leg_are_separate_episodes():
    back = ep(6, NOW - DAY, locations=["lower_back"])
    leg = ep(7, NOW, locations=["calf"])

    assert check("possible_nerve_compression", history(back, leg)) == []


def test_nerve_compression_holds_back_without_numbness_or_tingling():
    episode = ep(6, NOW, sensations=["pain"], locations=["lower_back", "calf"])

    assert check("possible_nerve_compression", history(episode)) == []


def test_nerve_compression_message_names_the_leg_places():
    episode = ep(6, NOW, locations=["lower_back", "calf", "shin"])
    [finding] = check("possible_nerve_compression", history(episode))

    with translation.override("en"):
        message = alert_message(as_alert(finding))

    assert "in the lower back and in the calf and shin at the same time" in message
    assert "herniated disc" in message


def test_condition_evidence_is_the_matches_of_the_30_days_before_the_latest():
    old = ep(1, NOW - 40 * DAY, sensations=["burning", "tingling"], locations=["foot_sole"])
    recent = ep(2, NOW - 20 * DAY, sensations=["burning", "tingling"], locations=["foot_sole"])
    latest = ep(3, NOW, sensations=["burning", "numbness"], locations=["foot_sole"])

    [finding] = check("possible_tarsal_tunnel", history(old, recent, latest))

    assert finding.episode_ids == (2, 3)
    assert finding.params["count"] == 2
