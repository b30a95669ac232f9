from django.urls import path

from . import views

# A cluster's own page and its feed show its activities: activiteiten serves them, and
# ontmoeting/urls.py adds them to this namespace (activiteiten.urls.cluster_patterns).
app_name = "clusters"
urlpatterns = [
    path("", views.ClusterListView.as_view(), name="list"),
    path("gebieden.geojson", views.areas_geojson, name="areas"),
    path("wijken.geojson", views.boundaries_geojson, name="boundaries"),
]
