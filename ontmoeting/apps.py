from django.apps import AppConfig


class OntmoetingConfig(AppConfig):
    """The project package as an app: shared template tags and the cache signals."""

    name = "ontmoeting"
    verbose_name = "Ontmoeting"

    def ready(self):
        from .cache import connect_signals

        connect_signals()
