from django.urls import path

from activiteiten import views as activity_views

from . import views

app_name = "locaties"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("locaties/kaart.geojson", views.LocationGeoJSONView.as_view(), name="geojson"),
    path("locaties/<slug:slug>/", views.LocationDetailView.as_view(), name="detail"),
    path("locaties/<slug:slug>/kaart.json", views.MapPopupView.as_view(), name="map_popup"),
    path("locaties/<slug:slug>/agenda.ics", activity_views.location_feed, name="ical"),
]
