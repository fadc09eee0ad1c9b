"""The Imports page: upload, progress of each import, and merge questions."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from imports import selectors, services
from imports.forms import ImportForm
from imports.models import ImportJob
from imports.serializers import ImportJobSerializer


def _page(request: HttpRequest, form: ImportForm | None = None, status: int = 200) -> HttpResponse:
    context = {
        "form": form or ImportForm(),
        "jobs": selectors.import_job_list(user=request.user)[:10],
        "candidates": selectors.merge_candidate_list_open(user=request.user)[:50],
    }
    return render(request, "imports/index.html", context, status=status)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """GET: the page; POST: upload a file, then follow its progress."""
    if request.method != "POST":
        return _page(request)
    if services.upload_too_large(content_length=request.META.get("CONTENT_LENGTH")):
        form = ImportForm()
        form.add_error("file", _("The file is larger than 300 MB."))
        return _page(request, form, status=400)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        job = services.import_job_create(user=request.user, upload=form.cleaned_data["file"])
    except ValidationError as error:
        for message in error.messages:
            form.add_error("file", message)
        return _page(request, form, status=400)
    return redirect("imports:job", job_uuid=job.uuid)


def _job_or_404(request: HttpRequest, job_uuid: Any) -> ImportJob:
    job = selectors.import_job_get_by_uuid(user=request.user, job_uuid=job_uuid)
    if job is None:
        raise Http404
    return job


@never_cache
@login_required
@require_GET
def job(request: HttpRequest, job_uuid: Any) -> HttpResponse:
    """An import's progress; the page polls ``job_status`` (imports/job.js)."""
    found = _job_or_404(request, job_uuid)
    return render(request, "imports/job.html", {"job": found})


@never_cache
@login_required
@require_GET
def job_status(request: HttpRequest, job_uuid: Any) -> JsonResponse:
    found = _job_or_404(request, job_uuid)
    return JsonResponse(ImportJobSerializer(found, context={"request": request}).data)


@login_required
@require_POST
def job_cancel(request: HttpRequest, job_uuid: Any) -> HttpResponse:
    services.import_job_cancel(job=_job_or_404(request, job_uuid))
    return redirect("imports:job", job_uuid=job_uuid)


@login_required
@require_POST
def merge_resolve(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.merge_candidate_get(user=request.user, candidate_id=candidate_id)
    if candidate is None:
        raise Http404
    merge = request.POST.get("choice") == "merge"
    services.merge_candidate_resolve(candidate=candidate, merge=merge)
    messages.success(
        request, _("The two workouts are now one.") if merge else _("Both workouts are kept.")
    )
    return redirect("imports:index")
