"""The error shape, declared once for the OpenAPI schema."""

from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

ErrorSerializer = inline_serializer(
    name="Error",
    fields={
        "status": serializers.IntegerField(),
        "code": serializers.CharField(),
        "message": serializers.CharField(),
        "errors": serializers.DictField(),
    },
)


def error_responses(*statuses):
    return {code: OpenApiResponse(ErrorSerializer) for code in statuses}
