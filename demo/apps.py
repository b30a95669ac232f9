from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The Enschede demo data set and the synthetic data for benchmarks: above the domain
    apps, so that no app below depends on example content."""

    name = "demo"
    verbose_name = "Demo"
