from django.core.exceptions import ImproperlyConfigured


class ConfigurationError(ImproperlyConfigured):
    """A configuration problem told in one human-readable line; ``manage.py`` prints only that."""
