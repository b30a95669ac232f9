from django.contrib import admin
from django.urls import include, path

import activiteiten.urls
import clusters.urls
import locaties.urls
from instellingen import views as settings_views

from . import views

admin.site.site_header = "Ontmoeting – beheer"
admin.site.site_title = "Ontmoeting"

# The pages of a place and of a cluster show their activities, and the home page and its map
# data filter by them, so activiteiten serves them, in the namespaces of the places and the
# clusters (activiteiten/pages.py).
place_urls = (locaties.urls.urlpatterns + activiteiten.urls.place_patterns, locaties.urls.app_name)
cluster_urls = (
    clusters.urls.urlpatterns + activiteiten.urls.cluster_patterns,
    clusters.urls.app_name,
)

urlpatterns = [
    path("", include(place_urls)),
    path("clusters/", include(cluster_urls)),
    path("activiteiten/", include("activiteiten.urls")),
    path("overzichten/", include("overzichten.urls")),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("over-deze-site/", settings_views.about, name="about"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("healthz", views.healthz, name="healthz"),
]

handler500 = "ontmoeting.views.server_error"
