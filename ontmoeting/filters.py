"""What every FilterSet of the portal shares: how it reads its choices, and how it tells
the page, the links and the downloads what was chosen and what was ignored.

Invalid values never stop a page: the form drops the field with an error, the remaining
filters still apply, and :attr:`FilterSet.problems` says what was ignored.
"""

import datetime
from urllib.parse import urlencode

import django_filters
from django import forms
from django.utils.choices import BaseChoiceIterator, normalize_choices
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .cache import per_data_version
from .forms import QuickSelect

MAX_QUERY_LENGTH = 100

# Said for any value that is not in the list; never echoes the value (it may be 5000 characters).
NOT_A_CHOICE = {"invalid_choice": _("That is not one of the choices, so it was ignored.")}


def search_filter() -> django_filters.CharFilter:
    """The free-text search box; the FilterSet filters with its ``filter_search``."""
    return django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class _ReadOnce(BaseChoiceIterator):
    """The choices ``load`` gives, read on first use and kept, in Django's normal form.

    A choice iterator, so Django takes it as it is: a callable would be read and normalised
    again each time the list is iterated (to validate, then to render: a region's 800
    clusters, twice a page). Copied as itself: forms deep-copy their fields, and each copy
    must share the one reading (and not copy the filterset behind ``load``).
    """

    def __init__(self, load):
        self.load = load
        self.loaded = None

    def __iter__(self):
        if self.loaded is None:
            self.loaded = normalize_choices(list(self.load()))
        return iter(self.loaded)

    def __deepcopy__(self, memo):
        return self


def _per_data_version(name: str, load):
    """``load`` as a function whose list is kept until the data changes, per language (the
    names of themes and target groups have one each)."""
    return lambda: per_data_version(f"choices:{name}:{get_language()}", lambda: list(load()))


def _clock(value: datetime.time) -> str:
    return f"{value:%H:%M}"


class FilterSet(django_filters.FilterSet):
    """A FilterSet whose choice lists are read from the database once per instance.

    A filter's choices are a callable in its declaration, or a method ``<name>_choices``
    when they depend on the filterset (say, on another value asked for). Either is read on
    first use only (a feed with just ``?theme=…`` never queries the places) and once:
    Django evaluates callable choices each time it iterates them, once to validate a chosen
    value and again to render the list, so a bound form would read every list twice.

    The lists named in ``shared_choices`` depend on the data alone (not on the request):
    they are kept until the data changes (``per_data_version``), as every page shows them.
    A region's hundreds of clusters and organisers cost the agenda a fifth of its time.
    """

    shared_choices: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, filter_ in self.filters.items():
            choices = getattr(self, f"{name}_choices", None) or filter_.extra.get("choices")
            if callable(choices):
                if name in self.shared_choices:
                    choices = _per_data_version(f"{type(self).__name__}:{name}", choices)
                filter_.extra["choices"] = _ReadOnce(choices)
            if isinstance(filter_, django_filters.ChoiceFilter):
                filter_.extra.setdefault("widget", QuickSelect)

    @property
    def cleaned(self) -> dict:
        """The valid values; a field with an invalid value is absent. Validates on first use."""
        self.form.is_valid()  # the result does not matter: invalid fields are simply left out
        return getattr(self.form, "cleaned_data", {})  # an unbound form has none

    # --- what the page shows about the filter ------------------------------------------

    @property
    def problems(self) -> list[tuple[str, str]]:
        """(label, message) for every parameter that was ignored, in form order.

        Never echoes the value: Django's "x is not one of the available choices" would put
        whatever was typed into the URL (5000 characters of it) back into the page.
        """
        self.form.is_valid()
        errors = self.form.errors.as_data()
        problems = []
        for name, field in self.form.fields.items():
            if name not in errors:
                continue
            messages = dict.fromkeys(
                str(NOT_A_CHOICE["invalid_choice"])
                if error.code == "invalid_choice"
                else " ".join(error)
                for error in errors[name]
            )
            problems.append((str(field.label or name), " ".join(messages)))
        return problems

    def _chosen(self):
        """(name, form field, values) for every valid, non-empty value, in form order; the
        values of a list in the order of its choices, once each, however they were typed."""
        cleaned = self.cleaned
        for name, field in self.form.fields.items():
            value = cleaned.get(name)
            if value in (None, "", [], False):
                continue
            if isinstance(value, list | tuple):
                chosen = {str(v) for v in value}
                yield name, field, [key for key, _label in field.choices if str(key) in chosen]
            else:
                yield name, field, [value]

    @staticmethod
    def _label(field, value) -> str:
        """A chosen value as the form names it: its choice's label, or the value itself."""
        if isinstance(value, datetime.time):
            return _clock(value)
        labels = {str(key): str(label) for key, label in getattr(field, "choices", [])}
        return labels.get(str(value), str(value))

    def query_items(self) -> list[tuple[str, str]]:
        """The valid, non-empty filter values as query parameters, in form order.

        Paging links, download links and the feed URL are built from these, so they carry
        the active filter and never an ignored value.
        """
        items = []
        for name, _field, values in self._chosen():
            for value in values:
                if value is True:
                    items.append((name, "on"))  # what a ticked checkbox sends
                elif isinstance(value, datetime.time):
                    items.append((name, _clock(value)))
                else:
                    items.append((name, str(value)))
        return items

    def querystring(self) -> str:
        return urlencode(self.query_items())

    @property
    def display_form(self):
        """The form as it applies: bound to the valid values only, so an ignored value is not
        shown as if it were selected, and its error (with the value in it) is not repeated
        by the field."""
        form = self.form
        if self.is_bound:
            form.is_valid()
            data = self.data.copy()
            for name in form.errors:
                data.pop(name, None)
            form = self.get_form_class()(data, prefix=self.form_prefix)
        return form

    def summary(self) -> list[str]:
        """The active filter in words, e.g. ['Tuesday', 'Elderly'], for headings and feed names."""
        labels = []
        for name, field, values in self._chosen():
            if name == "q":
                labels.append(f"“{values[0]}”")
            elif isinstance(field, forms.BooleanField):
                labels.append(str(field.label))
            else:
                labels.extend(self._label(field, value) for value in values)
        return labels

    def described(self) -> list[tuple[str, str]]:
        """(label, value in words) for every valid, non-empty value, in form order: the
        filter as an overview page and the first sheet of a download state it."""
        return [
            (
                str(field.label or name),
                ", ".join(str(_("yes")) if v is True else self._label(field, v) for v in values),
            )
            for name, field, values in self._chosen()
        ]
