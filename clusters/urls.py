from django.urls import path

from activiteiten import views as activity_views

from . import views

app_name = "clusters"
urlpatterns = [
    path("", views.ClusterListView.as_view(), name="list"),
    path("gebieden.geojson", views.areas_geojson, name="areas"),
    path("wijken.geojson", views.boundaries_geojson, name="boundaries"),
    path("<slug:slug>/", views.ClusterDetailView.as_view(), name="detail"),
    path("<slug:slug>/agenda.ics", activity_views.cluster_feed, name="ical"),
]
