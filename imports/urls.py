"""v1 API routes of imports (mounted under ``/api/v1/``)."""

from django.urls import path

from imports.apis import ImportCancelApi, ImportDetailApi, ImportListApi

app_name = "imports_api"

urlpatterns = [
    path("imports/", ImportListApi.as_view(), name="list"),
    path("imports/<int:job_id>/", ImportDetailApi.as_view(), name="detail"),
    path("imports/<int:job_id>/cancel/", ImportCancelApi.as_view(), name="cancel"),
]
