"""Alert pages. ``/alerts/<id>/`` is linked from alert emails: keep it."""

from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("alerts/", views.alert_list_page, name="list"),
    path("alerts/<int:pk>/", views.alert_detail, name="detail"),
    path("alerts/<int:pk>/acknowledge/", views.alert_acknowledge_view, name="acknowledge"),
]
