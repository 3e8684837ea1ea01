from django.urls import path

from . import views

app_name = "project_evaluations"

urlpatterns = [
    # The project's evaluation: its filing's page once started (filings:page), else the start.
    path(
        "projects/<int:project_pk>/evaluation/",
        views.project_evaluation,
        name="project_evaluation",
    ),
    path(
        "projects/<int:project_pk>/evaluation/start/",
        views.evaluation_start,
        name="project_evaluation_start",
    ),
    # Addresses of the evaluation's pages before filings had their own: sent on.
    path(
        "projects/<int:project_pk>/evaluation/history/",
        views.moved,
        {"route": "filings:history"},
        name="old_history",
    ),
    path(
        "projects/<int:project_pk>/evaluation/evidence/",
        views.moved,
        {"route": "filings:evidence_upload"},
        name="old_evidence",
    ),
    path(
        "filings/<int:filing_pk>/project/compute/",
        views.evaluation_compute_view,
        name="compute",
    ),
    # Picked from before the evaluation is started, so keyed by the project.
    path("projects/<int:project_pk>/evaluation/library/", views.library_view, name="library"),
]
