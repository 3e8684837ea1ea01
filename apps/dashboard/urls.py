from django.urls import path

from . import views

app_name = "dashboard"

# One fixed path per list rather than a <table> converter: reverse("dashboard:export",
# kwargs={"table": ...}) still works (Django matches the defaults), and no URL parameter
# looks like an object id to the scoped-URL test.
urlpatterns = [
    path("dashboard/", views.index, name="index"),
    *(
        path(f"dashboard/export/{table}.xlsx", views.export, {"table": table}, name="export")
        for table in views.EXPORT_TABLES
    ),
]
