"""A bureau's indicator frameworks: taxonomy, library and scoring policy per framework."""

from .policy import PolicyGroupWeight, ScoringPolicy
from .rubric import Rubric, RubricItem
from .taxonomy import Framework, IndicatorCategory, LibraryIndicator

__all__ = [
    "Framework",
    "IndicatorCategory",
    "LibraryIndicator",
    "PolicyGroupWeight",
    "Rubric",
    "RubricItem",
    "ScoringPolicy",
]
