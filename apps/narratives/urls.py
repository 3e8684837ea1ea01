from django.urls import path

from . import views

app_name = "narratives"

urlpatterns = [
    path("filings/<int:filing_pk>/report/", views.report_page, name="report"),
]
