from django.urls import path

from . import views

app_name = "offline"

urlpatterns = [
    path("filings/<int:filing_pk>/offline.xlsx", views.download, name="download"),
    path("filings/<int:filing_pk>/offline/", views.upload, name="upload"),
    path(
        "filings/<int:filing_pk>/offline/<int:upload_pk>/confirm/",
        views.confirm,
        name="confirm",
    ),
]
