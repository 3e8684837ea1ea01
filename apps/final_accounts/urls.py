from django.urls import path

from . import views

app_name = "final_accounts"

urlpatterns = [
    path(
        "departments/<int:department_pk>/final-accounts/",
        views.disclosure_page,
        name="disclosure",
    ),
    path(
        "departments/<int:department_pk>/final-accounts/template/",
        views.template_download,
        name="template",
    ),
    path(
        "departments/<int:department_pk>/final-accounts/upload/",
        views.upload,
        name="upload",
    ),
]
