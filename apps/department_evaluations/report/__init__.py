"""The department self-evaluation's narrative report (评价报告): what its data drafts.

Registered with apps.narratives (`register_report`, from kind.py): the topics the department's
data can speak to, the figures it holds now (`sources.py`) and the paragraphs of each topic in
the seeds' register (`drafts.py`).
"""

from collections.abc import Mapping, Sequence
from typing import cast

from django.utils.translation import gettext_lazy as _

from apps.filings.models import Filing
from apps.narratives import registry
from apps.narratives.figures import Paragraph, Source

from ..models import KIND
from .drafts import DRAFTS, Writer
from .sources import Figures, department_sources, load

TOPICS = {
    "overview": _("The department's duties, staff, income, expenditure and fixed assets."),
    "duties": _("The duties the department typed."),
    "structure": _("The units in its finances and its authorized and actual headcount."),
    "staff": _("Authorized and actual headcount and the headcount control rate."),
    "finances": _("Income by source, expenditure by kind and the balance carried over."),
    "income": _("Income by source."),
    "expense": _("Expenditure by kind and the balances."),
    "general": _("The general public budget appropriation and the expenditure by kind."),
    "basic_expense": _("Basic expenditure: personnel and public expenses."),
    "project_expense": _("Project expenditure and what each project spent."),
    "fund": _("The government fund budget appropriation, or that there was none."),
    "allocation": _("Headcount control rate and the three public expenses against last year."),
    "execution": _("Income, expenditure, the balance carried over and the execution rate."),
    "assets": _("Fixed assets by use."),
    "three_public": _("The three public expenses, their parts and the change on last year."),
    "projects": _("The department's projects: executed, execution rate, score and grade."),
    "missed": _("The quantitative targets missed, with the reasons given."),
    "conclusion": _("The total points, the score and the grade."),
}


def department_draft(
    filing: Filing, topic: str, sources: Mapping[str, Source]
) -> Sequence[Paragraph]:
    """The paragraphs of a topic from the reading the sources came from."""
    state = sources.state if isinstance(sources, Figures) else load(filing)
    write = DRAFTS.get(topic)
    if state is None or write is None:
        return []
    return write(Writer(state, sources))


def department_names(filing: Filing) -> dict[str, str]:
    return {
        "year": str(filing.fiscal_year.year),
        "department": filing.department.name,
        "project": "",
    }


def register_report() -> None:
    """Register what the department's data drafts with the narrative reports."""
    registry.register(
        registry.ReportKind(
            filing_kind=KIND,
            # Lazy, so that a bureau reads them in its language; they are text where shown.
            topics=cast(dict[str, str], TOPICS),
            sources=department_sources,
            draft=department_draft,
            names=department_names,
        )
    )
