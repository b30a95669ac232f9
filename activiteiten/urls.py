from django.urls import path

from . import views

app_name = "activiteiten"
urlpatterns = [
    path("<slug:slug>/", views.ActivityDetailView.as_view(), name="detail"),
]
