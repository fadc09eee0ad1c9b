"""Pages of the insights app."""

from django.urls import path

from insights import views

app_name = "insights"
urlpatterns = [
    path("insights/", views.insights_page, name="page"),
    path("workouts/<int:pk>/no-symptoms/", views.workout_no_symptoms, name="workout_no_symptoms"),
]
