"""Writes on reviews: save scores and comments, decide (return or approve), assign reviewers.

decisions.py holds the saves and decisions (each locks the filing row first); assignments.py
who reviews a filing.
"""

from .assignments import reviewers_assign
from .decisions import (
    DECISIONS,
    AlreadyDecided,
    Decision,
    review_decide,
    review_save,
    reviews_bulk_approve,
)

__all__ = [
    "DECISIONS",
    "AlreadyDecided",
    "Decision",
    "review_decide",
    "review_save",
    "reviewers_assign",
    "reviews_bulk_approve",
]
