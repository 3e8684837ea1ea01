"""The department self-evaluation's pages: start, the form (the kind's page), live computation."""

from .pages import compute_view, department_evaluation, department_page, department_start

__all__ = ["compute_view", "department_evaluation", "department_page", "department_start"]
