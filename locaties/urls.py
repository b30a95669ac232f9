from django.urls import path

from . import views

app_name = "locaties"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("locaties/kaart.geojson", views.LocationGeoJSONView.as_view(), name="geojson"),
    path("locaties/<slug:slug>/", views.LocationDetailView.as_view(), name="detail"),
]
