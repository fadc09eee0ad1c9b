"""The v1 API of reports: exports, import, share links.

Each operation parses its input, calls one service (or builder), and answers. ``?format=``
names the export's format here, so DRF's own use of that parameter (choosing a
renderer) is turned off for the export view.
"""

from typing import Any

from django.conf import settings
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.generics import GenericAPIView
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import ErrorSerializer, Pagination, UserPreferencesMixin
from common.parsers import JSONParser, MultiPartParser, loads
from reports import formats, selectors, services
from reports.formats import export_build, export_period
from reports.models import ExportJob, ShareLink
from reports.serializers import (
    ExportJobSerializer,
    ExportQuerySerializer,
    HistoryImportSerializer,
    ImportResultSerializer,
    ShareLinkCreateSerializer,
    ShareLinkSerializer,
)


class IgnoreFormatParameter(DefaultContentNegotiation):
    """Always JSON for errors: ``?format=pdf`` selects the export, not a DRF renderer."""

    def select_renderer(self, request: Any, renderers: Any, format_suffix: Any = None) -> Any:
        renderer = renderers[0]
        return renderer, renderer.media_type


def file_response(*, result: Any, streaming: bool) -> HttpResponse | StreamingHttpResponse:
    """The export as a download: streamed chunk by chunk, or whole."""
    response: HttpResponse | StreamingHttpResponse
    if streaming:
        response = StreamingHttpResponse(result.chunks, content_type=result.content_type)
    else:
        response = HttpResponse(result.read_all(), content_type=result.content_type)
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class ExportApi(UserPreferencesMixin, APIView):
    content_negotiation_class = IgnoreFormatParameter

    @extend_schema(
        parameters=[
            OpenApiParameter("format", str, enum=["pdf", "csv", "json", "fhir"], required=True),
            OpenApiParameter("from", OpenApiTypes.DATE, description="First day, user's zone"),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Last day, user's zone"),
        ],
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (200, "application/zip"): OpenApiTypes.BINARY,
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "application/fhir+json"): OpenApiTypes.OBJECT,
            202: OpenApiResponse(
                response=ExportJobSerializer,
                description="More than 2,000 rows in the period: the export is built in the "
                "background. Poll `status_url` (also the `Location` header) until `status` "
                "is `done`, then GET `download_url` for the file.",
            ),
            400: OpenApiResponse(description="Unknown format or bad dates"),
        },
        summary="Export the history: the doctor's PDF (default: last 90 days), a zip of "
        "CSV files, re-importable JSON or a FHIR R4 Bundle (default: everything)",
        description="A period of up to 2,000 rows answers the file itself; a larger one "
        "answers 202 with a background job, whatever the format.",
    )
    def get(self, request: Request) -> HttpResponse | StreamingHttpResponse | Response:
        query = ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        period = export_period(
            user=request.user, format=data["format"], start=data["start"], end=data["end"]
        )
        if selectors.export_row_count(user=request.user, period=period) > formats.BACKGROUND_ROWS:
            job = services.export_job_create(
                user=request.user, format=data["format"], start=data["start"], end=data["end"]
            )
            body = ExportJobSerializer(job, context={"request": request}).data
            return Response(
                body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["status_url"]}
            )
        result = export_build(
            user=request.user, format=data["format"], start=data["start"], end=data["end"]
        )
        return file_response(result=result, streaming=data["format"] in ("csv", "json"))


class ExportJobApi(UserPreferencesMixin, APIView):
    def _get(self, request: Request, job_uuid: Any) -> ExportJob:
        job = selectors.export_job_get(user=request.user, job_uuid=job_uuid)
        if job is None:
            raise NotFound()
        return job

    @extend_schema(
        responses={200: ExportJobSerializer, 404: OpenApiResponse(description="No such job")},
        summary="A background export's status and, once done, its download URL",
    )
    def get(self, request: Request, job_uuid: Any) -> Response:
        job = self._get(request, job_uuid)
        return Response(ExportJobSerializer(job, context={"request": request}).data)


class ExportJobFileApi(ExportJobApi):
    content_negotiation_class = IgnoreFormatParameter

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            404: OpenApiResponse(description="No such job, or not built yet"),
        },
        summary="The file of a finished background export (its own content type)",
    )
    def get(self, request: Request, job_uuid: Any) -> FileResponse:  # type: ignore[override]
        job = self._get(request, job_uuid)
        if job.status != ExportJob.Status.DONE or not job.file:
            raise NotFound()
        response = FileResponse(
            job.file.open("rb"),
            content_type=job.content_type,
            as_attachment=True,
            filename=job.filename,
        )
        response["Cache-Control"] = "no-store, private"
        return response


class ImportApi(UserPreferencesMixin, APIView):
    parser_classes = [JSONParser, MultiPartParser]
    max_body_bytes = settings.IMPORT_MAX_BYTES  # read by common.parsers

    @extend_schema(
        request={
            "application/json": HistoryImportSerializer,
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            },
        },
        responses={201: ImportResultSerializer, 400: OpenApiResponse(description="Invalid file")},
        summary="Import a JSON export (the body, or a multipart ``file``); nothing is "
        "duplicated on a second import, nothing stored when the file is invalid",
    )
    def post(self, request: Request) -> Response:
        body: Any = request.data
        upload = request.FILES.get("file") if hasattr(request, "FILES") else None
        if upload is not None:
            try:
                body = loads(upload.read().decode("utf-8"))
            except UnicodeDecodeError as error:
                raise ParseError(f"The file is not valid JSON: {error}") from error
        if not isinstance(body, dict):
            raise serializers.ValidationError(
                {"non_field_errors": ["Expected a LegLog JSON export (an object)."]}
            )
        parsed = HistoryImportSerializer(data=body, context={"request": request})
        parsed.is_valid(raise_exception=True)
        counts = services.history_import(user=request.user, data=parsed.validated_data)
        return Response(ImportResultSerializer(counts).data, status=status.HTTP_201_CREATED)


class ShareLinkListApi(UserPreferencesMixin, GenericAPIView):
    """Your share links, paginated like every other list."""

    pagination_class = Pagination
    serializer_class = ShareLinkSerializer
    queryset = ShareLink.objects.none()  # the schema's model; requests use the selector

    def _context(self, request: Request, urls: dict[int, str] | None = None) -> dict[str, Any]:
        return {"request": request, "now": timezone.now(), "urls": urls or {}}

    @extend_schema(responses=ShareLinkSerializer(many=True), summary="Your share links")
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.share_link_list(user=request.user))
        data = ShareLinkSerializer(page, many=True, context=self._context(request)).data
        return self.get_paginated_response(data)

    @extend_schema(
        request=ShareLinkCreateSerializer,
        responses={201: ShareLinkSerializer},
        summary="Create a read-only link to your report, valid 1 to 30 days",
    )
    def post(self, request: Request) -> Response:
        parsed = ShareLinkCreateSerializer(data=request.data)
        parsed.is_valid(raise_exception=True)
        data = parsed.validated_data
        link, token = services.share_link_create(
            user=request.user,
            expires_in_days=data["expires_in_days"],
            start=data["start"],
            end=data["end"],
        )
        url = request.build_absolute_uri(reverse("reports:share", args=[token]))
        # Read back through the selector for the view counts the list shows.
        listed = selectors.share_link_get(user=request.user, share_link_id=link.pk)
        body = ShareLinkSerializer(listed, context=self._context(request, {link.pk: url})).data
        return Response(body, status=status.HTTP_201_CREATED)


class ShareLinkDetailApi(UserPreferencesMixin, APIView):
    def _get(self, request: Request, share_link_id: int) -> Any:
        link = selectors.share_link_get(user=request.user, share_link_id=share_link_id)
        if link is None:
            raise NotFound()
        return link

    @extend_schema(
        responses={
            200: ShareLinkSerializer,
            410: OpenApiResponse(response=ErrorSerializer, description="Revoked"),
        },
        summary="One of your share links; a revoked one is gone (410)",
    )
    def get(self, request: Request, share_link_id: int) -> Response:
        link = self._get(request, share_link_id)
        if link.revoked_at is not None:
            return Response(
                {"detail": _("This share link was revoked.")}, status=status.HTTP_410_GONE
            )
        context = {"request": request, "now": timezone.now(), "urls": {}}
        return Response(ShareLinkSerializer(link, context=context).data)

    @extend_schema(responses={204: None}, summary="Revoke a share link: it stops working at once")
    def delete(self, request: Request, share_link_id: int) -> Response:
        services.share_link_revoke(share_link=self._get(request, share_link_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
