import datetime

from django.utils import timezone
from django.views.generic import DetailView

from .models import Activity

UPCOMING_DAYS = 90


class ActivityDetailView(DetailView):
    template_name = "activiteiten/activity_detail.html"
    context_object_name = "activity"

    def get_queryset(self):
        return Activity.objects.published().for_display().select_related("contact_person")

    def get_context_data(self, **kwargs):
        now = timezone.now()
        end = now + datetime.timedelta(days=UPCOMING_DAYS)
        return super().get_context_data(
            occurrences=self.object.occurrences(now, end)[:10],
            **kwargs,
        )
