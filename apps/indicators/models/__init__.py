"""A bureau's indicator frameworks: taxonomy, library and scoring policy per framework."""

from .policy import PolicyGroupWeight, ScoringPolicy
from .taxonomy import Framework, IndicatorCategory, LibraryIndicator

__all__ = [
    "Framework",
    "IndicatorCategory",
    "LibraryIndicator",
    "PolicyGroupWeight",
    "ScoringPolicy",
]
