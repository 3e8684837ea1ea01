"""The project self-evaluation page: start, show, save, live computation, indicator library.

pages.py holds the views the url conf names; form.py renders the evaluation form and the
computed scores and findings as JSON.
"""

from .pages import (
    evaluation_compute_view,
    evaluation_history,
    evaluation_page,
    evaluation_start,
    evaluation_transition,
    library_view,
)

__all__ = [
    "evaluation_compute_view",
    "evaluation_history",
    "evaluation_page",
    "evaluation_start",
    "evaluation_transition",
    "library_view",
]
