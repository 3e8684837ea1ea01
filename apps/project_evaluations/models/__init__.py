"""The project self-evaluation's tables: the evaluation, its funding lines and indicator rows."""

from .project import KIND, FundingLine, IndicatorRow, ProjectEvaluation

__all__ = ["KIND", "FundingLine", "IndicatorRow", "ProjectEvaluation"]
