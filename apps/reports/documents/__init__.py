"""The official documents: each kind says how to gather, hash and render it, and for whom.

The reports app registers its own documents here (a department's bundle, the year's summary and
zip); a kind of filing registers the document of one of its filings from its `AppConfig.ready`:

    documents.register(PROJECT_TABLE)
    documents.register_filing_document("project", PROJECT_TABLE.key)
"""

from django.conf import settings
from django.utils import translation

from ..models import ReportJob
from . import bureau_summary, department_bundle, year_batch
from .common import DocumentKind, FilingPrint, Target
from .per_filing import filing_document
from .registry import (
    filing_document_of,
    filing_documents_of,
    kind_of,
    register,
    register_filing_document,
    registered,
    unregister,
)

for _kind in (department_bundle.KIND, bureau_summary.KIND, year_batch.KIND):
    register(_kind)


def build_content(kind: str, target: Target) -> dict:
    """The document's plain content, in the language of the official forms whoever asks."""
    with translation.override(settings.LANGUAGE_CODE):
        return kind_of(kind).build(target)


def target_of(job: ReportJob) -> Target:
    """What the job's document is about."""
    return Target(fiscal_year=job.fiscal_year, department=job.department, filing=job.filing)


__all__ = [
    "DocumentKind",
    "FilingPrint",
    "Target",
    "build_content",
    "filing_document",
    "filing_document_of",
    "filing_documents_of",
    "kind_of",
    "register",
    "register_filing_document",
    "registered",
    "target_of",
    "unregister",
]
