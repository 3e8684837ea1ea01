"""Reports render in the test's own process unless a test starts a real worker."""

import pytest


@pytest.fixture(autouse=True)
def _reports_in_process(settings, tmp_path):
    """CI sets a broker for the whole suite: these tests render eagerly unless they say not."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.REPORTS_EAGER_IN_THREAD = False
    settings.REPORTS_TEST_DELAY_SECONDS = 0
    settings.REPORTS_ROOT = str(tmp_path / "reports")
