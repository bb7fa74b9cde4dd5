"""How every API refers to a ward: its GSS code and name (one schema component)."""

from rest_framework import serializers


class WardRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
