from django.utils.translation import gettext_lazy as _
from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=`` (from 1) and ``?page_size=`` (at most 500); answers with count, next, previous, results."""

    page_size_query_param = "page_size"
    max_page_size = 500
    page_query_description = _("Số trang, bắt đầu từ 1 (page number).")
    page_size_query_description = _("Số dòng mỗi trang, tối đa 500 (page size).")
    invalid_page_message = _("Trang không tồn tại.")
