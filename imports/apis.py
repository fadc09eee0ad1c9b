"""The v1 API of imports: upload a file (202 with the job), poll it, cancel it."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import Pagination, UserPreferencesMixin
from imports import selectors, services
from imports.models import ImportJob
from imports.serializers import ImportJobSerializer, ImportUploadSerializer


class ImportListApi(UserPreferencesMixin, GenericAPIView):
    """Your imports, paginated like every other list (and so documented: count, next,
    previous, results)."""

    parser_classes = [MultiPartParser]
    pagination_class = Pagination
    serializer_class = ImportJobSerializer
    queryset = ImportJob.objects.none()  # the schema's model; requests use the selector

    @extend_schema(responses=ImportJobSerializer(many=True), summary="Your imports, newest first")
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.import_job_list(user=request.user))
        data = ImportJobSerializer(page, many=True, context={"request": request}).data
        return self.get_paginated_response(data)

    @extend_schema(
        request={"multipart/form-data": ImportUploadSerializer},
        responses={
            202: ImportJobSerializer,
            400: OpenApiResponse(description="No file, an empty one, or over 300 MB"),
        },
        summary="Import workouts from a FIT, TCX or GPX file (optionally .gz), an Apple Health "
        "export.zip/export.xml or a Strava bulk export zip; processed in the background",
    )
    def post(self, request: Request) -> Response:
        if services.upload_too_large(content_length=request.META.get("CONTENT_LENGTH")):
            raise ValidationError({"file": [_("The file is larger than 300 MB.")]})
        parsed = ImportUploadSerializer(data=request.data)
        parsed.is_valid(raise_exception=True)
        job = services.import_job_create(user=request.user, upload=parsed.validated_data["file"])
        body = ImportJobSerializer(job, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED)


class ImportDetailApi(UserPreferencesMixin, APIView):
    def _get(self, request: Request, job_id: int) -> Any:
        job = selectors.import_job_get(user=request.user, job_id=job_id)
        if job is None:
            raise NotFound()
        return job

    @extend_schema(responses=ImportJobSerializer, summary="An import's progress and errors")
    def get(self, request: Request, job_id: int) -> Response:
        job = self._get(request, job_id)
        return Response(ImportJobSerializer(job, context={"request": request}).data)


class ImportCancelApi(ImportDetailApi):
    @extend_schema(
        request=None,
        responses=ImportJobSerializer,
        summary="Stop an import: workouts already imported stay",
    )
    def post(self, request: Request, job_id: int) -> Response:
        job = services.import_job_cancel(job=self._get(request, job_id))
        return Response(ImportJobSerializer(job, context={"request": request}).data)
