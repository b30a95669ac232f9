"""One shape for every error the API returns: ``{"detail": "...", "errors": {...}}``."""

from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.views import exception_handler as drf_exception_handler


class InvalidQuery(APIException):
    """A 400 that names each wrong query parameter with its messages."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = _("One or more query parameters are not valid.")
    default_code = "invalid_query"

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__()
        self.errors = {name: [str(m) for m in messages] for name, messages in errors.items()}


def exception_handler(exc, context):
    """DRF's handler, with the body reshaped to ``{"detail": str, "errors"?: {name: [str]}}``.

    Anything DRF does not handle (a bug) still becomes Django's 500, so it is logged.
    """
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, InvalidQuery):
        response.data = {"detail": str(exc.detail), "errors": exc.errors}
    elif isinstance(response.data, dict) and set(response.data) == {"detail"}:
        response.data = {"detail": str(response.data["detail"])}
    else:
        # A DRF ValidationError: a list, or a dict of field → messages.
        errors = response.data if isinstance(response.data, dict) else {"": response.data}
        response.data = {
            "detail": str(InvalidQuery.default_detail),
            "errors": {
                str(name): [str(m) for m in (v if isinstance(v, list) else [v])]
                for name, v in errors.items()
            },
        }
    return response
