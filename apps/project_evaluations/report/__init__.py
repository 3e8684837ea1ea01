"""The project self-evaluation's 绩效评价报告: what its data drafts and the figures it keeps true.

sources: the figures of the saved data and the facts beside them · drafts: the paragraphs of
each topic. `register_report` tells the narratives (kind.py calls it).
"""

from collections.abc import Mapping, Sequence
from typing import cast

from django.utils.translation import gettext_lazy as _

from apps.filings.models import Filing
from apps.narratives.figures import Paragraph, Source
from apps.narratives.registry import ReportKind, register

from ..models import KIND
from .drafts import TOPICS
from .sources import Figures, executed_of, figures_of

# Topic → what the data drafts for it, shown to a bureau editing an outline.
DESCRIPTIONS = {
    "goals": _("The annual goal and the target of each indicator."),
    "funding": _("Budget by funding source, amount executed and execution rate."),
    "completion": _(
        "Amount executed and execution rate, with the output indicators' targets and actual values."
    ),
    "benefit": _("The benefit and satisfaction indicators' targets and actual values."),
    "missed": _("Indicators that missed their target, with the reason for each deviation."),
    "conclusion": _(
        "Total score and grade; without points, the execution rate and indicators completed."
    ),
    "spent": _("The amount spent against the budget, as in “5万元使用完毕”."),
}


def draft(filing: Filing, topic: str, sources: Mapping[str, Source]) -> Sequence[Paragraph]:
    """The paragraphs of a topic from the figures `sources` holds ([] when it says nothing)."""
    write = TOPICS.get(topic)
    if write is None:
        return []
    facts = sources.facts if isinstance(sources, Figures) else figures_of(filing).facts
    return write(facts, sources)


def names(filing: Filing) -> dict[str, str]:
    project = filing.project
    return {
        "year": str(filing.fiscal_year.year),
        "department": filing.department.name,
        "project": project.name if project is not None else "",
    }


def register_report() -> None:
    """Register what a project filing's data drafts with the narrative reports."""
    register(
        ReportKind(
            filing_kind=KIND,
            # Lazy: translated where a bureau reads them, not when the app starts.
            topics=cast(Mapping[str, str], DESCRIPTIONS),
            sources=figures_of,
            draft=draft,
            names=names,
            executed=executed_of,
        )
    )
