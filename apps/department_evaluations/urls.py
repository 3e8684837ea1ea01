from django.urls import path

from . import views
from .views.final_accounts import routes as final_accounts_routes

app_name = "department_evaluations"

urlpatterns = [
    path(
        "departments/<int:department_pk>/evaluation/",
        views.department_evaluation,
        name="department_evaluation",
    ),
    path(
        "departments/<int:department_pk>/evaluation/start/",
        views.department_start,
        name="department_start",
    ),
    path("filings/<int:filing_pk>/department/compute/", views.compute_view, name="compute"),
    *final_accounts_routes,
]
