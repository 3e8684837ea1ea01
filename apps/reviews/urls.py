from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("review/", views.queue, name="queue"),
    path("review/export.xlsx", views.queue_export, name="queue_export"),
    path("review/summary.xlsx", views.summary_export, name="summary_export"),
    path("review/approve/", views.bulk_approve, name="bulk_approve"),
    path("review/filings/<int:filing_pk>/", views.review_page, name="review"),
    path("review/filings/<int:filing_pk>/compute/", views.review_compute, name="compute"),
    path("review/filings/<int:filing_pk>/assign/", views.assign, name="assign"),
]
