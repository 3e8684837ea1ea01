from django.urls import path

from . import evidence_views, views

app_name = "filings"

urlpatterns = [
    path("filings/<int:filing_pk>/", views.filing_page, name="page"),
    path("filings/<int:filing_pk>/transition/", views.filing_transition_view, name="transition"),
    path("filings/<int:filing_pk>/history/", views.filing_history, name="history"),
    path("filings/<int:filing_pk>/evidence/", evidence_views.upload, name="evidence_upload"),
    path(
        "filings/<int:filing_pk>/evidence/<int:evidence_pk>/",
        evidence_views.download,
        name="evidence_download",
    ),
    path(
        "filings/<int:filing_pk>/evidence/<int:evidence_pk>/delete/",
        evidence_views.delete,
        name="evidence_delete",
    ),
]
