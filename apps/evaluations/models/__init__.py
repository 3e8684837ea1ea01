"""Filings (any kind of self-evaluation) and the project self-evaluation's tables.

filing.py holds the filing with its snapshots, revisions and events; project.py the project
self-evaluation, its funding lines and indicator rows; evidence.py the evidence files and their
private storage (migrations name apps.evaluations.models.private_storage and
evidence_upload_to, so they stay importable from here).
"""

from .evidence import Evidence, PrivateStorage, evidence_upload_to, private_storage
from .filing import Filing, FilingEvent, FilingRevision, FilingSnapshot
from .project import FundingLine, IndicatorRow, ProjectEvaluation

__all__ = [
    "Evidence",
    "Filing",
    "FilingEvent",
    "FilingRevision",
    "FilingSnapshot",
    "FundingLine",
    "IndicatorRow",
    "PrivateStorage",
    "ProjectEvaluation",
    "evidence_upload_to",
    "private_storage",
]
