from django.urls import path

from . import views

app_name = "overzichten"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("norm/", views.NormView.as_view(), name="norm"),
    path("begeleiding/", views.SupervisionView.as_view(), name="supervision"),
    path("aanbod/", views.OfferView.as_view(), name="offer"),
    path("datakwaliteit/", views.QualityView.as_view(), name="quality"),
    path("download/overzicht.xlsx", views.download_xlsx, name="download_xlsx"),
    path("download/aanbod.xlsx", views.download_offer_xlsx, name="download_offer_xlsx"),
    path("download/plekken.geojson", views.download_geojson, name="download_geojson"),
    path("download/aanbod.ics", views.download_ics, name="download_ics"),
    path("download/<slug:topic>.csv", views.download_csv, name="download_csv"),
    # Public: a printable sheet for residents without internet (see views.WeeklySheetView).
    path("weekblad/<slug:slug>/", views.WeeklySheetView.as_view(), name="weekly_sheet"),
]
