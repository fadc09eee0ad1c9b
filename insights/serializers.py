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


class InsightsSerializer(serializers.Serializer):
    activities = ActivityInsightSerializer(many=True)
