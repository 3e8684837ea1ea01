"""Filings of any kind: the filing with its snapshots, revisions and events; evidence files.

Migrations name apps.filings.models.private_storage and evidence_upload_to, so they stay
importable from here.
"""

from .evidence import Evidence, PrivateStorage, evidence_upload_to, private_storage
from .filing import Filing
from .history import FilingEvent, FilingRevision, FilingSnapshot

__all__ = [
    "Evidence",
    "Filing",
    "FilingEvent",
    "FilingRevision",
    "FilingSnapshot",
    "PrivateStorage",
    "evidence_upload_to",
    "private_storage",
]
