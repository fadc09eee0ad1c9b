"""Pages of the tracker app: home, accounts (Django's auth views with our templates), workouts.

These names are not namespaced: Django's auth views and ``LOGIN_URL`` expect ``login``,
``password_reset_done`` and the like.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from tracker import views

urlpatterns = [
    path("", views.home, name="home"),
    path("signup/", views.signup, name="signup"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("settings/", views.settings_page, name="settings"),
    path(
        "settings/password/",
        auth_views.PasswordChangeView.as_view(template_name="tracker/password_change.html"),
        name="password_change",
    ),
    path(
        "settings/password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="tracker/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("settings/delete-account/", views.account_delete, name="account_delete"),
    path("weights/", views.weight_list, name="weight_list"),
    path("weights/<int:pk>/delete/", views.weight_delete, name="weight_delete"),
    path("workouts/", views.workout_list, name="workout_list"),
    path("workouts/new/", views.workout_new, name="workout_new"),
    path("workouts/<int:pk>/", views.workout_detail, name="workout_detail"),
    path("workouts/<int:pk>/edit/", views.workout_edit, name="workout_edit"),
    path("workouts/<int:pk>/delete/", views.workout_delete, name="workout_delete"),
]
