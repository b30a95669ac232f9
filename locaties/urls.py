from django.urls import path

from . import views

# A place's own page and its feed show its activities: activiteiten serves them, and
# ontmoeting/urls.py adds them to this namespace (activiteiten.urls.place_patterns).
app_name = "locaties"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("locaties/kaart.geojson", views.LocationGeoJSONView.as_view(), name="geojson"),
    path("locaties/<slug:slug>/kaart.json", views.MapPopupView.as_view(), name="map_popup"),
]
