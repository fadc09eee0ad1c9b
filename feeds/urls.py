"""Pages of feeds (mounted at ``/``)."""

from django.urls import path

from feeds import views

app_name = "feeds"

urlpatterns = [
    path("calendar/", views.index, name="index"),
    path("calendar/new/", views.create, name="create"),
    path("calendar/revoke/", views.revoke, name="revoke"),
    path("calendar/<str:token>.ics", views.calendar, name="calendar"),
]
