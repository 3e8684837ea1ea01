"""Report jobs: request (reusing an unchanged file), render in a worker, retry, recover.

queue.py holds what a request and the recovery do; rendering.py what a worker does.
"""

from .queue import MAX_ATTEMPTS, report_request, report_retry, reports_recover_stale
from .rendering import _JobProgress, report_render

__all__ = [
    "MAX_ATTEMPTS",
    "_JobProgress",
    "report_render",
    "report_request",
    "report_retry",
    "reports_recover_stale",
]
