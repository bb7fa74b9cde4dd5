"""Serializers of the public results API: explicit fields, aggregates only."""

from rest_framework import serializers


class EstimateSerializer(serializers.Serializer):
    wave = serializers.IntegerField()
    measure = serializers.CharField()
    group = serializers.CharField()
    group_value = serializers.CharField()
    n = serializers.IntegerField()
    unweightable = serializers.IntegerField()
    estimate = serializers.FloatField(allow_null=True)
    se = serializers.FloatField(allow_null=True)
    ci_low = serializers.FloatField(allow_null=True)
    ci_high = serializers.FloatField(allow_null=True)
    dont_know = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField()
    low_base = serializers.BooleanField()
    design_effect = serializers.FloatField(allow_null=True)
    effective_n = serializers.FloatField(allow_null=True)


class ChangeSerializer(serializers.Serializer):
    measure = serializers.CharField()
    group = serializers.CharField()
    group_value = serializers.CharField()
    from_wave = serializers.IntegerField()
    to_wave = serializers.IntegerField()
    difference = serializers.FloatField()
    se = serializers.FloatField()
    p_value = serializers.FloatField(allow_null=True)
    q_value = serializers.FloatField(allow_null=True)
    significant = serializers.BooleanField()


class BenchmarkSerializer(serializers.Serializer):
    measure = serializers.CharField()
    pas_measure = serializers.CharField()
    year = serializers.IntegerField()
    survey = serializers.FloatField(allow_null=True, help_text="our survey's estimate")
    survey_ci_low = serializers.FloatField(allow_null=True)
    survey_ci_high = serializers.FloatField(allow_null=True)
    pas_borough = serializers.FloatField(allow_null=True)
    pas_london = serializers.FloatField(allow_null=True)
    borough_minus_london = serializers.FloatField(
        allow_null=True, help_text="a difference only: PAS publishes no margins of error"
    )
    borough_below_london = serializers.BooleanField(allow_null=True)


class FearGapSerializer(serializers.Serializer):
    wave = serializers.IntegerField()
    ward = serializers.CharField()
    n = serializers.IntegerField()
    unsafe_share = serializers.FloatField(allow_null=True)
    crime_rate = serializers.FloatField(allow_null=True, help_text="recorded crimes per 1,000")
    reports_per_1000 = serializers.FloatField(allow_null=True)
    quadrant = serializers.CharField(allow_null=True)
    fear_threshold = serializers.FloatField(allow_null=True)
    crime_threshold = serializers.FloatField(allow_null=True)
