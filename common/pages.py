"""Helpers of the server-rendered pages every app shares."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 20


def paginate(request: HttpRequest, items: QuerySet[Any]) -> tuple[Page, str]:
    """The requested page (out-of-range numbers give the last page) and the filter query
    string to carry on the page links."""
    query = request.GET.copy()
    query.pop("page", None)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return page, query.urlencode()
