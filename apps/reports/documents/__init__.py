"""The registry of document kinds: each says how to gather, hash and render it, and for whom."""

from django.conf import settings
from django.utils import translation

from ..models import ReportJob
from . import bureau_summary, department_bundle, project_table, year_batch
from .common import DocumentKind, Target

KINDS: dict[str, DocumentKind] = {
    kind.key: kind
    for kind in (
        project_table.KIND,
        department_bundle.KIND,
        bureau_summary.KIND,
        year_batch.KIND,
    )
}


def kind_of(key: str) -> DocumentKind:
    """The document kind registered under key (KeyError for an unknown one)."""
    return KINDS[key]


def build_content(kind: str, target: Target) -> dict:
    """The document's plain content, in the language of the official forms whoever asks."""
    with translation.override(settings.LANGUAGE_CODE):
        return kind_of(kind).build(target)


def target_of(job: ReportJob) -> Target:
    """What the job's document is about."""
    return Target(fiscal_year=job.fiscal_year, department=job.department, filing=job.filing)


__all__ = ["KINDS", "DocumentKind", "Target", "build_content", "kind_of", "target_of"]
