"""Evidence URLs, included by the project's URL configuration into the "evaluations" namespace."""

from django.urls import path

from . import evidence_views

urlpatterns = [
    path(
        "projects/<int:project_pk>/evaluation/evidence/",
        evidence_views.upload,
        name="evidence_upload",
    ),
    path(
        "projects/<int:project_pk>/evaluation/evidence/<int:evidence_pk>/",
        evidence_views.download,
        name="evidence_download",
    ),
    path(
        "projects/<int:project_pk>/evaluation/evidence/<int:evidence_pk>/delete/",
        evidence_views.delete,
        name="evidence_delete",
    ),
]
