from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from apps.budgets import views as budget_views
from apps.core import views as core_views

admin.site.site_header = _("Jixiao administration")
admin.site.site_title = _("Jixiao")
admin.site.index_title = _("Bureau administration")

# Chinese error pages: templates/400.html, 403.html, 403_csrf.html, 404.html and 500.html.
# Django's defaults render 403, 404 and 500; 400 needs a view that does not use the request.
handler400 = "apps.core.views.bad_request"

urlpatterns = [
    path("", budget_views.root, name="root"),
    path("home/", budget_views.home, name="home"),
    # The load benchmark's floor (bench/load.py): a login-checked page that does nothing else.
    path("session/", core_views.session_check, name="session_check"),
    path("accounts/", include("apps.accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("apps.budgets.urls")),
    path("", include("apps.filings.urls")),
    path("", include("apps.project_evaluations.urls")),
    path("", include("apps.department_evaluations.urls")),
    path("", include("apps.reviews.urls")),
    path("", include("apps.notifications.urls")),
    path("", include("apps.reports.urls")),
    path("", include("apps.dashboard.urls")),
    path("", include("apps.narratives.urls")),
    path("", include("apps.final_accounts.urls")),
    path("", include("apps.offline.urls")),
]
