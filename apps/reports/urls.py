from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/jobs/", views.job_list, name="job_list"),
    path("reports/jobs/<int:job_pk>/", views.job_detail, name="job_detail"),
    path("reports/jobs/<int:job_pk>/status/", views.job_status, name="job_status"),
    path("reports/jobs/<int:job_pk>/download/", views.job_download, name="job_download"),
    path("reports/jobs/<int:job_pk>/retry/", views.job_retry, name="job_retry"),
    path("reports/projects/<int:project_pk>/pdf/", views.project_pdf, name="project_pdf"),
    path(
        "reports/filings/<int:filing_pk>/<slug:document>/",
        views.filing_pdf,
        name="filing_pdf",
    ),
    path(
        "reports/departments/<int:department_pk>/bundle/",
        views.department_bundle,
        name="department_bundle",
    ),
    path("reports/years/<int:fiscal_year_pk>/summary/", views.year_summary, name="year_summary"),
    path("reports/years/<int:fiscal_year_pk>/batch/", views.year_batch, name="year_batch"),
]
