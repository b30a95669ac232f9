"""The bare Django view: a fixed response through the whole middleware stack, no database."""

from django.http import HttpResponse

BODY = b"ok\n"


def bare(request):
    return HttpResponse(BODY, content_type="text/plain")
