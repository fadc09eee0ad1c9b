"""The report as HTML (share page) and PDF (WeasyPrint), from one template."""

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from reports.document import Report

TEMPLATE = "reports/report_document.html"


def report_html(*, report: Report, share: dict[str, Any] | None = None) -> str:
    """The report page; ``share`` (``pdf_url``, ``expires_at``) adds the share page's bar.

    Dates are shown in the report's zone whatever zone is active.
    """
    with timezone.override(report.period.zone):
        return render_to_string(TEMPLATE, {"report": report, "share": share})


def report_pdf(*, report: Report) -> bytes:
    """A4 PDF of the report; tables repeat their header row on every page."""
    # Imported here: WeasyPrint loads Pango and fonts, which only PDF work needs.
    from weasyprint import HTML

    html = report_html(report=report)
    return HTML(string=html).write_pdf()
