"""LegLog's URLs plus the bench floors under /bench/ (bench.settings only)."""

from django.urls import path

from bench.floor.views import EpisodePlainList, NoteCreate
from config.urls import urlpatterns as product

urlpatterns = [
    path("bench/notes/", NoteCreate.as_view()),
    path("bench/episodes/", EpisodePlainList.as_view()),
    *product,
]
