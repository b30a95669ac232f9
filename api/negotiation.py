"""Content negotiation for the API: every endpoint has one documented content type."""

from rest_framework.negotiation import BaseContentNegotiation


class FirstRenderer(BaseContentNegotiation):
    """Always answer with the view's first renderer.

    The open data is JSON (or GeoJSON) only; a client that sends a narrow Accept header gets
    that JSON rather than a 406, which is what the OpenAPI schema promises.
    """

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
