from django.urls import path

from . import views

app_name = "budgets"

urlpatterns = [
    path("year/", views.switch_year, name="switch_year"),
    path("departments/<int:department_pk>/", views.department_detail, name="department_detail"),
    path("projects/<int:project_pk>/", views.project_detail, name="project_detail"),
]
