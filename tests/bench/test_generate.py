"""bench/generate.py at a tiny scale, and the load benchmark's floor (/session/)."""

from collections import Counter

import pytest
from django.urls import reverse

from apps.accounts.models import DepartmentMembership, User
from apps.budgets.models import Project
from apps.filings.models import Filing, FilingEvent, FilingRevision, FilingSnapshot
from apps.organizations.models import Department
from apps.project_evaluations.models import IndicatorRow
from apps.reviews.models import Review, ReviewerAssignment, RowReview
from bench.generate import Spec, generate
from tests import factories

S = Filing.Status
SPEC = Spec(departments=8, projects=3, rows=15, reviewers=2, live=1)


@pytest.fixture
def manifest(db):
    return generate(SPEC, seed=7, log=lambda *_args: None)


def test_counts_of_the_spec(manifest):
    assert Department.objects.filter(parent=None).count() == 8
    assert Department.objects.exclude(parent=None).count() == sum(d % 3 for d in range(8))
    assert Project.objects.count() == 24
    assert DepartmentMembership.objects.filter(role="filer").count() == 8
    assert User.objects.count() == 8 + 2 + 1
    projects = Filing.objects.filter(kind="project")
    # Every project filing has 15 rows, but the live department's second, which has 60.
    assert IndicatorRow.objects.count() == 15 * (projects.count() - 1) + 60
    big = manifest["live"][0]["project_60"]
    assert IndicatorRow.objects.filter(evaluation__filing=big).count() == 60
    assert manifest["counts"]["filings"] == Filing.objects.count()


def test_filings_in_every_state_with_their_history(manifest):
    states = Counter(Filing.objects.values_list("status", flat=True))
    assert set(states) == {S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.RETURNED, S.APPROVED, S.PUBLISHED}
    for filing in Filing.objects.all():
        revisions = FilingRevision.objects.filter(filing=filing).count()
        assert revisions == (0 if filing.status == S.DRAFT else 1), filing.status
        assert FilingSnapshot.objects.filter(filing=filing, version=filing.version).exists()
        reviewed = filing.status in (S.IN_REVIEW, S.RETURNED, S.APPROVED, S.PUBLISHED)
        assert ReviewerAssignment.objects.filter(filing=filing).count() == int(reviewed)
        decisions = list(Review.objects.filter(filing=filing).values_list("decision", flat=True))
        expected = {
            S.IN_REVIEW: ["pending"],
            S.RETURNED: ["returned"],
            S.APPROVED: ["approved"],
            S.PUBLISHED: ["approved"],
        }.get(filing.status, [])
        assert decisions == expected
        last = FilingEvent.objects.filter(filing=filing).order_by("pk").last()
        assert (last.to_status if last else S.DRAFT) == filing.status


def test_copied_cells_name_their_own_rows(manifest):
    for filing in Filing.objects.filter(kind="project").exclude(status=S.DRAFT):
        cells = FilingRevision.objects.get(filing=filing).cells
        ids = {
            str(pk)
            for pk in IndicatorRow.objects.filter(evaluation__filing=filing).values_list(
                "pk", flat=True
            )
        }
        named = {key.split(".")[1] for key in cells if key.startswith("row.")}
        assert named == ids
        keys = RowReview.objects.filter(review__filing=filing).values_list("row_key", flat=True)
        assert {key.split(":")[1] for key in keys} <= ids


def test_scores_come_from_the_engine(manifest):
    scored = Filing.objects.filter(kind="project").exclude(total_score=None)
    assert scored.count() == Filing.objects.filter(kind="project").count()
    assert all(f.grade and 0 < f.execution_rate <= 1 for f in scored)
    assert not Filing.objects.exclude(status=S.DRAFT).exclude(error_count=0).exists()


def test_manifest_names_what_load_drives(manifest):
    live = manifest["live"][0]
    filer = User.objects.get(username=live["filer"])
    assert filer.check_password(manifest["password"])
    assert Filing.objects.get(pk=live["project_15"]).status == S.DRAFT
    assert Filing.objects.get(pk=live["department_filing"]).kind == "department"
    for pk in manifest["to_decide"]:
        filing = Filing.objects.get(pk=pk)
        assert (filing.kind, filing.status) == ("project", S.SUBMITTED)


def test_floor_answers_a_logged_in_user(client, db):
    client.force_login(factories.UserFactory())
    response = client.get(reverse("session_check"))
    assert response.status_code == 200
    assert response.content == b"ok"


def test_floor_refuses_anonymous(client, db):
    response = client.get(reverse("session_check"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_derived_columns_are_derived(manifest):
    # Bulk inserts skip the receivers: the generator derives submitted_at and the review score.
    from apps.filings.models import Filing

    reached = Filing.objects.exclude(status__in=[Filing.Status.DRAFT])
    assert reached.exists() and not reached.filter(submitted_at__isnull=True).exists()
    scored = Filing.objects.filter(status__in=[Filing.Status.APPROVED, Filing.Status.PUBLISHED])
    assert not scored.filter(review_score__isnull=True).exists()
