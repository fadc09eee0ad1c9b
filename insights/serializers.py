"""The shape of ``GET /api/v1/insights/`` (output only)."""

from rest_framework import serializers


class IntervalSerializer(serializers.Serializer):
    low = serializers.FloatField(help_text="Lower bound of the 95% interval.")
    high = serializers.FloatField(
        allow_null=True, help_text="Upper bound of the 95% interval; null: not bounded yet."
    )


class RateSerializer(serializers.Serializer):
    sessions_with_episode = serializers.IntegerField()
    sessions_known = serializers.IntegerField(
        help_text="Sessions with an episode or confirmed symptom-free (the denominator)."
    )
    sessions_no_answer = serializers.IntegerField(help_text="Left out of the rate.")
    rate = serializers.FloatField(allow_null=True, help_text="null: not enough data yet.")
    interval = IntervalSerializer(allow_null=True, help_text="Wilson 95% interval.")
    text = serializers.CharField()


class OnsetSerializer(serializers.Serializer):
    episodes = serializers.IntegerField()
    during = serializers.IntegerField()
    after = serializers.IntegerField()
    median_minutes = serializers.FloatField(allow_null=True)
    interval = IntervalSerializer(allow_null=True, help_text="Order-statistic 95% interval.")
    text = serializers.CharField()


class TimeToOnsetSerializer(serializers.Serializer):
    sessions = serializers.IntegerField()
    onsets = serializers.IntegerField()
    enough_data = serializers.BooleanField()
    median_reached = serializers.BooleanField()
    median_minutes = serializers.FloatField(allow_null=True)
    interval = IntervalSerializer(allow_null=True)
    text = serializers.CharField()


class EffectSerializer(serializers.Serializer):
    odds_ratio = serializers.FloatField()
    low = serializers.FloatField()
    high = serializers.FloatField()


class DoseResponseSerializer(serializers.Serializer):
    sessions = serializers.IntegerField()
    estimable = serializers.BooleanField()
    reason = serializers.CharField(allow_null=True, help_text="Why it cannot be estimated yet.")
    per_10_minutes = EffectSerializer(allow_null=True)
    per_intensity_point = EffectSerializer(allow_null=True)
    text = serializers.ListField(child=serializers.CharField())


class ActivityInsightSerializer(serializers.Serializer):
    activity = serializers.CharField()
    activity_label = serializers.CharField()
    rate = RateSerializer()
    onset = OnsetSerializer()
    time_to_onset = TimeToOnsetSerializer()
    dose_response = DoseResponseSerializer()


class ArmSerializer(serializers.Serializer):
    sessions_with_episode = serializers.IntegerField()
    sessions_known = serializers.IntegerField(help_text="Sessions with a known outcome.")
    sessions_no_answer = serializers.IntegerField(help_text="Left out of the rate.")
    rate = serializers.FloatField(allow_null=True)
    interval = IntervalSerializer(allow_null=True, help_text="Wilson 95% interval.")


class ExperimentTestSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=["fisher_exact"], help_text="Two-sided.")
    p_value = serializers.FloatField()
    direction = serializers.ChoiceField(choices=["fewer", "more", "no_clear_difference"])


class ExperimentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    activity = serializers.CharField()
    change_tag = serializers.CharField(allow_null=True)
    change_text = serializers.CharField()
    planned_sessions = serializers.IntegerField()
    sessions_done = serializers.IntegerField(
        help_text="Sessions of the activity since the start, up to planned_sessions."
    )
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True)
    abandoned = serializers.BooleanField(help_text="Stopped before the planned sessions.")
    result_ready = serializers.BooleanField(
        help_text="The planned sessions are done and both sides can be compared."
    )
    reason = serializers.ChoiceField(
        choices=["running", "abandoned", "no_known_outcomes", "too_little_baseline"],
        allow_null=True,
        help_text="Why there is no result; null when result_ready.",
    )
    experiment = ArmSerializer(
        allow_null=True, help_text="The experiment's sessions; null until they are all done."
    )
    baseline = ArmSerializer(
        allow_null=True,
        help_text="Sessions of the activity before the start; null until the experiment's "
        "sessions are all done.",
    )
    test = ExperimentTestSerializer(
        allow_null=True, help_text="Fisher's exact test; null unless result_ready."
    )
    title = serializers.CharField()
    text = serializers.ListField(child=serializers.CharField())


class MnsiResponseSerializer(serializers.Serializer):
    answered_at = serializers.DateTimeField()
    score = serializers.IntegerField(help_text="0 to 13, scored as the University of Michigan.")
    text = serializers.CharField()


class MnsiSerializer(serializers.Serializer):
    responses = MnsiResponseSerializer(many=True, help_text="Oldest first.")
    trend = serializers.CharField()
    caveat = serializers.CharField()


class InsightsSerializer(serializers.Serializer):
    activities = ActivityInsightSerializer(many=True)
    experiments = ExperimentSerializer(
        many=True,
        help_text='"Try one fix" experiments, newest first; their rates and test only once '
        "the planned sessions are done. Associations, not a diagnosis.",
    )
    mnsi = MnsiSerializer(
        help_text="Michigan Neuropathy Screening Instrument (patient part) answers."
    )
