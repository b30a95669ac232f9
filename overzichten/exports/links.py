"""Absolute links in the downloads, with or without a web request."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit


class Links:
    """Absolute links for the rows: from a request, or from a base URL (the command)."""

    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/") + "/"

    @classmethod
    def for_request(cls, request) -> Links:
        return cls(request.build_absolute_uri("/"))

    def __call__(self, path: str) -> str:
        return urljoin(self.base_url, path.lstrip("/"))


class BaseUrlRequest:
    """Just enough of a request for ``activiteiten.ical`` outside a web request."""

    def __init__(self, base_url: str):
        self.links = Links(base_url)

    def get_host(self) -> str:
        return urlsplit(self.links.base_url).netloc

    def build_absolute_uri(self, location: str = "/") -> str:
        return self.links(location)
