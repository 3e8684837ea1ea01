"""Writes on project self-evaluations: create, and save with an optimistic lock."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.budgets.models import Project
from apps.core.exceptions import ApplicationError
from apps.filings.models import Filing
from apps.filings.services import Summary, filing_create, filing_save
from apps.indicators import scoring
from apps.indicators.models import Framework, LibraryIndicator, ScoringPolicy
from apps.indicators.services import scoring_policy_ensure, taxonomy_ensure_standard

from .. import bounds, checks
from ..data import ROW_FIELDS, Computed, EvaluationData, FundingData, RowData
from ..layout import project_layout
from ..models import KIND, FundingLine, IndicatorRow, ProjectEvaluation
from .compute import categories_for, evaluation_compute, funding_sources


@dataclass(frozen=True)
class SaveResult:
    filing: Filing
    computed: Computed


def _blank_rows(project: Project) -> tuple[RowData, ...]:
    level2 = taxonomy_ensure_standard(bureau=project.department.bureau, framework=Framework.PROJECT)
    return tuple(RowData(category_id=c.pk) for c in level2 if c.in_standard_tree)


def last_year_rows(project: Project) -> tuple[RowData, ...]:
    """Targets and weights of last year's evaluation of the same project; actuals left empty."""
    previous = (
        ProjectEvaluation.objects.filter(
            filing__project__department=project.department,
            filing__project__code=project.code,
            filing__fiscal_year__year=project.fiscal_year.year - 1,
        )
        .prefetch_related("rows")
        .first()
    )
    if previous is None:
        raise ApplicationError(_("There is no evaluation of this project for last year."))
    return tuple(
        RowData(
            category_id=r.category_id,
            name=r.name,
            comparator=r.comparator,
            target_text=r.target_text,
            unit=r.unit,
            weight=r.weight,
        )
        # 不适用 is decided anew each year: last year's proposal is not carried over.
        for r in sorted(previous.rows.all(), key=lambda r: r.position)
    )


def _library_rows(project: Project, library_ids: list[int]) -> tuple[RowData, ...]:
    picked = LibraryIndicator.objects.filter(
        pk__in=library_ids,
        category__bureau=project.department.bureau,
        category__framework=Framework.PROJECT,
    ).select_related("category")
    if len(picked) != len(set(library_ids)) or not picked:
        raise ApplicationError(_("Pick one or more indicators of your bureau's library."))
    return tuple(
        RowData(
            category_id=item.category_id,
            name=item.name,
            comparator=item.comparator,
            target_text=item.target,
            unit=item.unit,
        )
        for item in sorted(
            picked, key=lambda i: (i.category.parent_id, i.category.position, i.name)
        )
    )


@transaction.atomic
def evaluation_create(
    *, project: Project, by: User | None, start: str = "blank", library_ids: list[int] | None = None
) -> Filing:
    """Start the project's self-evaluation: blank, from last year's, or from library rows."""
    policy = scoring_policy_ensure(fiscal_year=project.fiscal_year, framework=Framework.PROJECT)
    if start == "last_year":
        rows = last_year_rows(project)
    elif start == "library":
        rows = _library_rows(project, library_ids or [])
    else:
        rows = _blank_rows(project)
    filing = filing_create(
        kind=KIND,
        department=project.department,
        fiscal_year=project.fiscal_year,
        project=project,
        create_detail=lambda filing: ProjectEvaluation.objects.create(filing=filing),
    )
    # The project's budget is current-year appropriation until the filer says otherwise.
    initial, adjusted = project.initial_budget or None, project.adjusted_budget or None
    sources = funding_sources(policy)
    fiscal = (
        FundingLine.Source.FISCAL_LOCAL
        if FundingLine.Source.FISCAL_LOCAL in sources
        else FundingLine.Source.FISCAL
    )
    funding = tuple(
        FundingData(source=source, initial=initial, adjusted=adjusted)
        for source in (FundingLine.Source.TOTAL, fiscal)
    )
    data = EvaluationData(funding=funding, rows=rows)
    return evaluation_save(filing=filing, by=by, base_version=0, data=data, policy=policy).filing


def _write(evaluation: ProjectEvaluation, data: EvaluationData, computed: Computed) -> None:
    evaluation.goal_expected = data.goal_expected
    evaluation.goal_actual = data.goal_actual
    evaluation.notes = data.notes
    evaluation.low_execution_explanation = data.low_execution_explanation
    evaluation.full_clean(exclude=["filing"])
    evaluation.save()

    existing_funding = {f.source: f for f in evaluation.funding_lines.all()}
    for line in data.funding:
        funding = existing_funding.pop(line.source, None) or FundingLine(
            evaluation=evaluation, source=line.source
        )
        funding.initial, funding.adjusted, funding.executed = (
            line.initial,
            line.adjusted,
            line.executed,
        )
        funding.save()
    for stale in existing_funding.values():
        stale.delete()

    _write_rows(evaluation, data, computed)


# What a save writes on a row besides the typed cells.
_ROW_WRITTEN = ("category_id", "position", "score", *ROW_FIELDS)


def _write_rows(evaluation: ProjectEvaluation, data: EvaluationData, computed: Computed) -> None:
    """The rows in bulk: the new ones inserted, the changed ones updated, the removed ones
    deleted, a query each (batched only past the database's limit on parameters), so a save
    costs the same for 5 rows as for 60. A row left as it was is not written."""
    existing = {r.pk: r for r in evaluation.rows.all()}
    now = timezone.now()
    created, changed, kept = [], [], set()
    scores = computed.result.row_scores
    for position, (row, score) in enumerate(zip(data.rows, scores, strict=True)):
        instance = existing.get(row.row_id) if row.row_id else None
        wanted = {
            "category_id": row.category_id,
            "position": position,
            "score": score,
            **{name: getattr(row, name) for name in ROW_FIELDS},
        }
        if instance is None:
            created.append(IndicatorRow(evaluation=evaluation, **wanted))
            continue
        kept.add(instance.pk)
        if any(getattr(instance, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(instance, name, value)
            instance.updated_at = now
            changed.append(instance)
    stale = set(existing) - kept
    if stale:
        IndicatorRow.objects.filter(pk__in=stale).delete()
    if changed:
        IndicatorRow.objects.bulk_update(changed, [*_ROW_WRITTEN, "updated_at"])
    if created:
        IndicatorRow.objects.bulk_create(created)


@transaction.atomic
def evaluation_save(
    *,
    filing: Filing,
    by: User | None,
    base_version: int,
    data: EvaluationData,
    policy: ScoringPolicy | None = None,
) -> SaveResult:
    """Save a draft, even with findings; refuse it if someone saved since base_version."""
    results: list[Computed] = []

    def write(locked: Filing) -> Summary:
        used = policy or scoring_policy_ensure(
            fiscal_year=locked.fiscal_year, framework=Framework.PROJECT
        )
        categories = categories_for(locked.fiscal_year.bureau_id, framework=Framework.PROJECT)
        unknown = {r.category_id for r in data.rows} - {
            pk for pk, c in categories.items() if c.level == 2
        }
        if unknown:
            raise ApplicationError(
                _("An indicator row names a level-2 indicator that does not exist.")
            )
        if len(data.rows) > bounds.MAX_ROWS:
            message = _("A self-evaluation holds at most %(max)s indicator rows.")
            raise ApplicationError(message % {"max": bounds.MAX_ROWS})
        problem = bounds.data_problem(data)
        if problem:
            raise ApplicationError(problem)
        computed = evaluation_compute(data=data, policy=used, categories=categories)
        _write(ProjectEvaluation.objects.get(filing=locked), data, computed)
        results.append(computed)
        errors, warnings = checks.summarize(computed.findings)
        # A layout without points (四川) gives the filing no total: the 打分表 scores the year.
        points = project_layout(used).points
        return Summary(
            total_score=scoring.round_score(computed.result.total) if points else None,
            grade=computed.result.grade if points else "",
            execution_rate=computed.result.execution_rate,
            error_count=errors,
            warning_count=warnings,
        )

    saved = filing_save(filing=filing, by=by, base_version=base_version, write=write)
    return SaveResult(filing=saved, computed=results[0])
