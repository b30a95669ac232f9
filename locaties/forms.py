"""Admin forms for places: opening hours checked as a whole week, times as plain HH:MM."""

from collections import defaultdict

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from . import opening
from .models import OpeningException, OpeningHours, Weekday

# type="time" gives phones a time picker; browsers without it fall back to a text box
# that still takes "08:30".
TIME_WIDGET_ATTRS = {"type": "time", "class": "vHourMinute"}


def time_input() -> forms.TimeInput:
    return forms.TimeInput(format="%H:%M", attrs=TIME_WIDGET_ATTRS)


def _drop_errors_with_code(form: forms.BaseForm, code: str) -> None:
    """Remove the non-field errors with ``code`` that the model's clean() added."""
    errors = form._errors.get(NON_FIELD_ERRORS) if form._errors else None
    if not errors:
        return
    kept = [error for error in errors.as_data() if error.code != code]
    if kept:
        form._errors[NON_FIELD_ERRORS] = form.error_class(kept, error_class="nonfield")
    else:
        del form._errors[NON_FIELD_ERRORS]


class OpeningHoursForm(forms.ModelForm):
    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes", "supervised"]
        widgets = {"opens": time_input(), "closes": time_input()}

    def __init__(self, *args, in_formset: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.in_formset = in_formset

    def full_clean(self) -> None:
        super().full_clean()
        if self.in_formset:
            # OpeningHours.clean() compares with the rows *saved* in the database. Inside
            # the formset that gives false alarms (a row shortened and a new row added in
            # the same submit) and misses nothing: the formset checks the submitted week.
            _drop_errors_with_code(self, "overlap")


class OpeningHoursFormSet(forms.BaseInlineFormSet):
    """All weekly hours of one place; rejects overlapping intervals on the same day."""

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "in_formset": True}

    @property
    def empty_form(self):
        # Django builds empty_form without get_form_kwargs(); keep it the same kind of form.
        form = super().empty_form
        form.in_formset = True
        return form

    def clean(self) -> None:
        super().clean()
        by_day = defaultdict(list)
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            data = getattr(form, "cleaned_data", None) or {}
            weekday, opens, closes = data.get("weekday"), data.get("opens"), data.get("closes")
            if weekday is None or opens is None or closes is None:
                # Incomplete or invalid rows already carry their own error.
                continue
            by_day[weekday].append(
                opening.Interval(opens, closes, bool(data.get("supervised")))
            )
        errors = []
        for weekday in sorted(by_day):
            overlap = opening.find_overlap(by_day[weekday])
            if overlap:
                errors.append(
                    ValidationError(
                        opening.overlap_message(Weekday(weekday).label, overlap), code="overlap"
                    )
                )
        if errors:
            raise ValidationError(errors)


class OpeningExceptionForm(forms.ModelForm):
    class Meta:
        model = OpeningException
        fields = ["start_date", "end_date", "kind", "opens", "closes", "supervised", "reason"]
        widgets = {"opens": time_input(), "closes": time_input()}
