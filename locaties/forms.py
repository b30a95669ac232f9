"""Admin forms for places: opening hours checked as a whole week, times as plain HH:MM."""

from collections import defaultdict

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.templatetags.static import static
from django.utils.text import capfirst

from . import opening
from .models import LocationKind, MarkerIcon, OpeningException, OpeningHours, Weekday


def time_input() -> forms.TimeInput:
    # A text box rather than type="time": browsers set to English would show AM/PM.
    return forms.TimeInput(format="%H:%M", attrs={"size": 5})


class WeekdaysField(forms.TypedMultipleChoiceField):
    """A model's list of weekdays as checkboxes, cleaned to the days in order, each once.

    Not required: the model's clean says when days are missing (a one-off schedule or a
    kind without a norm has none)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, model_field, **kwargs):
        kwargs.setdefault("label", capfirst(model_field.verbose_name))
        kwargs.setdefault("help_text", model_field.help_text)
        super().__init__(choices=Weekday.choices, coerce=int, required=False, **kwargs)

    def clean(self, value) -> list[int]:
        return sorted(set(super().clean(value)))


class IconRadioSelect(forms.RadioSelect):
    """The shipped marker icons as radio buttons, each with its picture: chosen, not uploaded."""

    option_template_name = "locaties/widgets/icon_option.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value in MarkerIcon.values:
            option["icon_url"] = static(f"img/markers/{value}.svg")
        return option


class LocationKindForm(forms.ModelForm):
    """A kind of place; its norm's days as checkboxes, its times as plain HH:MM."""

    norm_weekdays = WeekdaysField(LocationKind._meta.get_field("norm_weekdays"))

    class Meta:
        model = LocationKind
        fields = [
            "name_nl",
            "plural_nl",
            "name_en",
            "plural_en",
            "slug",
            "icon",
            "order",
            "schema_type",
            "norm_weekdays",
            "norm_opens",
            "norm_closes",
            "norm_supervised",
        ]
        widgets = {
            "icon": IconRadioSelect,
            "norm_opens": time_input(),
            "norm_closes": time_input(),
        }


class OpeningHoursForm(forms.ModelForm):
    """One weekly interval, checked against the saved intervals of the place (standalone use)."""

    class Meta:
        model = OpeningHours
        fields = ["location", "weekday", "opens", "closes", "supervised"]
        widgets = {"opens": time_input(), "closes": time_input()}


class OpeningHoursInlineForm(OpeningHoursForm):
    """One row of :class:`OpeningHoursFormSet`, which checks the overlaps instead."""

    class Meta(OpeningHoursForm.Meta):
        fields = ["weekday", "opens", "closes", "supervised"]

    def full_clean(self) -> None:
        super().full_clean()
        # OpeningHours.clean() compares with the rows *saved* in the database. Inside the
        # formset that raises false alarms (a row shortened and a new row added in one
        # submit, or a row deleted and replaced) and misses nothing the formset's check of
        # the submitted week does not catch, so its overlap error is dropped here.
        errors = self._errors.get(NON_FIELD_ERRORS) if self._errors else None
        if not errors:
            return
        kept = [error for error in errors.as_data() if error.code != "overlap"]
        if kept:
            self._errors[NON_FIELD_ERRORS] = self.error_class(kept, error_class="nonfield")
        else:
            del self._errors[NON_FIELD_ERRORS]


class TabularInlineFormSet(forms.BaseInlineFormSet):
    """Rows of a tabular inline, each input named for screen readers.

    The admin's tabular inline puts the labels in the column headings, not in <label>
    elements, so without this every input in the rows is nameless (an axe violation).
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            if not field.widget.is_hidden and field.label:
                field.widget.attrs.setdefault("aria-label", field.label)


class OpeningHoursFormSet(TabularInlineFormSet):
    """All weekly hours of one place; rejects overlapping intervals on the same day."""

    def clean(self) -> None:
        super().clean()
        by_day = defaultdict(list)
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            # Unchanged extra rows have empty cleaned_data; invalid rows lack the fields
            # that failed and already show their own error.
            data = getattr(form, "cleaned_data", None) or {}
            weekday, opens, closes = data.get("weekday"), data.get("opens"), data.get("closes")
            if weekday is None or opens is None or closes is None:
                continue
            by_day[weekday].append(opening.Interval(opens, closes, bool(data.get("supervised"))))
        errors = [
            ValidationError(
                opening.overlap_message(Weekday(weekday).label, overlap), code="overlap"
            )
            for weekday, intervals in sorted(by_day.items())
            if (overlap := opening.find_overlap(intervals))
        ]
        if errors:
            raise ValidationError(errors)


class OpeningExceptionForm(forms.ModelForm):
    class Meta:
        model = OpeningException
        fields = ["start_date", "end_date", "kind", "opens", "closes", "supervised", "reason"]
        widgets = {"opens": time_input(), "closes": time_input()}
