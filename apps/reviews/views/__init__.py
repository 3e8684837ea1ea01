"""The reviewers' pages: the queue, bulk approval, the review page, live totals, assignment.

queue_page.py holds the queue and bulk approval; review.py the page of one filing.
"""

from .queue_page import QUEUE_PAGE_SIZE, bulk_approve, queue, queue_export, summary_export
from .review import OPS, assign, review_compute, review_page

__all__ = [
    "OPS",
    "QUEUE_PAGE_SIZE",
    "assign",
    "bulk_approve",
    "queue",
    "queue_export",
    "review_compute",
    "review_page",
    "summary_export",
]
