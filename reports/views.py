"""Pages of reports: the Reports page (downloads, share links, export progress) and the
public, read-only share page a doctor opens without logging in."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from common import bounds
from reports import formats, selectors, services
from reports.apis import file_response
from reports.formats import export_build, export_period, report_pdf_for
from reports.models import ExportFormat, ExportJob

# Each language named in itself: a doctor who reads one of them finds it.
LANGUAGE_NAMES = (("en", "English"), ("id", "Bahasa Indonesia"))

# Above this many rows (workouts, episodes, body weights) the page builds the file in the
# background and shows its progress; below, the download starts at once.
BACKGROUND_ROWS = formats.BACKGROUND_ROWS
SHARE_HEADERS = {
    "X-Robots-Tag": "noindex, nofollow, noarchive",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store, private",
}


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[bounds.validate_filter_day],
    )
    end = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[bounds.validate_filter_day],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise ValidationError(_("The end is before the start."))
        return data


class ExportForm(PeriodForm):
    format = forms.ChoiceField(choices=ExportFormat.choices)


class ShareLinkForm(PeriodForm):
    expires_in_days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"), min_value=1, max_value=30, initial=7
    )


def _page(request: HttpRequest, status: int = 200, **context: Any) -> HttpResponse:
    now = timezone.now()
    # Empty by default: the PDF then covers the last 90 days, the other formats everything.
    context.setdefault("period_form", PeriodForm())
    context.setdefault("share_form", ShareLinkForm(prefix="share"))
    links = list(selectors.share_link_list(user=request.user)[:50])
    for link in links:
        link.active = selectors.share_link_is_active(share_link=link, now=now)  # type: ignore[attr-defined]
    context.update(
        share_links=links,
        jobs=selectors.export_job_list(user=request.user),
        formats=ExportFormat.choices,
        background_rows=BACKGROUND_ROWS,
    )
    return render(request, "reports/index.html", context, status=status)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Date range, downloads in four formats, share links and recent background exports."""
    return _page(request)


@login_required
@require_GET
def sharing(request: HttpRequest) -> HttpResponse:
    """The share links alone (linked from settings)."""
    return _page(request, only_sharing=True)


@login_required
@require_POST
def download(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """A small export answers with the file; a large one becomes a background job."""
    form = ExportForm(request.POST)
    if not form.is_valid():
        return _page(request, period_form=form, status=400)
    data = form.cleaned_data
    period = export_period(
        user=request.user, format=data["format"], start=data["start"], end=data["end"]
    )
    if selectors.export_row_count(user=request.user, period=period) > BACKGROUND_ROWS:
        job = services.export_job_create(
            user=request.user, format=data["format"], start=data["start"], end=data["end"]
        )
        return redirect("reports:job", job_uuid=job.uuid)
    result = export_build(
        user=request.user, format=data["format"], start=data["start"], end=data["end"]
    )
    return file_response(result=result, streaming=data["format"] in ("csv", "json"))


def _job_or_404(request: HttpRequest, job_uuid: Any) -> ExportJob:
    job = selectors.export_job_get(user=request.user, job_uuid=job_uuid)
    if job is None:
        raise Http404
    return job


def _job_status(job: ExportJob) -> dict[str, Any]:
    return {
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "progress": job.progress,
        "download_url": reverse("reports:job_file", args=[job.uuid])
        if job.status == ExportJob.Status.DONE
        else None,
    }


@login_required
@require_GET
def job(request: HttpRequest, job_uuid: Any) -> HttpResponse:
    """Progress of a background export; the page polls ``job_status`` (reports/job.js)."""
    export = _job_or_404(request, job_uuid)
    return render(
        request,
        "reports/job.html",
        {"job": export, "state": _job_status(export), "done": export.status == "done"},
    )


@never_cache
@login_required
@require_GET
def job_status(request: HttpRequest, job_uuid: Any) -> JsonResponse:
    return JsonResponse(_job_status(_job_or_404(request, job_uuid)))


@login_required
@require_GET
def job_file(request: HttpRequest, job_uuid: Any) -> FileResponse:
    export = _job_or_404(request, job_uuid)
    """The file of a finished background export, to its owner only (another's: 404).

    Streamed from storage in blocks; no media URL ever serves these files.
    """
    if export.status != ExportJob.Status.DONE or not export.file:
        raise Http404
    try:
        handle = export.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=export.filename,
        content_type=export.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def share_create(request: HttpRequest) -> HttpResponse:
    form = ShareLinkForm(request.POST, prefix="share")
    if not form.is_valid():
        return _page(request, share_form=form, status=400)
    data = form.cleaned_data
    _link, token = services.share_link_create(
        user=request.user,
        expires_in_days=data["expires_in_days"],
        start=data["start"],
        end=data["end"],
    )
    url = request.build_absolute_uri(reverse("reports:share", args=[token]))
    # The token is shown this once; only its hash is stored.
    return _page(request, new_share_url=url)


@login_required
@require_POST
def share_revoke(request: HttpRequest, share_link_id: int) -> HttpResponse:
    link = selectors.share_link_get(user=request.user, share_link_id=share_link_id)
    if link is None:
        raise Http404
    services.share_link_revoke(share_link=link)
    messages.success(request, _("The link no longer works."))
    return HttpResponseRedirect(reverse("reports:index") + "#share-links")


# --- The public share page ------------------------------------------------------------


def _shared(request: HttpRequest, token: str) -> tuple[Any, HttpResponse | None]:
    """The link for ``token``, or the answer to give instead: 404 unknown, 410 ended."""
    link = selectors.share_link_by_token(token=token)
    if link is None:
        raise Http404
    if not selectors.share_link_is_active(share_link=link):
        response = render(request, "reports/share_gone.html", status=410)
        for header, value in SHARE_HEADERS.items():
            response[header] = value
        return link, response
    return link, None


def _share_language(request: HttpRequest, link: Any) -> str:
    """``?lang=`` when it names a language LegLog speaks (the doctor's choice), else the
    patient's own language."""
    asked = request.GET.get("lang", "")
    if asked in dict(settings.LANGUAGES):
        return asked
    return link.user.profile.language if hasattr(link.user, "profile") else "en"


def _share_period(link: Any) -> selectors.Period:
    return selectors.period_for(user=link.user, start=link.start_on, end=link.end_on)


@never_cache
@require_GET
def share(request: HttpRequest, token: str) -> HttpResponse:
    """The report as a page, read-only, without login; each opening is counted."""
    from reports.document import report_build
    from reports.pdf import report_html

    link, gone = _shared(request, token)
    if gone is not None:
        return gone
    services.share_link_view_record(share_link=link)
    language = _share_language(request, link)
    page_url = reverse("reports:share", args=[token])
    with translation.override(language):
        report = report_build(user=link.user, period=_share_period(link))
        html = report_html(
            report=report,
            share={
                "pdf_url": reverse("reports:share_pdf", args=[token]) + f"?lang={language}",
                "expires_at": link.expires_at.astimezone(report.period.zone),
                "languages": [
                    {
                        "code": code,
                        "name": name,
                        "url": f"{page_url}?lang={code}",
                        "current": code == language,
                    }
                    for code, name in LANGUAGE_NAMES
                ],
            },
        )
    response = HttpResponse(html)
    for header, value in SHARE_HEADERS.items():
        response[header] = value
    return response


@never_cache
@require_GET
def share_pdf(request: HttpRequest, token: str) -> HttpResponse:
    link, gone = _shared(request, token)
    if gone is not None:
        return gone
    services.share_link_view_record(share_link=link)
    period = _share_period(link)
    pdf = report_pdf_for(user=link.user, period=period, language=_share_language(request, link))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"leglog-{period.start.isoformat()}_{period.end.isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    for header, value in SHARE_HEADERS.items():
        response[header] = value
    return response
