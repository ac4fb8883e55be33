"""Pages of a search, cheaply: a first query reads only the ids of the page and the total
(``COUNT(*) OVER ()``) from the versions table; a second one loads those rows with what lists show.
Sorting ids instead of joined rows, and no separate ``COUNT(*)``, keep a search of a few thousand
procedures within its budget (bench/bench_catalog_search.py)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Window

from lienthong.core.api.pagination import PageNumberPagination


class WindowPaginator(Paginator):
    # How to load the rows of a page from their ids; by default the same queryset, filtered by id.
    load = None

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        bottom = (number - 1) * self.per_page
        ids = list(
            self.object_list.select_related(None)
            .prefetch_related(None)
            .annotate(search_total=Window(Count("pk")))
            .values_list("pk", "search_total")[bottom : bottom + self.per_page]
        )
        # ``count`` is a cached property of Paginator: fill it from the ids, or count when there are none.
        self.__dict__["count"] = ids[0][1] if ids else self.object_list.count()
        if not ids and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        pks = [pk for pk, _total in ids]
        rows = self.load(pks) if self.load else self.object_list.filter(pk__in=pks).order_by()
        by_pk = {row.pk: row for row in rows}
        return self._get_page([by_pk[pk] for pk, _total in ids], number, self)

    def get_page(self, number):
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            return self.page(self.num_pages)


class ProcedurePaginator(WindowPaginator):
    """Search results of the catalogue: the page's rows come without the search conditions again.

    Without search words the list is in name order, which an index serves: then the plain
    ``COUNT(*)`` and ``LIMIT`` of Django's paginator are cheaper than counting over a window.
    """

    def page(self, number):
        if "rank" not in self.object_list.query.annotations:
            return Paginator.page(self, number)
        return super().page(number)

    def get_page(self, number):
        if "rank" not in self.object_list.query.annotations:
            return Paginator.get_page(self, number)
        return super().get_page(number)

    @staticmethod
    def load(ids):
        from lienthong.catalog import selectors

        return selectors.current_versions_by_id(ids)


class ProcedurePagination(PageNumberPagination):
    django_paginator_class = ProcedurePaginator
