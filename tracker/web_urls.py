"""Pages of the tracker app: workouts and body weights."""

from django.urls import path

from tracker import views

urlpatterns = [
    path("weights/", views.weight_list, name="weight_list"),
    path("weights/<int:pk>/edit/", views.weight_edit, name="weight_edit"),
    path("weights/<int:pk>/delete/", views.weight_delete, name="weight_delete"),
    path("workouts/", views.workout_list, name="workout_list"),
    path("workouts/new/", views.workout_new, name="workout_new"),
    path("workouts/<int:pk>/edit/", views.workout_edit, name="workout_edit"),
    path("workouts/<int:pk>/delete/", views.workout_delete, name="workout_delete"),
]
