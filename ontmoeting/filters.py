"""What every FilterSet of the portal shares."""

import django_filters


def _read_once(load):
    """``load`` as a function that reads its list on the first call and returns it after.

    A plain function, not a partial or a bound method: forms deep-copy their fields, and
    copying those would copy the filterset (and its request) along with them.
    """
    loaded = []

    def choices():
        if not loaded:
            loaded.append(list(load()))
        return loaded[0]

    return choices


class FilterSet(django_filters.FilterSet):
    """A FilterSet whose choice lists are read from the database once per instance.

    Django evaluates callable choices each time it iterates them: once to validate a chosen
    value and again to render the list, so a bound form would read every list twice.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            choices = filter_.extra.get("choices")
            if callable(choices):
                filter_.extra["choices"] = _read_once(choices)
