"""Every POST action with a real body, posted by every role that may not take it.

The sibling of tests/test_scoped_urls.py (ids in paths) and tests/test_scoped_ids.py (ids in
query strings and bodies). Every URL outside the admin must be registered here as a POST action
with a real body (POSTS), a page that only reads (READ_ONLY), or the user's own account
(OWN_ACCOUNT): a new URL nobody registers fails test_every_url_is_registered. Each POST action is
posted by every role that may not take it: refused (403, 404, the login page, or a redirect
with an error) and nothing in the database changes; the same body by a role that may take it
does change something, so the body is real.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.dashboard.views import EXPORT_TABLES
from apps.filings.models import Filing
from apps.offline.models import OfflineUpload
from apps.offline.services import upload_receive, workbook_download
from tests.department_evaluations.posts import department_body, department_filing
from tests.filing_urls import evaluation_url, project_filing_url
from tests.final_accounts import scoped as final_accounts
from tests.scoped_scene import (
    BUREAU_A_STAFF,
    DEPARTMENT_A2,
    ROLES,
    Scene,
    build_scene,
    db_state,
    draft_project,
    evaluation_body,
    login_as,
    review_body,
)
from tests.test_scoped_urls import _walk


def _department_draft(scene: Scene):
    return department_filing(scene.world.dept_a2, scene.world.year_a)


def _offline_upload(scene: Scene, client) -> dict:
    """A2's filer uploads the draft's workbook; the body confirms that upload."""
    content = workbook_download(scene.draft)[0]
    upload_receive(filing=scene.draft, by=scene.people["filer_a2"], upload=content, size=None)
    return {}


@pytest.fixture
def scene(world) -> Scene:
    return build_scene(world)


@dataclass(frozen=True)
class Post:
    """A POST action: its URL, a body that works for `allowed` people, who may take it."""

    url: Callable[[Scene], str]
    body: Callable[[Scene, object], dict]
    allowed: frozenset[str]
    insider: str | None  # one of `allowed`, who takes it in the positive control
    changes: bool = True  # False: the action computes but writes nothing (a 200 says it worked)


POSTS: dict[str, Post] = {
    "filings:page": Post(
        url=lambda s: evaluation_url(draft_project(s)),
        body=evaluation_body,
        allowed=frozenset({"filer_a2"}),
        insider="filer_a2",
    ),
    "project_evaluations:project_evaluation_start": Post(
        url=lambda s: reverse(
            "project_evaluations:project_evaluation_start", args=[s.fresh_project]
        ),
        body=lambda s, c: {"start": "blank"},
        allowed=frozenset({"filer_a2"}),
        insider="filer_a2",
    ),
    "project_evaluations:compute": Post(
        url=lambda s: project_filing_url("project_evaluations:compute", draft_project(s)),
        body=evaluation_body,
        allowed=DEPARTMENT_A2,
        insider="head_a2",
        changes=False,
    ),
    "filings:page/department": Post(
        url=lambda s: reverse("filings:page", args=[_department_draft(s).pk]),
        body=lambda s, c: department_body(_department_draft(s), notes="改写的说明"),
        allowed=frozenset({"filer_a2"}),
        insider="filer_a2",
    ),
    "department_evaluations:department_start": Post(
        url=lambda s: reverse("department_evaluations:department_start", args=[s.world.dept_a2.pk]),
        body=lambda s, c: {},
        allowed=frozenset({"filer_a2"}),
        insider="filer_a2",
    ),
    "department_evaluations:compute": Post(
        url=lambda s: reverse("department_evaluations:compute", args=[_department_draft(s).pk]),
        body=lambda s, c: department_body(_department_draft(s), notes="改写的说明"),
        allowed=DEPARTMENT_A2,
        insider="filer_a2",
        changes=False,
    ),
    "filings:transition": Post(
        url=lambda s: project_filing_url("filings:transition", draft_project(s)),
        body=lambda s, c: {"action": "submit", "reason": ""},
        allowed=frozenset({"filer_a2"}),
        insider="filer_a2",
    ),
    # The review's decisions posted to the filer's URL: nobody decides there (the review page
    # does, with the review).
    **{
        f"filings:transition/{action}": Post(
            url=lambda s: project_filing_url("filings:transition", s.review.project_id),
            body=lambda s, c, action=action: {"action": action, "reason": "越权"},
            allowed=frozenset(),
            insider=None,
        )
        for action in ("start_review", "return", "approve")
    },
    "filings:evidence_upload": Post(
        url=lambda s: project_filing_url("filings:evidence_upload", draft_project(s)),
        body=lambda s, c: {
            "file": SimpleUploadedFile("说明.pdf", b"%PDF-1.7\n%%EOF\n"),
            "description": "补充材料",
        },
        allowed=frozenset({"filer_a2"}),
        insider="filer_a2",
    ),
    "filings:evidence_delete": Post(
        url=lambda s: project_filing_url(
            "filings:evidence_delete", draft_project(s), s.evidence.pk
        ),
        body=lambda s, c: {},
        allowed=frozenset({"filer_a2"}),
        insider="filer_a2",
    ),
    "reviews:review/save": Post(
        url=lambda s: reverse("reviews:review", args=[s.review.pk]),
        body=review_body("save"),
        allowed=frozenset({"assigned", "admin_a"}),
        insider="assigned",
    ),
    "reviews:review/return": Post(
        url=lambda s: reverse("reviews:review", args=[s.review.pk]),
        body=review_body("return"),
        allowed=frozenset({"assigned", "admin_a"}),
        insider="assigned",
    ),
    "reviews:review/approve": Post(
        url=lambda s: reverse("reviews:review", args=[s.review.pk]),
        body=review_body("approve"),
        allowed=frozenset({"assigned", "admin_a"}),
        insider="admin_a",
    ),
    "reviews:compute": Post(
        url=lambda s: reverse("reviews:compute", args=[s.review.pk]),
        body=review_body("save"),
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
        url=lambda s: reverse("reports:project_pdf", args=[draft_project(s)]),
        body=lambda s, c: {},
        allowed=DEPARTMENT_A2,
        insider="filer_a2",
    ),
    "reports:filing_pdf": Post(
        url=lambda s: reverse("reports:filing_pdf", args=[s.draft.pk, "project_table"]),
        body=lambda s, c: {},
        allowed=DEPARTMENT_A2,
        insider="head_a2",
    ),
    "narratives:report": Post(
        url=lambda s: reverse("narratives:report", args=[s.draft.pk]),
        body=lambda s, c: {
            "version": Filing.objects.get(pk=s.draft.pk).version,
            "section-overview.basic": "改写的报告。",
        },
        allowed=frozenset({"filer_a2"}),
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
    # The upload keeps what it read for the preview; the confirmation saves the filing.
    "offline:upload": Post(
        url=lambda s: reverse("offline:upload", args=[s.draft.pk]),
        body=lambda s, c: {
            "workbook": SimpleUploadedFile("填报.xlsx", workbook_download(s.draft)[0])
        },
        allowed=frozenset({"filer_a2"}),
        insider="filer_a2",
    ),
    "offline:confirm": Post(
        url=lambda s: reverse(
            "offline:confirm",
            args=[s.draft.pk, OfflineUpload.objects.filter(filing=s.draft).latest("pk").pk],
        ),
        body=_offline_upload,
        allowed=frozenset({"filer_a2"}),
        insider="filer_a2",
    ),
    "final_accounts:upload": Post(
        url=final_accounts.upload_url,
        body=final_accounts.upload_body,
        allowed=frozenset({"filer_a2"}),
        insider="filer_a2",
    ),
    "department_evaluations:final_accounts_confirm": Post(
        url=final_accounts.confirm_url,
        body=final_accounts.confirm_body,
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
    "project_evaluations:project_evaluation",
    "department_evaluations:department_evaluation",
    # Old addresses of the evaluation's history and files: sent on (302) to the filing's own,
    # whatever the method, so a POST there takes no action.
    "project_evaluations:old_history",
    "project_evaluations:old_evidence",
    "filings:history",
    "project_evaluations:library",
    "filings:evidence_download",
    "reviews:queue",
    "notifications:list",
    "reports:job_list",
    "reports:job_detail",
    "reports:job_status",
    "reports:job_download",
    "dashboard:index",
    "dashboard:export",
    "reviews:queue_export",
    "reviews:summary_export",
    "offline:download",
    "final_accounts:disclosure",
    "final_accounts:template",
}
# The user's own session and account: nothing of a department or bureau is named.
OWN_ACCOUNT = {
    "accounts:login",
    "accounts:logout",
    "accounts:password_change",
    "accounts:password_change_done",
    "budgets:switch_year",  # the year id in its body: test_year_ids_of_another_bureau_are_refused
    "notifications:read_all",  # marks the poster's own: test_read_all_marks_only_ones_own
    "session_check",  # answers "ok" to a signed-in user and nothing else: tests/bench
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
    login_as(client, scene, role)
    before = db_state()

    response = client.post(post.url(scene), body)

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code in (302, 400, 403, 404), response.status_code
    assert db_state() == before


@pytest.mark.parametrize("name", [name for name, post in POSTS.items() if post.insider])
def test_the_same_body_works_for_who_may(client, scene, name):
    post = POSTS[name]
    assert post.insider in post.allowed
    body = post.body(scene, client)
    login_as(client, scene, post.insider)
    before = db_state()

    response = client.post(post.url(scene), body)

    assert response.status_code in (200, 302), response.status_code
    if post.changes:
        assert db_state() != before
    else:
        assert response.status_code == 200 and db_state() == before


@pytest.mark.parametrize("name", sorted(READ_ONLY))
def test_posting_to_a_read_only_page_changes_nothing(client, scene, name):
    from tests.test_scoped_urls import _parameters

    builders = {
        "project_pk": lambda s: draft_project(s),
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
        login_as(client, scene, role)
        before = db_state()
        client.post(url, {"filing": scene.review.pk, "op": "approve", "action": "approve"})
        assert db_state() == before, (name, role)


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ("filer_a2", "anonymous")])
def test_read_all_marks_only_ones_own(client, scene, role):
    login_as(client, scene, role)
    client.post(reverse("notifications:read_all"))
    scene.notification.refresh_from_db()
    assert scene.notification.read_at is None
