"""Pages of imports (mounted at ``/``)."""

from django.urls import path

from imports import views

app_name = "imports"

urlpatterns = [
    path("imports/", views.index, name="index"),
    path("imports/<uuid:job_uuid>/", views.job, name="job"),
    path("imports/<uuid:job_uuid>/status/", views.job_status, name="job_status"),
    path("imports/<uuid:job_uuid>/cancel/", views.job_cancel, name="job_cancel"),
    path("imports/merges/<int:candidate_id>/", views.merge_resolve, name="merge_resolve"),
]
