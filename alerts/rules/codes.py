"""The rule codes of alert-rules.md, in the order of its table (most serious first).

Their values are part of the public API (``Alert.rule``, ``?rule=``). This order is
the order the rules run in, the filters list them in, and the wording is checked in.
"""

from enum import StrEnum


class RuleCode(StrEnum):
    EMERGENCY_SYMPTOMS = "emergency_symptoms"
    PROLONGED_TINGLING = "prolonged_tingling"
    TINGLING_WITH_RED_FLAGS = "tingling_with_red_flags"
    POSSIBLE_CAUDA_EQUINA = "possible_cauda_equina"
    RECURRING_WITH_STEPPER = "recurring_with_stepper"
    RECURRING_WITH_ACTIVITY = "recurring_with_activity"
    PERSISTENT_OR_WORSENING = "persistent_or_worsening"
    POSSIBLE_MERALGIA_PARESTHETICA = "possible_meralgia_paresthetica"
    POSSIBLE_TARSAL_TUNNEL = "possible_tarsal_tunnel"
    POSSIBLE_NERVE_COMPRESSION = "possible_nerve_compression"
