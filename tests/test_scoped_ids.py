"""Ids in query strings and POST bodies, tried by people of another bureau or department.

The sibling of tests/test_scoped_urls.py (ids in paths). Every parameter a view reads from
request.GET or request.POST (directly, through a form it binds, or through the page parsers) is
found in the source and must be registered here, as an id with the test that tries it
(BODY_IDS) or as a value that names nothing (NOT_IDS): a new parameter nobody registers fails
test_every_body_and_query_parameter_is_known.
"""

import re

import pytest
from django.urls import reverse

from apps.filings.models import Filing
from apps.indicators.models import Framework, IndicatorCategory, LibraryIndicator
from apps.project_evaluations.models import IndicatorRow
from apps.reviews.models import Review, RowReview
from tests.filing_urls import evaluation_url
from tests.reviews.conftest import row_ids, row_keys
from tests.scoped_scene import (
    APPS,
    Scene,
    build_scene,
    db_state,
    draft_project,
    evaluation_body,
    review_body,
)


@pytest.fixture
def scene(world) -> Scene:
    return build_scene(world)


# Every parameter read from request.GET / request.POST, a bound form or a page parser, by name
# ("<n>" stands for a row index or row id, or for a review row's field prefix: the review page
# reads `{row.field}-score`, "row-12-score" for the row keyed "row:12"). An id names an object:
# the test that tries it as someone it does not belong to is listed beside it.
BODY_IDS: dict[str, str] = {
    "filing": "test_bulk_approve_ignores_ids_of_filings_out_of_reach",
    "revision": "test_review_post_with_a_revision_of_another_filing_is_refused",
    "reviewers": "test_assigning_a_reviewer_of_another_bureau_is_refused",
    "reviewer": "test_queue_filters_naming_another_bureau_show_nothing_of_it",
    "department": "test_queue_filters_naming_another_bureau_show_nothing_of_it",
    "fiscal_year": "test_year_ids_of_another_bureau_are_refused",
    "library": "test_starting_from_another_bureaus_library_takes_nothing_from_it",
    "notification": "test_wrong_role_posting_a_real_body_is_refused_and_changes_nothing",
    "disclosure": "test_a_disclosure_of_another_bureau_is_not_confirmed_into_ones_own_filing",
    "rows-<n>-category": "test_saving_rows_naming_another_bureau_or_filing_changes_nothing_there",
    "rows-<n>-id": "test_saving_rows_naming_another_bureau_or_filing_changes_nothing_there",
    "<n>-score": "test_review_rows_of_another_filing_are_ignored",
    "<n>-comment": "test_review_rows_of_another_filing_are_ignored",
    "<n>-not_applicable": "test_review_rows_of_another_filing_are_ignored",
    # The department form's row cells ("finance-0-unit", "indicators-0-category", "goals-0-id").
    "<n>-<n>-<n>": "test_department_rows_naming_another_department_bureau_or_filing_are_refused",
}
NOT_IDS = {
    "next",  # a path, checked by url_has_allowed_host_and_scheme
    "page",
    "q",
    "reason",
    "reopened_until",  # a date, read by the reopen form
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
    "<n>-TOTAL",  # a department form section's row count
    "<n>-note",  # a 打分表 row's 备注
    "rows-<n>-<n>",  # a row's cells; its `id` and `category` are ids, above
    # The report page: a section's key and a figure's index within the filing's own report;
    # the payment table's cells and row count (rows are replaced whole, by position).
    "key",
    "index",
    "payments-TOTAL",
    "payments-<n>-<n>",
    "payments-<n>-DELETE",
    "payments-total-<n>",
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


def test_every_registered_id_names_a_test():
    from tests import test_scoped_posts

    tests = {name for name in [*globals(), *vars(test_scoped_posts)] if name.startswith("test_")}
    assert set(BODY_IDS.values()) <= tests


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
    body = review_body("approve")(scene, client)
    before = db_state()

    response = client.post(reverse("reviews:review", args=[scene.filing_b1.pk]), body)

    assert response.status_code in (400, 403, 404)
    assert db_state() == before
    # And ?revision= only picks among the path's filing's revisions.
    wanted = scene.review.revisions.first().number + 5
    page = client.get(reverse("reviews:review", args=[scene.filing_b1.pk]), {"revision": wanted})
    assert page.status_code == 404


def test_assigning_a_reviewer_of_another_bureau_is_refused(client, scene):
    client.force_login(scene.world.admin_b)
    before = db_state()
    client.post(
        reverse("reviews:assign", args=[scene.filing_b1.pk]),
        {"reviewers": [scene.world.reviewer_a.pk]},
    )
    client.force_login(scene.world.admin_a)
    client.post(
        reverse("reviews:assign", args=[scene.review.pk]),
        {"reviewers": [scene.world.reviewer_b.pk]},
    )
    assert db_state() == before


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
    before = db_state()
    # Department B1's bundle asked for bureau A's year.
    bundle = client.post(
        reverse("reports:department_bundle", args=[world.dept_b1.pk]),
        {"fiscal_year": world.year_a.pk},
    )
    assert bundle.status_code in (403, 404)
    assert db_state() == before
    client.force_login(world.reviewer_b)
    page = client.get(reverse("reviews:queue"), {"fiscal_year": world.year_a.pk})
    assert scene.review.project.name not in page.content.decode()


def test_starting_from_another_bureaus_library_takes_nothing_from_it(client, scene):
    world = scene.world
    level2 = IndicatorCategory.objects.filter(
        bureau=world.bureau_b, framework=Framework.PROJECT, level=2
    ).first()
    assert level2 is not None
    item = LibraryIndicator.objects.create(category=level2, name="乙县专用指标", comparator="≥")
    client.force_login(world.filer_a2)

    client.post(
        reverse("project_evaluations:project_evaluation_start", args=[scene.fresh_project]),
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
    body = evaluation_body(scene, client)
    other_row = IndicatorRow.objects.filter(evaluation__filing=scene.review).first()
    b_category = IndicatorCategory.objects.filter(
        bureau=world.bureau_b, framework=Framework.PROJECT, level=2
    ).first()
    assert other_row is not None and b_category is not None
    others = list(
        IndicatorRow.objects.exclude(evaluation__filing=scene.draft)
        .order_by("pk")
        .values_list("pk", "name", "weight", "category_id", "evaluation_id")
    )
    body["rows-0-id"] = str(other_row.pk)
    body["rows-1-category"] = str(b_category.pk)
    client.force_login(world.filer_a2)

    client.post(evaluation_url(draft_project(scene)), body)

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
    name, foreign = next(iter(row_ids(scene.filing_b1).items()))
    body = review_body("save")(scene, client)
    body.update(
        {
            f"row-{foreign}-score": "1",
            f"row-{foreign}-comment": "越权",
            f"row-{foreign}-not_applicable": "accepted",
        }
    )
    client.force_login(scene.people["assigned"])

    client.post(reverse("reviews:review", args=[scene.review.pk]), body)

    assert not RowReview.objects.filter(row_key=row_keys(scene.filing_b1)[name]).exists()


def test_department_rows_naming_another_department_bureau_or_filing_are_refused(client, scene):
    from apps.department_evaluations.models import FinanceRow
    from apps.indicators.models import Framework, IndicatorCategory
    from apps.indicators.services import taxonomy_ensure_standard
    from tests.department_evaluations.posts import department_body, department_filing

    world = scene.world
    mine = department_filing(world.dept_a2, world.year_a)
    theirs = department_filing(world.dept_a1, world.year_a)
    their_row = FinanceRow.objects.get(evaluation__filing=theirs)
    taxonomy_ensure_standard(bureau=world.bureau_b, framework=Framework.DEPARTMENT)
    foreign_category = IndicatorCategory.objects.filter(
        bureau=world.bureau_b, framework=Framework.DEPARTMENT, level=2
    ).first()
    client.force_login(world.filer_a2)
    url = reverse("filings:page", args=[mine.pk])
    tampered = (
        {"finance-0-unit": str(world.dept_a1.pk)},  # another department of the bureau
        {"finance-0-unit": str(world.dept_b1.pk)},  # a department of another bureau
        {
            "indicators-TOTAL": "1",
            "indicators-0-id": "",
            "indicators-0-category": str(foreign_category.pk),
            "indicators-0-name": "外局指标",
        },
    )
    for cells in tampered:
        before = db_state()
        response = client.post(url, department_body(mine, **cells))
        assert response.status_code == 400
        assert db_state() == before
    # A row id of another department's filing does not reach that row: a new row is made.
    body = department_body(mine, **{"finance-0-id": str(their_row.pk), "finance-0-name": "改名"})
    assert client.post(url, body).status_code == 302
    their_row.refresh_from_db()
    assert their_row.name == world.dept_a1.name
    assert FinanceRow.objects.filter(evaluation__filing=mine, name="改名").exists()


def test_a_disclosure_of_another_bureau_is_not_confirmed_into_ones_own_filing(client, scene):
    """Bureau B's department's upload, named in A2's confirmation: refused, nothing written."""
    from apps.final_accounts.services import disclosure_upload
    from tests.department_evaluations.posts import department_filing
    from tests.final_accounts.clean import clean_bytes

    w = scene.world
    filing = department_filing(w.dept_a2, w.year_a)
    theirs = disclosure_upload(
        department=w.dept_b1,
        fiscal_year=w.year_b,
        by=w.filer_b1,
        upload=clean_bytes(w.dept_b1, w.year_b),
    )
    client.force_login(w.filer_a2)
    before = db_state()

    response = client.post(
        reverse("department_evaluations:final_accounts_confirm", args=[w.dept_a2.pk]),
        {"disclosure": theirs.pk, "version": filing.version},
    )

    assert response.status_code == 404
    assert db_state() == before
