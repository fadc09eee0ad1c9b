"""v1 API routes of reports (mounted under ``/api/v1/``)."""

from django.urls import path

from reports.apis import (
    ExportApi,
    ExportJobApi,
    ExportJobFileApi,
    ImportApi,
    ShareLinkDetailApi,
    ShareLinkListApi,
)

app_name = "reports_api"

urlpatterns = [
    path("export/", ExportApi.as_view(), name="export"),
    path("export/jobs/<uuid:job_uuid>/", ExportJobApi.as_view(), name="export-job"),
    path("export/jobs/<uuid:job_uuid>/file/", ExportJobFileApi.as_view(), name="export-job-file"),
    path("import/", ImportApi.as_view(), name="import"),
    path("share-links/", ShareLinkListApi.as_view(), name="share-link-list"),
    path(
        "share-links/<int:share_link_id>/", ShareLinkDetailApi.as_view(), name="share-link-detail"
    ),
]
