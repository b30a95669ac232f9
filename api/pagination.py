"""Page-number pagination that says what is wrong instead of silently guessing."""

import re

from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import pagination

from .exceptions import InvalidQuery

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_PAGE = 1_000_000
WHOLE_NUMBER = re.compile(r"[0-9]{1,7}")
PAGE_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}
PAGE_SIZE_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}
PAGE_DESCRIPTION = _("Page number, from 1. A page past the last one is a 404.")
PAGE_SIZE_DESCRIPTION = lazy(
    lambda: (
        gettext("Results per page: %(default)d unless given, at most %(max)d.")
        % {"default": PAGE_SIZE, "max": MAX_PAGE_SIZE}
    ),
    str,
)()


def _whole_number(request, name: str, low: int, high: int, errors: dict) -> int | None:
    value = request.query_params.get(name)
    if value is None:
        return None
    if WHOLE_NUMBER.fullmatch(value) and low <= int(value) <= high:
        return int(value)
    errors[name] = [
        gettext("Enter a whole number from %(low)d to %(high)d.") % {"low": low, "high": high}
    ]
    return None


class PageNumberPagination(pagination.PageNumberPagination):
    """``page`` and ``page_size`` (1–200, default 50); ``count``, ``next``, ``previous``, ``results``.

    DRF would take ``page_size=abc`` as the default size and ``page_size=5000`` as the
    maximum; here both are a 400. A page past the last one is a 404, as in DRF.
    """

    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()
    invalid_page_message = _("There is no such page: the last page is %(last)d.")

    def paginate_queryset(self, queryset, request, view=None):
        errors = {}
        page_size = _whole_number(request, "page_size", 1, MAX_PAGE_SIZE, errors)
        page = _whole_number(request, "page", 1, MAX_PAGE, errors)
        if errors:
            raise InvalidQuery(errors)
        self.request = request
        paginator = self.django_paginator_class(queryset, page_size or self.page_size)
        if page is not None and page > paginator.num_pages:
            raise pagination.NotFound(self.invalid_page_message % {"last": paginator.num_pages})
        self.page = paginator.page(page or 1)
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "page",
                "required": False,
                "in": "query",
                "description": str(PAGE_DESCRIPTION),
                "schema": PAGE_SCHEMA,
            },
            {
                "name": "page_size",
                "required": False,
                "in": "query",
                "description": str(PAGE_SIZE_DESCRIPTION),
                "schema": PAGE_SIZE_SCHEMA,
            },
        ]

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["required"] = ["count", "next", "previous", "results"]
        response["properties"]["count"]["minimum"] = 0
        return response
