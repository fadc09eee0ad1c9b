"""Pages of reports (mounted at ``/``): the Reports page and the public share page."""

from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.index, name="index"),
    path("reports/sharing/", views.sharing, name="sharing"),
    path("reports/download/", views.download, name="download"),
    path("reports/jobs/<uuid:job_uuid>/", views.job, name="job"),
    path("reports/jobs/<uuid:job_uuid>/status/", views.job_status, name="job_status"),
    path("reports/jobs/<uuid:job_uuid>/file/", views.job_file, name="job_file"),
    path("reports/share-links/", views.share_create, name="share_create"),
    path(
        "reports/share-links/<int:share_link_id>/revoke/",
        views.share_revoke,
        name="share_revoke",
    ),
    path("share/<str:token>/", views.share, name="share"),
    path("share/<str:token>/pdf/", views.share_pdf, name="share_pdf"),
]
