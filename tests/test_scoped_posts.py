"""Ids in query strings and POST bodies, and every POST action with a real body, by wrong roles.

The sibling of tests/test_scoped_urls.py (ids in paths). Two walks keep it complete:
- every parameter a view reads from request.GET or request.POST (directly, through a form it
  binds, or through the page parsers) is found in the source and must be registered below, as
  an id with the tests that try it (BODY_IDS) or as a value that names nothing (NOT_IDS);
- every URL outside the admin must be registered as a POST action with a real body (POSTS), a
  page that only reads (READ_ONLY), or the user's own account (OWN_ACCOUNT).
Each POST action is posted as every role that may not take it: refused (403, 404, the login
page, or a redirect with an error), and nothing in the database changes; the same body by a
role that may take it does change something, so the body is real.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.accounts.models import User
from apps.dashboard.views import EXPORT_TABLES
from apps.evaluations.evidence import evidence_add
from apps.evaluations.models import (
    Evidence,
    Filing,
    FilingEvent,
    FilingRevision,
    IndicatorRow,
)
from apps.evaluations.services import evaluation_create
from apps.indicators.models import IndicatorCategory, LibraryIndicator
from apps.notifications.models import Notification
from apps.reports.models import ReportJob
from apps.reviews.models import Review, ReviewerAssignment, RowReview
from tests import factories
from tests.conftest import World
from tests.evaluations.test_form import _post_data
from tests.reviews.conftest import row_ids, submitted_filing
from tests.test_scoped_urls import _walk

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
    extra: dict = field(default_factory=dict)


@pytest.fixture
def scene(world) -> Scene:
    assigned = factories.reviewer_of(world.bureau_a)
    draft_project = factories.ProjectFactory(department=world.dept_a2, fiscal_year=world.year_a)
    draft = _valid_draft(world, draft_project)
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


def _valid_draft(world: World, project) -> Filing:
    """A saved self-evaluation without errors, not submitted."""
    from apps.evaluations.services import evaluation_save
    from tests.reviews.conftest import filer_for, valid_data

    filing = evaluation_create(project=project, by=world.filer_a2)
    evaluation_save(
        filing=filing, by=filer_for(project), base_version=filing.version, data=valid_data(project)
    )
    return Filing.objects.get(pk=filing.pk)


def _state() -> tuple:
    """Everything a POST could change, in one comparable value."""
    return (
        list(Filing.objects.order_by("pk").values_list("pk", "status", "version", "updated_at")),
        list(FilingEvent.objects.order_by("pk").values_list("pk")),
        list(FilingRevision.objects.order_by("pk").values_list("pk")),
        list(IndicatorRow.objects.order_by("pk").values_list("pk", "name", "category_id")),
        list(Review.objects.order_by("pk").values_list("pk", "decision", "comment", "updated_at")),
        list(RowReview.objects.order_by("pk").values_list("pk", "score", "comment")),
        list(ReviewerAssignment.objects.order_by("pk").values_list("filing_id", "reviewer_id")),
        list(Evidence.objects.order_by("pk").values_list("pk")),
        list(ReportJob.objects.order_by("pk").values_list("pk", "state")),
        list(Notification.objects.order_by("pk").values_list("pk", "read_at")),
    )


def _login(client, scene: Scene, role: str) -> None:
    client.logout()
    person = scene.people[role]
    if role != "anonymous":
        client.force_login(person)


# POST actions with real bodies --------------------------------------------------------------


@dataclass(frozen=True)
class Post:
    """A POST action: its URL, a body that works for `allowed` people, who may take it."""

    url: Callable[[Scene], str]
    body: Callable[[Scene, object], dict]
    allowed: frozenset[str]
    insider: str | None  # one of `allowed`, who takes it in the positive control
    changes: bool = True  # False: the action computes but writes nothing (a 200 says it worked)


def _evaluation_body(scene: Scene, client) -> dict:
    """The draft's form as its filer's browser would post it, with one cell changed."""
    client.force_login(scene.world.filer_a2)
    page = client.get(
        reverse("evaluations:project_evaluation", args=[scene.draft.project_id])
    ).content.decode()
    data = _post_data(page)
    data["goal_actual"] = "改写的完成情况"
    return data


def _review_body(op: str) -> Callable[[Scene, object], dict]:
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


def _project(scene: Scene) -> int:
    return scene.draft.project_id


POSTS: dict[str, Post] = {
    "evaluations:project_evaluation": Post(
        url=lambda s: reverse("evaluations:project_evaluation", args=[_project(s)]),
        body=_evaluation_body,
        allowed=frozenset({"filer_a2"}),
        insider="filer_a2",
    ),
    "evaluations:project_evaluation_start": Post(
        url=lambda s: reverse("evaluations:project_evaluation_start", args=[s.fresh_project]),
        body=lambda s, c: {"start": "blank"},
        allowed=frozenset({"filer_a2"}),
        insider="filer_a2",
    ),
    "evaluations:project_evaluation_compute": Post(
        url=lambda s: reverse("evaluations:project_evaluation_compute", args=[_project(s)]),
        body=_evaluation_body,
        allowed=DEPARTMENT_A2,
        insider="head_a2",
        changes=False,
    ),
    "evaluations:project_evaluation_transition": Post(
        url=lambda s: reverse("evaluations:project_evaluation_transition", args=[_project(s)]),
        body=lambda s, c: {"action": "submit", "reason": ""},
        allowed=frozenset({"filer_a2"}),
        insider="filer_a2",
    ),
    # The review's decisions posted to the filer's URL: nobody decides there (the review page
    # does, with the review).
    **{
        f"evaluations:project_evaluation_transition/{action}": Post(
            url=lambda s: reverse(
                "evaluations:project_evaluation_transition", args=[s.review.project_id]
            ),
            body=lambda s, c, action=action: {"action": action, "reason": "越权"},
            allowed=frozenset(),
            insider=None,
        )
        for action in ("start_review", "return", "approve")
    },
    "evaluations:evidence_upload": Post(
        url=lambda s: reverse("evaluations:evidence_upload", args=[_project(s)]),
        body=lambda s, c: {
            "file": SimpleUploadedFile("说明.pdf", b"%PDF-1.7\n%%EOF\n"),
            "description": "补充材料",
        },
        allowed=frozenset({"filer_a2"}),
        insider="filer_a2",
    ),
    "evaluations:evidence_delete": Post(
        url=lambda s: reverse("evaluations:evidence_delete", args=[_project(s), s.evidence.pk]),
        body=lambda s, c: {},
        allowed=frozenset({"filer_a2"}),
        insider="filer_a2",
    ),
    "reviews:review/save": Post(
        url=lambda s: reverse("reviews:review", args=[s.review.pk]),
        body=_review_body("save"),
        allowed=frozenset({"assigned", "admin_a"}),
        insider="assigned",
    ),
    "reviews:review/return": Post(
        url=lambda s: reverse("reviews:review", args=[s.review.pk]),
        body=_review_body("return"),
        allowed=frozenset({"assigned", "admin_a"}),
        insider="assigned",
    ),
    "reviews:review/approve": Post(
        url=lambda s: reverse("reviews:review", args=[s.review.pk]),
        body=_review_body("approve"),
        allowed=frozenset({"assigned", "admin_a"}),
        insider="admin_a",
    ),
    "reviews:compute": Post(
        url=lambda s: reverse("reviews:compute", args=[s.review.pk]),
        body=_review_body("save"),
        allowed=BUREAU_A_STAFF,
        insider="reviewer_a",
        changes=False,
    ),
    "reviews:assign": Post(
        url=lambda s: reverse("reviews:assign", args=[s.review.pk]),
        body=lambda s, c: {"reviewers": [s.world.reviewer_a.pk]},
        allowed=frozenset({"admin_a"}),
        insider="admin_a",
    ),
    "reviews:bulk_approve": Post(
        url=lambda s: reverse("reviews:bulk_approve"),
        body=lambda s, c: {"filing": [s.review.pk]},
        allowed=frozenset({"assigned", "admin_a"}),
        insider="assigned",
    ),
    "reports:project_pdf": Post(
        url=lambda s: reverse("reports:project_pdf", args=[_project(s)]),
        body=lambda s, c: {},
        allowed=DEPARTMENT_A2,
        insider="filer_a2",
    ),
    "reports:department_bundle": Post(
        url=lambda s: reverse("reports:department_bundle", args=[s.world.dept_a2.pk]),
        body=lambda s, c: {"fiscal_year": s.world.year_a.pk},
        allowed=DEPARTMENT_A2,
        insider="head_a2",
    ),
    "reports:year_summary": Post(
        url=lambda s: reverse("reports:year_summary", args=[s.world.year_a.pk]),
        body=lambda s, c: {},
        allowed=BUREAU_A_STAFF,
        insider="reviewer_a",
    ),
    "reports:year_batch": Post(
        url=lambda s: reverse("reports:year_batch", args=[s.world.year_a.pk]),
        body=lambda s, c: {},
        allowed=BUREAU_A_STAFF,
        insider="admin_a",
    ),
    "reports:job_retry": Post(
        url=lambda s: reverse("reports:job_retry", args=[s.failed_job.pk]),
        body=lambda s, c: {},
        allowed=DEPARTMENT_A2,
        insider="filer_a2",
    ),
    # A notification is its recipient's alone; the id travels in the body.
    "notifications:open": Post(
        url=lambda s: reverse("notifications:open"),
        body=lambda s, c: {"notification": s.notification.pk},
        allowed=frozenset({"filer_a2"}),
        insider="filer_a2",
    ),
}
# Pages that only read (POST is refused or reads too); their GETs are walked by
# tests/test_scoped_urls.py. Posting to them must change nothing, whoever posts.
READ_ONLY = {
    "root",
    "home",
    "budgets:department_detail",
    "budgets:project_detail",
    "evaluations:project_evaluation_history",
    "evaluations:project_evaluation_library",
    "evaluations:evidence_download",
    "reviews:queue",
    "notifications:list",
    "reports:job_list",
    "reports:job_detail",
    "reports:job_status",
    "reports:job_download",
    "dashboard:index",
    "dashboard:export",
}
# The user's own session and account: nothing of a department or bureau is named.
OWN_ACCOUNT = {
    "accounts:login",
    "accounts:logout",
    "accounts:password_change",
    "accounts:password_change_done",
    "budgets:switch_year",  # the year id in its body: test_year_ids_of_another_bureau_are_refused
    "notifications:read_all",  # marks the poster's own: test_read_all_marks_only_ones_own
}


def _url_names() -> set[str]:
    from django.urls import get_resolver

    return {name for name, _pattern in _walk(get_resolver().url_patterns)}


def test_every_url_is_registered():
    known = {name.split("/")[0] for name in POSTS} | READ_ONLY | OWN_ACCOUNT
    unknown = _url_names() - known
    assert not unknown, f"register these URLs in POSTS, READ_ONLY or OWN_ACCOUNT: {unknown}"


CASES = [(name, role) for name, post in POSTS.items() for role in ROLES if role not in post.allowed]


@pytest.mark.parametrize(("name", "role"), CASES)
def test_wrong_role_posting_a_real_body_is_refused_and_changes_nothing(client, scene, name, role):
    post = POSTS[name]
    body = post.body(scene, client)
    _login(client, scene, role)
    before = _state()

    response = client.post(post.url(scene), body)

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code in (302, 400, 403, 404), response.status_code
    assert _state() == before


@pytest.mark.parametrize("name", [name for name, post in POSTS.items() if post.insider])
def test_the_same_body_works_for_who_may(client, scene, name):
    post = POSTS[name]
    assert post.insider in post.allowed
    body = post.body(scene, client)
    _login(client, scene, post.insider)
    before = _state()

    response = client.post(post.url(scene), body)

    assert response.status_code in (200, 302), response.status_code
    if post.changes:
        assert _state() != before
    else:
        assert response.status_code == 200 and _state() == before


@pytest.mark.parametrize("name", sorted(READ_ONLY))
def test_posting_to_a_read_only_page_changes_nothing(client, scene, name):
    from tests.test_scoped_urls import _parameters

    builders = {
        "project_pk": lambda s: _project(s),
        "department_pk": lambda s: s.world.dept_a2.pk,
        "evidence_pk": lambda s: s.evidence.pk,
        "job_pk": lambda s: s.failed_job.pk,
        "fiscal_year_pk": lambda s: s.world.year_a.pk,
        "filing_pk": lambda s: s.review.pk,
    }
    kwargs = {param: builders[param](scene) for param in _parameters(name)}
    if name == "dashboard:export":
        kwargs["table"] = next(iter(EXPORT_TABLES))
    url = reverse(name, kwargs=kwargs)
    for role in ROLES:
        _login(client, scene, role)
        before = _state()
        client.post(url, {"filing": scene.review.pk, "op": "approve", "action": "approve"})
        assert _state() == before, (name, role)


# Ids in query strings and bodies ------------------------------------------------------------

# Every parameter read from request.GET / request.POST, a bound form or a page parser, by name
# ("<n>" stands for a row index or row id). An id names an object: the test that tries it as
# someone it does not belong to is listed beside it.
BODY_IDS: dict[str, str] = {
    "filing": "test_bulk_approve_ignores_ids_of_filings_out_of_reach",
    "revision": "test_review_post_with_a_revision_of_another_filing_is_refused",
    "reviewers": "test_assigning_a_reviewer_of_another_bureau_is_refused",
    "reviewer": "test_queue_filters_naming_another_bureau_show_nothing_of_it",
    "department": "test_queue_filters_naming_another_bureau_show_nothing_of_it",
    "fiscal_year": "test_year_ids_of_another_bureau_are_refused",
    "library": "test_starting_from_another_bureaus_library_takes_nothing_from_it",
    "notification": "test_wrong_role_posting_a_real_body_is_refused_and_changes_nothing",
    "rows-<n>-category": "test_saving_rows_naming_another_bureau_or_filing_changes_nothing_there",
    "rows-<n>-id": "test_saving_rows_naming_another_bureau_or_filing_changes_nothing_there",
    "row-<n>-score": "test_review_rows_of_another_filing_are_ignored",
    "row-<n>-comment": "test_review_rows_of_another_filing_are_ignored",
    "row-<n>-not_applicable": "test_review_rows_of_another_filing_are_ignored",
}
NOT_IDS = {
    "next",  # a path, checked by url_has_allowed_host_and_scheme
    "page",
    "q",
    "reason",
    "action",
    "op",
    "comment",
    "start",
    "version",
    "description",
    "file",
    "kind",
    "status",
    "grade",
    "review_grade",
    "self_min",
    "self_max",
    "review_min",
    "review_max",
    "goal_expected",
    "goal_actual",
    "notes",
    "low_execution_explanation",
    "funding-<n>-<n>",
    "rows-TOTAL",  # the row count
    "rows-<n>-<n>",  # a row's cells; its `id` and `category` are ids, above
}

_READS = [
    re.compile(r"request\.(?:GET|POST)\.(?:get|getlist)\(\s*(f?\"[^\"]+\")"),
    re.compile(r"\bpost\.(?:get|getlist)\(\s*(f?\"[^\"]+\")"),
    re.compile(r"\bvalue\(\s*(f\"[^\"]+\"|\"[^\"]+\")\)"),
]
_FORM_FIELD = re.compile(r"^    (\w+) = forms\.\w+Field\(", re.M)


def _normalized(literal: str) -> str:
    text = literal.removeprefix("f").strip('"')
    return re.sub(r"\{[^}]*\}", "<n>", text)


def request_parameters() -> set[str]:
    """Names read from a request in the apps' source (admin modules are walked elsewhere)."""
    names: set[str] = set()
    for path in APPS.rglob("*.py"):
        if path.name == "admin.py" or "migrations" in path.parts or "tests" in path.parts:
            continue
        source = path.read_text()
        for pattern in _READS:
            names |= {_normalized(m) for m in pattern.findall(source)}
        if "forms.Form" in source:
            names |= set(_FORM_FIELD.findall(source))
    return names


def test_every_body_and_query_parameter_is_known():
    found = request_parameters()
    # The row cells read through the ROW_INPUTS loop count as "rows-<n>-<n>", and the two
    # of them that name objects are registered apart.
    unknown = found - set(BODY_IDS) - NOT_IDS
    assert not unknown, f"register these request parameters in BODY_IDS or NOT_IDS: {unknown}"
    assert {"filing", "fiscal_year", "revision"} <= found  # the walk sees the views


def test_every_registered_id_names_a_test_here():
    here = {name for name in globals() if name.startswith("test_")}
    assert set(BODY_IDS.values()) <= here


def test_bulk_approve_ignores_ids_of_filings_out_of_reach(client, scene):
    """Bureau B's reviewer ticks their own filing and bureau A's: only their own is approved."""
    client.force_login(scene.world.reviewer_b)
    a_before = Filing.objects.get(pk=scene.review.pk).status

    client.post(reverse("reviews:bulk_approve"), {"filing": [scene.filing_b1.pk, scene.review.pk]})

    assert Filing.objects.get(pk=scene.filing_b1.pk).status == "approved"
    assert Filing.objects.get(pk=scene.review.pk).status == a_before
    assert not Review.objects.filter(filing=scene.review).exists()


def test_review_post_with_a_revision_of_another_filing_is_refused(client, scene):
    """Bureau B's reviewer posts to their own filing's page with a revision of bureau A's."""
    client.force_login(scene.world.reviewer_b)
    body = _review_body("approve")(scene, client)
    before = _state()

    response = client.post(reverse("reviews:review", args=[scene.filing_b1.pk]), body)

    assert response.status_code in (400, 403, 404)
    assert _state() == before
    # And ?revision= only picks among the path's filing's revisions.
    wanted = scene.review.revisions.first().number + 5
    page = client.get(reverse("reviews:review", args=[scene.filing_b1.pk]), {"revision": wanted})
    assert page.status_code == 404


def test_assigning_a_reviewer_of_another_bureau_is_refused(client, scene):
    client.force_login(scene.world.admin_b)
    before = _state()
    client.post(
        reverse("reviews:assign", args=[scene.filing_b1.pk]),
        {"reviewers": [scene.world.reviewer_a.pk]},
    )
    client.force_login(scene.world.admin_a)
    client.post(
        reverse("reviews:assign", args=[scene.review.pk]),
        {"reviewers": [scene.world.reviewer_b.pk]},
    )
    assert _state() == before


def test_queue_filters_naming_another_bureau_show_nothing_of_it(client, scene):
    client.force_login(scene.world.reviewer_b)
    project_a2 = scene.review.project
    for query in (
        {"fiscal_year": scene.world.year_a.pk, "status": "any"},
        {"fiscal_year": "any", "department": scene.world.dept_a2.pk, "status": "any"},
        {"fiscal_year": "any", "reviewer": scene.people["assigned"].pk, "status": "any"},
    ):
        response = client.get(reverse("reviews:queue"), query)
        assert response.status_code in (200, 400)
        page = response.content.decode()
        assert project_a2.name not in page and scene.world.dept_a2.name not in page, query


def test_year_ids_of_another_bureau_are_refused(client, scene):
    world = scene.world
    client.force_login(world.filer_b1)
    switched = client.post(reverse("budgets:switch_year"), {"fiscal_year": world.year_a.pk})
    assert switched.status_code == 403
    before = _state()
    # Department B1's bundle asked for bureau A's year.
    bundle = client.post(
        reverse("reports:department_bundle", args=[world.dept_b1.pk]),
        {"fiscal_year": world.year_a.pk},
    )
    assert bundle.status_code in (403, 404)
    assert _state() == before
    client.force_login(world.reviewer_b)
    page = client.get(reverse("reviews:queue"), {"fiscal_year": world.year_a.pk})
    assert scene.review.project.name not in page.content.decode()


def test_starting_from_another_bureaus_library_takes_nothing_from_it(client, scene):
    world = scene.world
    level2 = IndicatorCategory.objects.filter(bureau=world.bureau_b, level=2).first()
    assert level2 is not None
    item = LibraryIndicator.objects.create(category=level2, name="乙县专用指标", comparator="≥")
    client.force_login(world.filer_a2)

    client.post(
        reverse("evaluations:project_evaluation_start", args=[scene.fresh_project]),
        {"start": "library", "library": [item.pk]},
    )

    assert not IndicatorRow.objects.filter(name="乙县专用指标").exists()
    assert (
        not IndicatorRow.objects.filter(category__bureau=world.bureau_b)
        .exclude(evaluation__filing__department__bureau=world.bureau_b)
        .exists()
    )


def test_saving_rows_naming_another_bureau_or_filing_changes_nothing_there(client, scene):
    world = scene.world
    body = _evaluation_body(scene, client)
    other_row = IndicatorRow.objects.filter(evaluation__filing=scene.review).first()
    b_category = IndicatorCategory.objects.filter(bureau=world.bureau_b, level=2).first()
    assert other_row is not None and b_category is not None
    others = list(
        IndicatorRow.objects.exclude(evaluation__filing=scene.draft)
        .order_by("pk")
        .values_list("pk", "name", "weight", "category_id", "evaluation_id")
    )
    body["rows-0-id"] = str(other_row.pk)
    body["rows-1-category"] = str(b_category.pk)
    client.force_login(world.filer_a2)

    client.post(reverse("evaluations:project_evaluation", args=[_project(scene)]), body)

    assert (
        list(
            IndicatorRow.objects.exclude(evaluation__filing=scene.draft)
            .order_by("pk")
            .values_list("pk", "name", "weight", "category_id", "evaluation_id")
        )
        == others
    )
    assert not IndicatorRow.objects.filter(
        evaluation__filing=scene.draft, category__bureau=world.bureau_b
    ).exists()


def test_review_rows_of_another_filing_are_ignored(client, scene):
    """Row ids of bureau B's revision posted on bureau A's review page are not written."""
    foreign = next(iter(row_ids(scene.filing_b1).values()))
    body = _review_body("save")(scene, client)
    body.update(
        {
            f"row-{foreign}-score": "1",
            f"row-{foreign}-comment": "越权",
            f"row-{foreign}-not_applicable": "accepted",
        }
    )
    client.force_login(scene.people["assigned"])

    client.post(reverse("reviews:review", args=[scene.review.pk]), body)

    assert not RowReview.objects.filter(row_id=foreign).exists()


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ("filer_a2", "anonymous")])
def test_read_all_marks_only_ones_own(client, scene, role):
    _login(client, scene, role)
    client.post(reverse("notifications:read_all"))
    scene.notification.refresh_from_db()
    assert scene.notification.read_at is None
