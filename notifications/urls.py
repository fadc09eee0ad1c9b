"""Signed links from emails; included at the site root."""

from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path(
        "email/unsubscribe/<str:kind>/<str:token>/",
        views.unsubscribe,
        name="unsubscribe",
    ),
    path("email/no-symptoms/<str:token>/", views.no_symptoms, name="no-symptoms"),
]
