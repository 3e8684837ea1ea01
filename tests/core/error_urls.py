"""The project's URLs plus a view that fails, for the test of the 500 page."""

from django.urls import path

from config.urls import handler400
from config.urls import urlpatterns as project_urlpatterns


def fail(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [path("test-only/fail/", fail), *project_urlpatterns]
__all__ = ["handler400", "urlpatterns"]
