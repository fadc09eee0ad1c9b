"""Pages of the insights app."""

from django.urls import path

from insights import views

app_name = "insights"
urlpatterns = [
    path("insights/", views.insights_page, name="page"),
    path("insights/experiments/new/", views.experiment_new, name="experiment_new"),
    path("insights/experiments/<int:pk>/", views.experiment_detail, name="experiment"),
    path("insights/experiments/<int:pk>/stop/", views.experiment_end, name="experiment_stop"),
    path("insights/mnsi/new/", views.mnsi_new, name="mnsi_new"),
    path("workouts/<int:pk>/no-symptoms/", views.workout_no_symptoms, name="workout_no_symptoms"),
]
