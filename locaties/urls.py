from django.urls import path

from . import views

# The home page and the map data (filtered by the activities there too), a place's own page
# and its feed (which show its activities): activiteiten serves them, and ontmoeting/urls.py
# adds them to this namespace (activiteiten.urls.place_patterns).
app_name = "locaties"
urlpatterns = [
    path("locaties/<slug:slug>/kaart.json", views.MapPopupView.as_view(), name="map_popup"),
]
