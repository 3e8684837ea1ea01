"""Export then import of every demo filing into an empty database gives back the same
filings, field for field, history included (issue 13)."""

import json

import pytest

from apps.accounts.models import User
from apps.budgets.models import FiscalYear
from apps.filings.models import Filing, FilingRevision
from apps.interchange.export import document_export, document_text
from apps.interchange.importer import document_import
from apps.reviews.models import Review, RowReview

from . import canonical
from .conftest import empty_database

pytestmark = pytest.mark.django_db


def _empty_database() -> None:
    empty_database()
    assert not Filing.objects.exists() and not FiscalYear.objects.exists()


def _row_ids(filing: Filing) -> set[str]:
    return {str(pk) for pk in filing.project_evaluation.rows.values_list("pk", flat=True)}


def _cell_row_ids(cells: dict[str, str]) -> set[str]:
    return {key.split(".")[1] for key in cells if key.startswith("row.")}


def _without_time(text: str) -> str:
    document = json.loads(text)
    document.pop("exported_at")
    return json.dumps(document, ensure_ascii=False, sort_keys=True)


def test_every_filing_comes_back_field_for_field_with_its_history(loaded, documents):
    before, users_before = canonical.dump(), canonical.users()
    assert [name for name, records in before.items() if not records] == []
    # The history is not trivial: two revisions, a return and an approval, row reviews, and
    # a first revision holding a row the filing no longer has.
    first, _second = FilingRevision.objects.filter(filing=loaded).order_by("number")
    assert _cell_row_ids(first.cells) - _row_ids(loaded)
    assert RowReview.objects.filter(review__filing=loaded).exists()
    assert Review.objects.filter(filing=loaded, decision="approved").exists()
    texts = [document_text(d) for d in documents]
    assert len(texts) == FiscalYear.objects.count()

    _empty_database()
    for text in texts:
        document_import(json.loads(text))

    after = canonical.dump()
    differ = [m.__name__ for m in canonical.MODELS if after[m.__name__] != before[m.__name__]]
    assert differ == []
    assert before["Filing"] and before["FilingSnapshot"] and before["ReportSection"]
    assert canonical.users() <= users_before
    assert Filing.objects.count() == sum(len(d["filings"]) for d in documents) == 17


def test_the_imported_history_names_the_new_rows(loaded, documents):
    name, texts = loaded.project.name, [document_text(d) for d in documents]
    _empty_database()
    for text in texts:
        document_import(json.loads(text))

    filing = Filing.objects.get(project__name=name)
    latest = filing.revisions.order_by("-number").first()
    # The cells of the last submission are the rows the filing has, under their new ids …
    assert _cell_row_ids(latest.cells) == _row_ids(filing)
    # … the removed row keeps an id of its own that no other row of any filing took …
    removed = _cell_row_ids(filing.revisions.get(number=1).cells) - _row_ids(filing)
    assert len(removed) == 1
    assert not filing.project_evaluation.rows.model.objects.filter(pk__in=removed).exists()
    # … and a review's rows are keyed by the rows they reviewed.
    keys = set(RowReview.objects.filter(review__filing=filing).values_list("row_key", flat=True))
    assert keys and keys <= {f"row:{pk}" for pk in _cell_row_ids(latest.cells) | removed}


def test_an_export_of_the_imported_data_is_the_same_text(loaded, documents):
    texts = [document_text(d) for d in documents]
    again = [
        document_text(document_export(year))
        for year in FiscalYear.objects.order_by("bureau__region_code")
    ]
    assert [_without_time(t) for t in again] == [_without_time(t) for t in texts]

    _empty_database()
    for text in texts:
        document_import(json.loads(text))
    exported = [
        document_text(document_export(year))
        for year in FiscalYear.objects.order_by("bureau__region_code")
    ]

    assert [_without_time(t) for t in exported] == [_without_time(t) for t in texts]


def test_imported_users_cannot_log_in_until_an_administrator_sets_a_password(loaded, documents):
    texts = [document_text(d) for d in documents]
    _empty_database()
    for text in texts:
        document_import(json.loads(text))

    assert User.objects.exists()
    assert not any(user.has_usable_password() or user.is_active for user in User.objects.all())
    assert "password" not in texts[0]
