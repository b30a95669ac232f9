"""The project's URLs plus ``/bench/bare``; used only by bench/settings.py."""

from django.urls import path

from ontmoeting.urls import handler500
from ontmoeting.urls import urlpatterns as project_urlpatterns

from .bare import bare

urlpatterns = [path("bench/bare", bare, name="bench-bare"), *project_urlpatterns]

__all__ = ["handler500", "urlpatterns"]
