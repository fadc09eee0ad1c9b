"""Episode pages. ``/episodes/new/?workout=<id>`` is linked from reminder emails: keep it."""

from django.urls import path

from symptoms import views

app_name = "symptoms"

urlpatterns = [
    path("episodes/", views.episode_list, name="episode_list"),
    path("episodes/new/", views.episode_new, name="episode_new"),
    path("episodes/numb-now/", views.episode_numb_now, name="episode_numb_now"),
    path("episodes/now/", views.episode_now, name="episode_now"),
    path("episodes/<int:pk>/", views.episode_detail, name="episode_detail"),
    path("episodes/<int:pk>/details/", views.episode_details, name="episode_details"),
    path("episodes/<int:pk>/end/", views.episode_end, name="episode_end"),
    path("episodes/<int:pk>/edit/", views.episode_edit, name="episode_edit"),
    path("episodes/<int:pk>/delete/", views.episode_delete, name="episode_delete"),
]
