"""Bare DRF views, default authentication and permissions, nothing of LegLog's own."""

from typing import Any

from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination

from bench.floor.models import Note
from symptoms.models import Episode


class NoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Note
        fields = ["id", "text", "created_at"]


class NoteCreate(generics.CreateAPIView):
    serializer_class = NoteSerializer

    def perform_create(self, serializer: Any) -> None:
        serializer.save(user=self.request.user)


class EpisodePlainSerializer(serializers.ModelSerializer):
    class Meta:
        model = Episode
        fields = "__all__"


class PageOf50(PageNumberPagination):
    page_size = 50


class EpisodePlainList(generics.ListAPIView):
    serializer_class = EpisodePlainSerializer
    pagination_class = PageOf50

    def get_queryset(self) -> Any:
        return Episode.objects.filter(user=self.request.user).order_by("-started_at", "-id")
