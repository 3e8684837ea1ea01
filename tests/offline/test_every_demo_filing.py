"""Every demo filing, of every kind with a codec, goes through the offline flow unchanged."""

from datetime import date

import pytest

from apps.accounts.models import User
from apps.budgets.demo import demo_load
from apps.department_evaluations.demo import demo_departments_load
from apps.filings.models import Filing
from apps.offline.codecs import codec_of
from apps.offline.services import preview_of, upload_receive, workbook_download
from apps.project_evaluations.demo import demo_evaluations_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    demo_load(today=date(2024, 6, 1))
    demo_evaluations_load()
    demo_departments_load()


def test_every_demo_filing_downloads_and_uploads_back_unchanged(loaded):
    user = User.objects.order_by("pk").first()
    kinds = set()
    for filing in Filing.objects.select_related("fiscal_year__bureau").order_by("pk"):
        if codec_of(filing.kind) is None:
            continue
        kinds.add(filing.kind)
        content, name = workbook_download(filing)
        assert name.endswith(".xlsx")
        received = upload_receive(filing=filing, by=user, upload=content, size=len(content))
        shown = preview_of(received)
        assert [c.key for c in shown.changes] == [], (filing.kind, str(filing))
        assert not shown.blocked, (filing.kind, str(filing), shown.outcome.errors)
        filing.refresh_from_db()
        # The score the preview shows is the one saved with the filing (none without points;
        # the stated one when the bureau takes the department's stated score).
        saved = "" if filing.total_score is None else f"{filing.total_score:.2f}"
        assert (shown.outcome.score, shown.outcome.grade) == (saved, filing.grade), filing
    assert kinds == {"project", "department"}
