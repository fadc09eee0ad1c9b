"""v1 API route for the insights (mounted under ``/api/v1/``)."""

from django.urls import path

from insights.apis import InsightsApi

urlpatterns = [path("insights/", InsightsApi.as_view(), name="insights")]
