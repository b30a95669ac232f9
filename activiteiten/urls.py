from django.urls import path

from . import pages, views

app_name = "activiteiten"
urlpatterns = [
    path("", views.AgendaView.as_view(), name="agenda"),
    path("agenda.ics", views.agenda_feed, name="agenda_ical"),
    # Before an activity's page: models.PAGE_SLUGS keeps activities from this path.
    path("abonneren/", views.SubscribeView.as_view(), name="subscribe"),
    path("<slug:slug>/", views.ActivityDetailView.as_view(), name="detail"),
    path("<slug:slug>/agenda.ics", views.activity_feed, name="ical"),
]

# The pages and feeds of a place and of a cluster, which show their activities, and the home
# page with its map data, which filter the places by them. They keep the places' and the
# clusters' paths and names: ontmoeting/urls.py puts them in the ``locaties`` and
# ``clusters`` namespaces, beside those apps' own patterns.
place_patterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("locaties/kaart.geojson", pages.LocationGeoJSONView.as_view(), name="geojson"),
    path("locaties/<slug:slug>/", pages.LocationDetailView.as_view(), name="detail"),
    path("locaties/<slug:slug>/agenda.ics", views.location_feed, name="ical"),
]
cluster_patterns = [
    path("<slug:slug>/", pages.ClusterDetailView.as_view(), name="detail"),
    path("<slug:slug>/agenda.ics", views.cluster_feed, name="ical"),
]
