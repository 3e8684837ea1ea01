"""PDF benchmark: our report pipeline against WeasyPrint alone, on the same HTML.

Renders, on generated data in a throw-away SQLite database:
  1. one 项目支出绩效自评表 (--rows indicator rows),
  2. one department bundle of ten project tables,
  3. a batch of 200 × scale departments × 10 projects (every document of the year export:
     the summary, and per department its bundle and its ten tables), with 1 and 2 worker
     processes, and the year-batch report job itself (zip included) in one process.

"pipeline" is our code: the content gathered and hashed, the template, html_to_pdf (with its
second layout when a merged group crosses a page break) and, for jobs, the file stored.
"weasyprint" is HTML(...).write_pdf() alone on the very same HTML. ratio = pipeline ÷ weasyprint.

    .venv/bin/python bench/pdf.py             # scale 0.05: 10 departments, 111 documents
    .venv/bin/python bench/pdf.py --scale 1   # 200 departments × 10 projects, 2,201 documents

On 2 shared CPUs the default run takes about 6 minutes; the full scale (≈4,700 pages, rendered
five times: pipeline and WeasyPrint alone with 1 and 2 workers, and the batch job) about
2 hours, 25–30 minutes for each one-worker pass.

Results are printed and written to bench/results/pdf-<date>.txt.
"""

import argparse
import datetime
import multiprocessing
import os
import platform
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(database: Path, reports: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["REPORTS_ROOT"] = str(reports)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.REPORTS_EAGER_IN_THREAD = False
    settings.REPORTS_ROOT = str(reports)
    call_command("migrate", verbosity=0, interactive=False)


def _generate(departments: int, projects: int, rows: int):
    """A bureau, a year, departments with approved project self-evaluations (plain ORM)."""
    from apps.budgets.models import FiscalYear, Project
    from apps.filings.models import Filing
    from apps.indicators.models import Framework, IndicatorCategory
    from apps.indicators.services import scoring_policy_ensure
    from apps.organizations.models import Department, FinanceBureau
    from apps.project_evaluations.models import FundingLine, IndicatorRow, ProjectEvaluation

    bureau = FinanceBureau.objects.create(name="基准县财政局", region_code="519999", level="county")
    year = FiscalYear.objects.create(
        bureau=bureau,
        year=2023,
        filing_opens=datetime.date(2024, 1, 1),
        filing_closes=datetime.date(2024, 3, 31),
        status=FiscalYear.Status.CLOSED,
    )
    scoring_policy_ensure(fiscal_year=year, framework=Framework.PROJECT)
    level2 = list(
        IndicatorCategory.objects.filter(
            bureau=bureau, framework=Framework.PROJECT, level=2
        ).order_by("parent_id", "position")
    )
    depts = Department.objects.bulk_create(
        Department(bureau=bureau, name=f"基准部门{d:03d}", budget_code=f"{900000 + d}")
        for d in range(departments)
    )
    project_rows = Project.objects.bulk_create(
        Project(
            department=dept,
            fiscal_year=year,
            name=f"{dept.name}信访稳定经费项目{p:02d}",
            code=f"P{p:03d}",
            competent_department=dept.name,
            implementing_unit=dept.name,
            initial_budget=Decimal("320000"),
            adjusted_budget=Decimal("320000"),
        )
        for dept in depts
        for p in range(projects)
    )
    filings = Filing.objects.bulk_create(
        Filing(
            kind="project",
            department_id=project.department_id,
            fiscal_year=year,
            project=project,
            status=Filing.Status.APPROVED,
            total_score=Decimal("96.50"),
            grade="优",
            execution_rate=Decimal("0.9875"),
        )
        for project in project_rows
    )
    evaluations = ProjectEvaluation.objects.bulk_create(
        ProjectEvaluation(
            filing=filing,
            goal_expected="督查督办信访件260件；信访案带案下访200次，参与重大活动信访工作30次。",
            goal_actual="全年完成来访群众接待735件次，来信25件次；化解信访积案6件。",
        )
        for filing in filings
    )
    FundingLine.objects.bulk_create(
        FundingLine(
            evaluation=evaluation,
            source=source,
            initial=Decimal("320000"),
            adjusted=Decimal("320000"),
            executed=Decimal("316000"),
        )
        for evaluation in evaluations
        for source in ("total", "fiscal")
    )
    weight = (Decimal(90) / rows).quantize(Decimal("0.01"))
    IndicatorRow.objects.bulk_create(
        IndicatorRow(
            evaluation=evaluation,
            category=level2[r % len(level2)],
            position=r,
            name=f"信访事项办理指标{r + 1:02d}",
            comparator="≥",
            target_text="95",
            unit="%",
            actual_text="98.5",
            weight=weight,
            score=weight,
            deviation_reason="已按预算完成目标。" if r % 3 == 0 else "",
        )
        for evaluation in evaluations
        for r in range(rows)
    )
    return bureau, year, depts, filings


def _weasyprint_alone(html: str) -> int:
    from weasyprint import HTML

    from apps.reports.pdf import BASE_URL, StaticOnlyFetcher

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).render()
    document.write_pdf()
    return len(document.pages)


def _pipeline_pdf(html: str) -> int:
    from apps.reports.pdf import render_pdf

    return render_pdf(html).pages


def _timed(function, *args, repeat: int = 1):
    """Shortest wall time of repeat calls (the least disturbed by other load), and the result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - start)
    return min(times), result


def _job(kind: str, target, user):
    """Ask for a document as a user does (rendered eagerly) and return the finished job."""
    from apps.reports.models import ReportJob
    from apps.reports.services import report_render, report_request

    ReportJob.objects.filter(kind=kind).delete()  # no reuse: measure a real render
    job = report_request(kind=kind, target=target, by=user)
    report_render(job_id=job.pk)  # on_commit already ran it; this returns at once
    job.refresh_from_db()
    assert job.state == ReportJob.State.DONE, job.error
    return job


def _pool_render(function, htmls: list[str], workers: int) -> tuple[float, int]:
    from django.db import connections

    connections.close_all()  # the children must not share the parent's database handle
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pages = sum(pool.map(function, htmls, chunksize=1))
    return time.perf_counter() - start, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--scale", type=float, default=0.05, help="share of 200 departments (default 0.05)"
    )
    parser.add_argument("--projects", type=int, default=10, help="projects per department")
    parser.add_argument("--rows", type=int, default=12, help="indicator rows per project")
    parser.add_argument("--repeat", type=int, default=5, help="runs of the single documents")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--keep", action="store_true", help="keep the database and files")
    args = parser.parse_args()
    departments = max(1, round(200 * args.scale))

    workdir = Path(tempfile.mkdtemp(prefix="jixiao-bench-pdf-"))
    _setup(workdir / "bench.sqlite3", workdir / "reports")

    import weasyprint
    from django.contrib.auth import get_user_model

    from apps.reports.documents import Target, build_content
    from apps.reports.documents.common import content_hash, render_print_html
    from apps.reports.documents.year_batch import documents_of

    started = time.perf_counter()
    _bureau, year, depts, filings = _generate(departments, args.projects, args.rows)
    generated = time.perf_counter() - started
    user = get_user_model().objects.create(username="bench", is_superuser=True)

    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    say(f"PDF benchmark {datetime.datetime.now():%Y-%m-%d %H:%M}")
    say(
        f"python {platform.python_version()}, weasyprint {weasyprint.__version__}, "
        f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f} at start, {platform.platform()}"
    )
    say(
        f"data: {departments} departments × {args.projects} projects × {args.rows} rows "
        f"(generated in {generated:.1f} s); single documents: best of {args.repeat} runs"
    )
    say()
    header = (
        f"{'case':<40}{'workers':>8}{'docs':>6}{'pages':>7}{'pipeline s':>12}{'pages/s':>9}"
        f"{'weasyprint s':>14}{'pages/s':>9}{'ratio':>7}"
    )
    say(header)
    say("-" * len(header))

    def note(case, docs, seconds):
        say(f"{case:<40}{'':>8}{docs:>6}{'':>7}{seconds:>12.2f}")

    def row(case, workers, docs, pages, ours, alone):
        say(
            f"{case:<40}{workers:>8}{docs:>6}{pages:>7}{ours:>12.2f}{pages / ours:>9.1f}"
            f"{alone:>14.2f}{pages / alone:>9.1f}{ours / alone:>7.2f}"
        )

    # Fonts and stylesheets are loaded once per process: leave that out of every figure.
    first = filings[0]
    warm = Target(fiscal_year=year, department=first.department, filing=first)
    _weasyprint_alone(
        render_print_html("print/project_table.html", build_content("project_table", warm))
    )

    # 1. One project table, as a job (gather, hash, render, store) and as WeasyPrint alone.
    target = Target(fiscal_year=year, department=depts[0], filing=first)
    ours, job = _timed(_job, "project_table", target, user, repeat=args.repeat)
    html = render_print_html("print/project_table.html", build_content("project_table", target))
    alone, pages = _timed(_weasyprint_alone, html, repeat=args.repeat)
    row("project table (job)", 1, 1, pages, ours, alone)

    # 2. One department bundle of ten project tables.
    target = Target(fiscal_year=year, department=depts[0])
    ours, job = _timed(_job, "department_bundle", target, user, repeat=args.repeat)
    html = render_print_html(
        "print/department_bundle.html", build_content("department_bundle", target)
    )
    alone, pages = _timed(_weasyprint_alone, html, repeat=args.repeat)
    row(f"department bundle, {args.projects} projects (job)", 1, 1, pages, ours, alone)

    # 3. The year: every document of the export, HTML built once, rendered by 1 and 2 workers.
    target = Target(fiscal_year=year)
    start = time.perf_counter()
    content = build_content("year_batch", target)
    content_hash("year_batch", content)
    gathered = time.perf_counter() - start
    htmls = [render_print_html(template, doc) for _n, _k, template, doc in documents_of(content)]
    built = time.perf_counter() - start
    note("  year: content gathered and hashed", len(htmls), gathered)
    note("  year: + HTML of every document", len(htmls), built)
    alone_by_workers = {}
    for workers in (1, 2):
        alone, pages = _pool_render(_weasyprint_alone, htmls, workers)
        ours, pages = _pool_render(_pipeline_pdf, htmls, workers)
        alone_by_workers[workers] = alone
        case = f"year batch {departments}×{args.projects}, PDFs only"
        row(case, workers, len(htmls), pages, ours + built, alone)

    # The year-batch job itself (one Celery task: gather, hash, render all, zip, store).
    start = time.perf_counter()
    job = _job("year_batch", target, user)
    ours = time.perf_counter() - start
    case = f"year batch {departments}×{args.projects} (job, zip)"
    row(case, 1, len(htmls), pages, ours, alone_by_workers[1])
    say()
    say(f"zip of the year: {job.file.size / 1e6:.1f} MB")
    if args.keep:
        print(f"database and files kept in {workdir}")
    else:
        shutil.rmtree(workdir)

    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"pdf-{datetime.date.today():%Y-%m-%d}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {path}")


if __name__ == "__main__":
    main()
