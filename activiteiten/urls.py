from django.urls import path

from . import views

app_name = "activiteiten"
urlpatterns = [
    path("", views.AgendaView.as_view(), name="agenda"),
    path("agenda.ics", views.agenda_feed, name="agenda_ical"),
    path("<slug:slug>/", views.ActivityDetailView.as_view(), name="detail"),
    path("<slug:slug>/agenda.ics", views.activity_feed, name="ical"),
]
