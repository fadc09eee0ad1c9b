"""Pieces every app's API shares."""

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """``?page=N`` and ``?page_size=`` up to 200; 50 by default."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
