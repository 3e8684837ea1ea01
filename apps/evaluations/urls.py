from django.urls import path

from . import evidence_urls, views

app_name = "evaluations"

urlpatterns = [
    path("projects/<int:project_pk>/evaluation/", views.evaluation_page, name="project_evaluation"),
    path(
        "projects/<int:project_pk>/evaluation/start/",
        views.evaluation_start,
        name="project_evaluation_start",
    ),
    path(
        "projects/<int:project_pk>/evaluation/compute/",
        views.evaluation_compute_view,
        name="project_evaluation_compute",
    ),
    path(
        "projects/<int:project_pk>/evaluation/transition/",
        views.evaluation_transition,
        name="project_evaluation_transition",
    ),
    path(
        "projects/<int:project_pk>/evaluation/history/",
        views.evaluation_history,
        name="project_evaluation_history",
    ),
    path(
        "projects/<int:project_pk>/evaluation/library/",
        views.library_view,
        name="project_evaluation_library",
    ),
]
urlpatterns += evidence_urls.urlpatterns
