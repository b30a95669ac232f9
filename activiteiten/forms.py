"""Admin forms for activities: a schedule is edited as simple choices, not as RRULE text."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from locaties.forms import TabularInlineFormSet, WeekdaysField, time_input

from . import checks, schedules
from .models import Schedule


class ScheduleForm(forms.ModelForm):
    """Days as checkboxes; schedules.validate() (via Schedule.clean) explains bad combinations."""

    weekdays = WeekdaysField(Schedule._meta.get_field("weekdays"))

    class Meta:
        model = Schedule
        fields = list(schedules.FIELDS)
        widgets = {"start_time": time_input(), "end_time": time_input()}


class CancellationFormSet(TabularInlineFormSet):
    """Cancelled dates, each checked against the activity's dates.

    The schedules are those submitted in the same form (``schedule_formset``, set by the
    admin), so a schedule and a cancellation may be added in one go; without it, the saved
    ones. Only new or changed dates are checked: when a schedule moves to another weekday,
    its old cancellations should not block the save.
    """

    schedule_formset = None

    def submitted_schedules(self):
        """The schedules as submitted, or None when they have errors of their own."""
        formset = self.schedule_formset
        if formset is None:
            return list(self.instance.schedules.all()) if self.instance.pk else []
        if not formset.is_valid():
            return None
        return [
            form.instance
            for form in formset.forms
            if (form.has_changed() or form.instance.pk)
            and not (formset.can_delete and formset._should_delete_form(form))
        ]

    def clean(self) -> None:
        super().clean()
        changed = [
            form
            for form in self.forms
            if form.has_changed()
            and "date" in form.changed_data
            and not (self.can_delete and self._should_delete_form(form))
            and getattr(form, "cleaned_data", {}).get("date")
        ]
        if not changed:
            return
        schedule_list = self.submitted_schedules()
        if schedule_list is None:
            return
        for form in changed:
            day = form.cleaned_data["date"]
            if not checks.occurs_on(schedule_list, day):
                form.add_error(
                    "date",
                    _(
                        "The activity does not take place on %(date)s: choose one of its dates "
                        "(see the next dates under each schedule)."
                    )
                    % {"date": date_format(day, "l j F Y")},
                )
