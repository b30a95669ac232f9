from django.contrib import admin
from django.urls import include, path

from instellingen import views as settings_views

from . import views

admin.site.site_header = "Ontmoeting – beheer"
admin.site.site_title = "Ontmoeting"

urlpatterns = [
    path("", include("locaties.urls")),
    path("clusters/", include("clusters.urls")),
    path("activiteiten/", include("activiteiten.urls")),
    path("overzichten/", include("overzichten.urls")),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("over-deze-site/", settings_views.about, name="about"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("healthz", views.healthz, name="healthz"),
]

handler500 = "ontmoeting.views.server_error"
