"""Documents of one filing, whatever its kind: made from a kind's FilingPrint, hashed alike.

A kind of filing says what its document prints (a FilingPrint); this module makes it a document
kind (content hash from the filing's stamps, permission of its department, PDF output) and
builds many filings of mixed kinds at once for bundles and the year's zip. A filing kind may
have several documents (its table, its narrative report); a content marked "blank" (a report
nobody wrote) prints alone but adds no pages to a bundle or the zip.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.db.models import QuerySet

from apps.budgets.models import FiscalYear
from apps.filings.models import Filing

from ..permissions import can_see_department_reports
from . import fingerprints, registry
from .common import DocumentKind, FilingPrint, Output, Progress, Target
from .sheets import render_sheet


def _print_of(key: str) -> FilingPrint:
    # Looked up on each use: a kind registered again (a new version, a test's) takes effect.
    filing = registry.kind_of(key).filing
    assert filing is not None, f"{key} prints no filing"
    return filing


def _build(key: str, target: Target) -> dict:
    assert target.filing is not None
    return _print_of(key).contents([target.filing.pk], target.fiscal_year)[target.filing.pk]


def _fingerprint(key: str, target: Target) -> str:
    assert target.filing is not None
    stamps = fingerprints.filing_stamps(Filing.objects.filter(pk=target.filing.pk))
    year = fingerprints.year_stamp(target.fiscal_year)
    return filing_digest(registry.kind_of(key), target.filing.pk, year, stamps)


def _produce(key: str, content: dict, progress: Progress) -> Output:
    """The document laid out once: its pages stored without numbers (for bundles) and with."""
    filing = _print_of(key)
    progress(0, 1)
    sheet, data = render_sheet((filing.template, content))
    progress(1, 1)
    return Output(file_name=filing.file_name(content), data=data, sheet=sheet)


def filing_document(*, key: str, label: object, filing: FilingPrint) -> DocumentKind:
    """The document kind that prints one filing as `filing` says; register it, then name it
    for its filing kinds (`register_filing_document`)."""
    return DocumentKind(
        key=key,
        label=label,
        scope="department",
        build=partial(_build, key),
        fingerprint=partial(_fingerprint, key),
        produce=partial(_produce, key),
        may_request=can_see_department_reports,
        filing=filing,
    )


def filing_digest(document: DocumentKind, filing_id: int, year: dict, stamps: dict) -> str:
    """A filing document's content hash from its filing's stamp and the year's."""
    assert document.filing is not None
    return fingerprints.digest(
        document.key, document.filing.version, {"year": year, "filing": stamps[filing_id]}
    )


def versions() -> dict[str, list]:
    """By filing kind: the documents printing it and their versions, [key, version, key, …]
    (part of many filings' hashes)."""
    found: dict[str, list] = {}
    for kind in registry.printed_filing_kinds():
        for document in registry.filing_documents_of(kind):
            assert document.filing is not None
            found.setdefault(kind, []).extend([document.key, document.filing.version])
    return found


def printed(filings: QuerySet[Filing]) -> QuerySet[Filing]:
    """The filings of kinds that have a document."""
    return filings.filter(kind__in=registry.printed_filing_kinds())


@dataclass(frozen=True)
class Printed:
    """One filing as its document prints it."""

    filing_id: int
    department_id: int
    document: DocumentKind
    content: dict


def print_filings(filings: QuerySet[Filing], fiscal_year: FiscalYear) -> list[Printed]:
    """Each document of every filing of a kind that prints (a fixed number of queries per
    document), but for blank ones; in print order: the kinds' own documents as their kinds
    registered, then the extra ones (the reports after the tables), then each one's order."""
    ids: dict[str, list[int]] = {}
    departments: dict[int, int] = {}
    for pk, kind, department_id in (
        printed(filings).order_by("pk").values_list("pk", "kind", "department_id")
    ):
        for document in registry.filing_documents_of(kind):
            ids.setdefault(document.key, []).append(pk)
        departments[pk] = department_id
    found = []
    for document in registry.filing_documents():
        wanted: Sequence[int] = ids.get(document.key, ())
        if not wanted:
            continue
        assert document.filing is not None
        for pk, content in document.filing.contents(wanted, fiscal_year).items():
            if not content.get("blank"):
                found.append(Printed(pk, departments[pk], document, content))
    return found
