"""Writes on project self-evaluations: create, compute, save with an optimistic lock.

compute.py computes scores and findings and reads the saved evaluation as plain values;
writes.py creates and saves it.
"""

from apps.filings.services import ConflictError

from .compute import (
    categories_for,
    evaluation_compute,
    evaluation_data_of,
    evaluation_score,
    funding_sources,
)
from .writes import SaveResult, evaluation_create, evaluation_save, last_year_rows

__all__ = [
    "ConflictError",
    "SaveResult",
    "categories_for",
    "evaluation_compute",
    "evaluation_create",
    "evaluation_data_of",
    "evaluation_save",
    "evaluation_score",
    "funding_sources",
    "last_year_rows",
]
