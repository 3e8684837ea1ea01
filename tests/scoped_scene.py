"""The scene of the scoped POST and id walks: department A2's objects and who tries them."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.models import User
from apps.department_evaluations.models import DepartmentIndicator, FinanceRow
from apps.filings.evidence import evidence_add
from apps.filings.models import Evidence, Filing, FilingEvent, FilingRevision
from apps.final_accounts.models import Disclosure
from apps.notifications.models import Notification
from apps.offline.models import OfflineUpload
from apps.project_evaluations.models import IndicatorRow
from apps.project_evaluations.services import evaluation_create
from apps.reports.models import ReportJob
from apps.reviews.models import Review, ReviewerAssignment, RowReview
from tests import factories
from tests.conftest import World
from tests.filing_urls import evaluation_url
from tests.project_evaluations.test_form import _post_data
from tests.reviews.conftest import row_ids, submitted_filing

APPS = Path(__file__).resolve().parents[1] / "apps"

# The people who try. "assigned" reviews filing `review` (A2's submitted project), to which
# reviewer_a of the same bureau is not assigned.
ROLES = (
    "filer_a2",
    "head_a2",
    "filer_a1",
    "assigned",
    "reviewer_a",
    "reviewer_b",
    "admin_a",
    "admin_b",
    "anonymous",
)
DEPARTMENT_A2 = frozenset({"filer_a2", "head_a2", "assigned", "reviewer_a", "admin_a"})
BUREAU_A_STAFF = frozenset({"assigned", "reviewer_a", "admin_a"})


@dataclass
class Scene:
    """Objects of department A2 in bureau A, each in the state its actions need."""

    world: World
    people: dict[str, User | AnonymousUser]
    draft: Filing  # A2's valid draft: save, submit, evidence, reports
    fresh_project: int  # an A2 project without a self-evaluation: start
    review: Filing  # A2's submitted filing, assigned to "assigned"
    evidence: Evidence
    failed_job: ReportJob
    notification: Notification
    filing_b1: Filing  # bureau B's submitted filing


def build_scene(world: World) -> Scene:
    """The scene in bureau A of the two-bureau world (tests.conftest)."""
    assigned = factories.reviewer_of(world.bureau_a)
    draft = valid_draft(
        world, factories.ProjectFactory(department=world.dept_a2, fiscal_year=world.year_a)
    )
    review = submitted_filing(world, world.project_a2)
    ReviewerAssignment.objects.create(filing=review, reviewer=assigned, assigned_by=world.admin_a)
    job = ReportJob.objects.create(
        kind="project_table",
        bureau=world.bureau_a,
        fiscal_year=world.year_a,
        department=world.dept_a2,
        filing=draft,
        requested_by=world.filer_a2,
        state=ReportJob.State.FAILED,
        file_name="report.pdf",
    )
    people: dict[str, User | AnonymousUser] = {
        "filer_a2": world.filer_a2,
        "head_a2": factories.head_of(world.dept_a2),
        "filer_a1": world.filer_a1,
        "assigned": assigned,
        "reviewer_a": world.reviewer_a,
        "reviewer_b": world.reviewer_b,
        "admin_a": world.admin_a,
        "admin_b": world.admin_b,
        "anonymous": AnonymousUser(),
    }
    return Scene(
        world=world,
        people=people,
        draft=draft,
        fresh_project=factories.ProjectFactory(
            department=world.dept_a2, fiscal_year=world.year_a
        ).pk,
        review=review,
        evidence=evidence_add(
            filing=draft,
            by=world.filer_a2,
            upload=SimpleUploadedFile("佐证材料.pdf", b"%PDF-1.7\n%%EOF\n"),
        ),
        failed_job=job,
        notification=Notification.objects.create(
            recipient=world.filer_a2, kind=Notification.Kind.OTHER, title="通知", link="/home/"
        ),
        filing_b1=submitted_filing(world, world.project_b1),
    )


def valid_draft(world: World, project) -> Filing:
    """A saved self-evaluation without errors, not submitted."""
    from apps.project_evaluations.services import evaluation_save
    from tests.reviews.conftest import filer_for, valid_data

    filing = evaluation_create(project=project, by=world.filer_a2)
    evaluation_save(
        filing=filing, by=filer_for(project), base_version=filing.version, data=valid_data(project)
    )
    return Filing.objects.get(pk=filing.pk)


def db_state() -> tuple:
    """Everything a POST could change, in one comparable value."""
    return (
        list(Filing.objects.order_by("pk").values_list("pk", "status", "version", "updated_at")),
        list(FilingEvent.objects.order_by("pk").values_list("pk")),
        list(FilingRevision.objects.order_by("pk").values_list("pk")),
        list(IndicatorRow.objects.order_by("pk").values_list("pk", "name", "category_id")),
        list(
            FinanceRow.objects.order_by("pk").values_list("pk", "name", "unit_id", "income_total")
        ),
        list(DepartmentIndicator.objects.order_by("pk").values_list("pk", "name", "category_id")),
        list(Review.objects.order_by("pk").values_list("pk", "decision", "comment", "updated_at")),
        list(RowReview.objects.order_by("pk").values_list("pk", "score", "comment")),
        list(ReviewerAssignment.objects.order_by("pk").values_list("filing_id", "reviewer_id")),
        list(Evidence.objects.order_by("pk").values_list("pk")),
        list(ReportJob.objects.order_by("pk").values_list("pk", "state")),
        list(Notification.objects.order_by("pk").values_list("pk", "read_at")),
        list(Disclosure.objects.order_by("pk").values_list("pk", "status")),
        list(OfflineUpload.objects.order_by("pk").values_list("pk")),
    )


def login_as(client, scene: Scene, role: str) -> None:
    client.logout()
    person = scene.people[role]
    if role != "anonymous":
        client.force_login(person)


def evaluation_body(scene: Scene, client) -> dict:
    """The draft's form as its filer's browser would post it, with one cell changed."""
    client.force_login(scene.world.filer_a2)
    page = client.get(evaluation_url(scene.draft.project_id)).content.decode()
    data = _post_data(page)
    data["goal_actual"] = "改写的完成情况"
    return data


def review_body(op: str) -> Callable[[Scene, object], dict]:
    def body(scene: Scene, client) -> dict:
        first = next(iter(row_ids(scene.review).values()))
        return {
            "revision": scene.review.revisions.order_by("-number").first().pk,
            "op": op,
            "comment": "请补充佐证材料",
            f"row-{first}-score": "25",
            f"row-{first}-comment": "偏低",
        }

    return body


def draft_project(scene: Scene) -> int:
    return scene.draft.project_id
