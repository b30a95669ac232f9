"""Admin forms for activities: a schedule is edited as simple choices, not as RRULE text."""

from django import forms
from django.utils.text import capfirst

from locaties.forms import time_input
from locaties.models import Weekday

from .models import Schedule


class ScheduleForm(forms.ModelForm):
    """Days as checkboxes; schedules.validate() (via Schedule.clean) explains bad combinations."""

    weekdays = forms.TypedMultipleChoiceField(
        label=capfirst(Schedule._meta.get_field("weekdays").verbose_name),
        choices=Weekday.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        # A one-off has no days; the model's clean says when days are missing.
        required=False,
    )

    class Meta:
        model = Schedule
        fields = [
            "start_date",
            "start_time",
            "end_time",
            "frequency",
            "interval",
            "weekdays",
            "month_week",
            "until",
            "count",
        ]
        widgets = {"start_time": time_input(), "end_time": time_input()}

    def clean_weekdays(self) -> list[int]:
        return sorted(set(self.cleaned_data["weekdays"]))
