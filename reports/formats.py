"""Build an export file of any format for a user and period (API, share page, jobs)."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone, translation

from reports.selectors import Period, period_for, user_zone

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "csv": "application/zip",
    "json": "application/json",
    "fhir": "application/fhir+json",
}
EXTENSIONS = {"pdf": "pdf", "csv": "zip", "json": "json", "fhir": "fhir.json"}
# Above this many rows an export of any format is built by the worker (a FHIR bundle of
# 20,000 workouts took 14 s): the page shows its progress, the API answers 202.
BACKGROUND_ROWS = 2000


@dataclass
class ExportResult:
    """The file: ``chunks`` yields bytes (streamed to the client or joined into a file)."""

    filename: str
    content_type: str
    chunks: Iterable[bytes]

    def read_all(self) -> bytes:
        return b"".join(self.chunks)


def _language(user: Any) -> str:
    profile = getattr(user, "profile", None)
    return profile.language if profile is not None else "en"


def _translated(user: Any, chunks: Iterable[Any]) -> Iterator[bytes]:
    """Produce the chunks lazily in the user's language (a streamed response is rendered
    after the view returned, outside any ``override`` the view set)."""
    with translation.override(_language(user)):
        for chunk in chunks:
            yield chunk.encode() if isinstance(chunk, str) else chunk


def export_period(
    *, user: Any, format: str, start: date | None, end: date | None, now: datetime | None = None
) -> Period | None:
    """The PDF defaults to the last 90 days; data exports default to everything."""
    if format == "pdf" or start is not None or end is not None:
        if format != "pdf" and start is None:
            return Period(
                start=date(1900, 1, 1), end=end or date(2999, 12, 31), zone=user_zone(user=user)
            )
        return period_for(user=user, start=start, end=end, now=now)
    return None


def export_filename(*, user: Any, format: str, period: Period | None, now: datetime) -> str:
    if period is not None and period.start.year > 1900:
        span = f"{period.start.isoformat()}_{period.end.isoformat()}"
    else:
        span = now.astimezone(user_zone(user=user)).date().isoformat()
    return f"leglog-{span}.{EXTENSIONS[format]}"


def export_build(
    *,
    user: Any,
    format: str,
    start: date | None = None,
    end: date | None = None,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> ExportResult:
    """The export in ``format`` (pdf, csv, json, fhir) for the period, in the user's language.

    CSV and JSON come as lazy chunks (streamable); PDF and FHIR are built whole here.
    """
    from reports.exports import csv_zip_chunks, json_export_chunks

    now = now or timezone.now()
    period = export_period(user=user, format=format, start=start, end=end, now=now)
    filename = export_filename(user=user, format=format, period=period, now=now)
    content_type = CONTENT_TYPES[format]
    chunks: Iterable[bytes]
    if format == "json":
        chunks = _translated(
            user, json_export_chunks(user=user, period=period, now=now, progress=progress)
        )
    elif format == "csv":
        chunks = _translated(user, csv_zip_chunks(user=user, period=period, progress=progress))
    elif format == "pdf":
        assert period is not None
        chunks = [report_pdf_for(user=user, period=period, now=now, progress=progress)]
    else:
        from reports.fhir import fhir_bundle_json

        with translation.override(_language(user)):
            chunks = [fhir_bundle_json(user=user, period=period, now=now).encode()]
        if progress:
            progress(99)
    return ExportResult(filename=filename, content_type=content_type, chunks=chunks)


def report_pdf_for(
    *,
    user: Any,
    period: Period,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
    language: str | None = None,
) -> bytes:
    """The doctor's report as PDF, in ``language`` (default: the user's language)."""
    from reports.document import report_build
    from reports.pdf import report_pdf

    with translation.override(language or _language(user)):
        report = report_build(user=user, period=period, now=now, progress=progress)
        pdf = report_pdf(report=report)
    if progress:
        progress(99)
    return pdf
