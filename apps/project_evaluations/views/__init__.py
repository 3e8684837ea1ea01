"""The project self-evaluation page: start, show, save, live computation, indicator library.

pages.py holds the views; form.py renders the evaluation form and the computed scores and
findings as JSON. The filing's own routes (page, transition, history, evidence) are the
filings app's: the page comes back here through the kind (kind.py).
"""

from .pages import (
    evaluation_compute_view,
    evaluation_page,
    evaluation_start,
    library_view,
    moved,
    project_evaluation,
)

__all__ = [
    "evaluation_compute_view",
    "evaluation_page",
    "evaluation_start",
    "library_view",
    "moved",
    "project_evaluation",
]
