from django.http import Http404
from django.shortcuts import render

from ontmoeting.cache import PAGE_SECONDS, cached_public

from .site import current


@cached_public(PAGE_SECONDS)
def about(request):
    """ "About this site": the text the functional administrator wrote; 404 while there is none."""
    site = current()
    if not site.about_text.strip():
        raise Http404
    return render(request, "instellingen/about.html", {"about_text": site.about_text})
