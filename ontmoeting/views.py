"""Project-wide views: the language switch, the health check and the error pages."""

import sys

from django.db import connection
from django.db.utils import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

# Without a CSRF token the public pages are the same for every visitor, so they can be
# cached whole (ontmoeting/cache.py) and set no cookie. Another site could at most switch a
# visitor's language; the view still only redirects to our own pages.
set_language = csrf_exempt(i18n.set_language)


@never_cache
def healthz(request):
    """For load balancers and monitoring: 200 when the database answers, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def error_page(template: str, status: int) -> HttpResponse:
    """An error page that needs no database: rendered without context processors."""
    response = HttpResponse(render_to_string(template), status=status)
    if status == 503:
        response["Retry-After"] = "30"
    return response


def server_error(request):
    """Django calls this inside its ``except``: a lost database becomes "503, back soon"."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return error_page("503.html", 503)
    return error_page("500.html", 500)
