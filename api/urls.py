from django.urls import path, re_path

from . import docs, views

app_name = "api"
urlpatterns = [
    path("", docs.DocumentationView.as_view(), name="docs"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("places/", views.PlaceList.as_view(), name="place-list"),
    path("places.geojson", views.PlaceGeoJSON.as_view(), name="place-geojson"),
    path("places/<slug:slug>/", views.PlaceDetail.as_view(), name="place-detail"),
    path("kinds/", views.KindList.as_view(), name="kind-list"),
    path("clusters/", views.ClusterList.as_view(), name="cluster-list"),
    path("clusters/<slug:slug>/", views.ClusterDetail.as_view(), name="cluster-detail"),
    path("activities/", views.ActivityList.as_view(), name="activity-list"),
    path("activities/<slug:slug>/", views.ActivityDetail.as_view(), name="activity-detail"),
    path(
        "activities/<slug:slug>/occurrences/",
        views.ActivityOccurrences.as_view(),
        name="activity-occurrences",
    ),
    path("occurrences/", views.OccurrenceList.as_view(), name="occurrence-list"),
    path("organisations/", views.OrganisationList.as_view(), name="organisation-list"),
    path(
        "organisations/<slug:slug>/",
        views.OrganisationDetail.as_view(),
        name="organisation-detail",
    ),
    # Last: every other address under /api/v1/ answers in JSON too.
    re_path(r"^(?P<path>.*)$", views.not_found, name="not-found"),
]
