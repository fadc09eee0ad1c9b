"""Which findings become new alerts: once per episode, once per user (and activity) per 30 days."""

from datetime import timedelta

from alerts.rules import Finding, PriorAlert, evaluate, new_alerts, split_identity
from tests.alerts.rulekit import NOW, ep, history

DAY = timedelta(days=1)


def _user_finding(*episode_ids, rule="possible_tarsal_tunnel", scope=""):
    return Finding(rule=rule, scope=scope, episode_ids=episode_ids)


def test_a_per_episode_finding_gets_the_episode_identity():
    finding = Finding(rule="prolonged_tingling", scope="episode:9", episode_ids=(9,))

    [decided] = new_alerts([finding], priors=[], now=NOW)

    assert decided.identity == "episode:9"
    assert decided.rule.level == "see_doctor"


def test_a_per_episode_finding_already_raised_is_not_raised_again():
    finding = Finding(rule="prolonged_tingling", scope="episode:9", episode_ids=(9,))
    prior = PriorAlert("prolonged_tingling", "episode:9", NOW - 400 * DAY, frozenset({9}))

    assert new_alerts([finding], priors=[prior], now=NOW) == []


def test_the_same_episode_can_raise_different_rules():
    findings = [
        Finding(rule="prolonged_tingling", scope="episode:9", episode_ids=(9,)),
        Finding(rule="emergency_symptoms", scope="episode:9", episode_ids=(9,)),
    ]
    prior = PriorAlert("prolonged_tingling", "episode:9", NOW, frozenset({9}))

    [decided] = new_alerts(findings, priors=[prior], now=NOW)

    assert decided.rule.code == "emergency_symptoms"


def test_the_first_alert_of_a_user_rule_is_number_zero():
    [decided] = new_alerts([_user_finding(1)], priors=[], now=NOW)

    assert decided.identity == "#0"


def test_a_user_rule_holds_back_within_30_days_of_the_previous_alert():
    prior = PriorAlert("possible_tarsal_tunnel", "#0", NOW - 29 * DAY, frozenset({1}))

    assert new_alerts([_user_finding(1, 2)], priors=[prior], now=NOW) == []


def test_a_user_rule_raises_again_30_days_after_the_previous_alert_with_new_evidence():
    prior = PriorAlert("possible_tarsal_tunnel", "#0", NOW - 30 * DAY, frozenset({1}))

    [decided] = new_alerts([_user_finding(1, 2)], priors=[prior], now=NOW)

    assert decided.identity == "#1"


def test_a_user_rule_does_not_raise_again_for_the_same_old_evidence():
    prior = PriorAlert("possible_tarsal_tunnel", "#0", NOW - 90 * DAY, frozenset({1, 2}))

    assert new_alerts([_user_finding(2)], priors=[prior], now=NOW) == []


def test_numbering_continues_after_the_highest_even_when_one_was_deleted():
    priors = [
        PriorAlert("possible_tarsal_tunnel", "#1", NOW - 60 * DAY, frozenset({3})),
        PriorAlert("possible_tarsal_tunnel", "#2", NOW - 31 * DAY, frozenset({4})),
    ]

    [decided] = new_alerts([_user_finding(5)], priors=priors, now=NOW)

    assert decided.identity == "#3"


def test_activity_scopes_are_counted_and_paused_separately():
    prior = PriorAlert("recurring_with_activity", "running#0", NOW - DAY, frozenset({1, 2, 3}))
    findings = [
        _user_finding(4, 5, 6, rule="recurring_with_activity", scope="running"),
        _user_finding(7, 8, 9, rule="recurring_with_activity", scope="cycling"),
    ]

    [decided] = new_alerts(findings, priors=[prior], now=NOW)

    assert decided.identity == "cycling#0"


def test_split_identity_reads_scope_and_number():
    assert split_identity("running#12") == ("running", 12)
    assert split_identity("#0") == ("", 0)


def test_evaluate_runs_every_rule_over_one_history():
    episode = ep(
        1,
        NOW - timedelta(hours=3),
        90,
        sensations=["tingling", "burning", "pain"],
        locations=["outer_thigh", "lower_back"],
        accompanying=["nausea"],
    )

    codes = [f.rule for f in evaluate(history(episode))]

    assert codes == [
        "emergency_symptoms",
        "prolonged_tingling",
        "tingling_with_red_flags",
        "possible_meralgia_paresthetica",
        "possible_nerve_compression",
    ]
