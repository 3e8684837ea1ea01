"""PDF benchmark: every page laid out once per content, and what asking for a document costs.

Generated data in a throw-away SQLite database: a bureau of 200 × scale departments × 10 project
self-evaluations (approved), --rows indicator rows each. It measures and reports:

  1. one 项目支出绩效自评表 as a job (ask, gather, hash, lay out once, number the pages, store the
     file and its unnumbered pages) against WeasyPrint alone on the same HTML: ratio, best of
     --repeat runs (goal: at most 1.15);
  2. one department bundle of ten tables as a job: from nothing (its ten tables laid out and
     stored first) and once its tables are stored (cover and contents laid out, stored pages
     merged);
  3. asking for the year batch: the POST of a signed-in reviewer through the Django test client
     (permission, content hash, job looked up or created; the render is not started), best of
     --repeat (goal: under 200 ms at county scale), and an unchanged document served from
     storage: asking again for a rendered table (the same job found) plus downloading its file
     (goal: under 50 ms);
  4. the year batch job (every table rendered and stored, each department's bundle merged, the
     summary, the zip), nothing stored beforehand, with REPORTS_RENDER_PROCESSES = 1 and 2: pages
     in the zip per second, total time, the 2-worker speed-up (goals at county scale: at most
     8 minutes on 2 workers, at least 1.7 × the 1-worker rate). The 1-worker run renders a
     bureau of its own holding --share of the departments (same shape of data), the 2-worker
     run the whole bureau; rates are pages of the zip per second of the whole job.

    .venv/bin/python bench/pdf.py --scale 0.1   # 20 departments, 200 tables: about 5 minutes
    .venv/bin/python bench/pdf.py --scale 1     # county: 200 departments, 2,000 tables

Measured on 2 shared CPUs (load 3–4 from other work) at scale 0.1: single documents about
1 minute, the 1-worker year 2 minutes, the 2-worker year 1.2 minutes. The county run
(--share 0.1 by default: the 1-worker year on 20 departments) is then about 15 minutes: 1 for
single documents, 2 for the 1-worker share, 7–12 for the 2-worker year (less on idle CPUs);
it writes about 4 GB in its temporary folder (stored documents and the 1.9 GB zip).

Results are printed and written to bench/results/pdf-<date>.txt.
"""

import argparse
import datetime
import os
import platform
import shutil
import sys
import tempfile
import time
import zipfile
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
    settings.ALLOWED_HOSTS = ["testserver"]  # the test client's requests
    call_command("migrate", verbosity=0, interactive=False)


def _generate(
    departments: int, projects: int, rows: int, name: str = "基准县财政局", region: str = "519999"
):
    """A bureau, a year, departments with approved project self-evaluations (plain ORM)."""
    from apps.budgets.models import FiscalYear, Project
    from apps.filings.models import Filing
    from apps.indicators.models import Framework, IndicatorCategory
    from apps.indicators.services import scoring_policy_ensure
    from apps.organizations.models import Department, FinanceBureau
    from apps.project_evaluations.models import FundingLine, IndicatorRow, ProjectEvaluation

    bureau = FinanceBureau.objects.create(name=name, region_code=region, level="county")
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


def _timed(function, *args, repeat: int = 1):
    """Shortest wall time of repeat calls (the least disturbed by other load), and the result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - start)
    return min(times), result


def _job(kind: str, target, user, forget: tuple[str, ...] = ()):
    """Ask for a document as a user does (rendered eagerly) and return the finished job."""
    from apps.reports.models import ReportJob
    from apps.reports.services import report_render, report_request

    ReportJob.objects.filter(kind__in=(kind, *forget)).delete()  # no reuse: a real render
    job = report_request(kind=kind, target=target, by=user)
    report_render(job_id=job.pk)  # on_commit already ran it; this returns at once
    job.refresh_from_db()
    assert job.state == ReportJob.State.DONE, job.error
    return job


def _pages(data: bytes) -> int:
    from apps.reports.paging import page_count

    return page_count(data)


def _zip_pages(job) -> int:
    with job.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        return sum(_pages(archive.read(n)) for n in archive.namelist() if n.endswith(".pdf"))


def _asking(client, url: str, repeat: int) -> float:
    """Best time of a POST asking for a document, the render not started."""
    from unittest import mock

    times = []
    with mock.patch("apps.reports.services.queue._enqueue"):
        for _ in range(repeat):
            start = time.perf_counter()
            response = client.post(url)
            times.append(time.perf_counter() - start)
            assert response.status_code == 302, response.status_code
    return min(times)


def _served(client, ask: str, repeat: int) -> float:
    """Best time of asking for an unchanged document and downloading its stored file."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.post(ask)
        assert response.status_code == 302
        download = response["Location"].rstrip("/") + "/download/"
        got = client.get(download)
        b"".join(got.streaming_content)
        times.append(time.perf_counter() - start)
        assert got.status_code == 200, got.status_code
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=0.1, help="share of 200 departments")
    parser.add_argument(
        "--share",
        type=float,
        default=None,
        help="of the departments, for the "
        "1-worker year (default: all up to 20 departments, else 0.1)",
    )
    parser.add_argument("--projects", type=int, default=10, help="projects per department")
    parser.add_argument("--rows", type=int, default=12, help="indicator rows per project")
    parser.add_argument("--repeat", type=int, default=5, help="runs of the single documents")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--keep", action="store_true", help="keep the database and files")
    args = parser.parse_args()
    departments = max(1, round(200 * args.scale))
    share = args.share if args.share is not None else (1.0 if departments <= 20 else 0.1)
    one_worker_departments = max(1, round(departments * share))

    workdir = Path(tempfile.mkdtemp(prefix="jixiao-bench-pdf-"))
    _setup(workdir / "bench.sqlite3", workdir / "reports")

    import weasyprint
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from apps.reports.documents import Target, build_content
    from apps.reports.documents.common import render_print_html

    started = time.perf_counter()
    _bureau, year, depts, filings = _generate(departments, args.projects, args.rows)
    _bureau1, year1, _depts1, _filings1 = _generate(
        one_worker_departments, args.projects, args.rows, name="基准一号县财政局", region="519998"
    )
    generated = time.perf_counter() - started
    user = get_user_model().objects.create(username="bench", is_superuser=True)
    client = Client()
    client.force_login(user)

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
        f"(and {one_worker_departments} departments for the 1-worker year; generated in "
        f"{generated:.1f} s); single documents: best of {args.repeat} runs"
    )
    say()

    # Fonts and stylesheets are loaded once per process: leave that out of every figure.
    first = filings[0]
    table = Target(fiscal_year=year, department=depts[0], filing=first)
    html = render_print_html("print/project_table.html", build_content("project_table", table))
    _weasyprint_alone(html)
    _job("project_table", table, user)

    # 1. One project table.
    ours, job = _timed(_job, "project_table", table, user, repeat=args.repeat)
    alone, pages = _timed(_weasyprint_alone, html, repeat=args.repeat)
    say(f"project table, {args.rows} rows ({pages} pages)")
    say(
        f"  pipeline (job, stored) {ours:8.3f} s   weasyprint alone {alone:8.3f} s   "
        f"ratio {ours / alone:.2f} (goal ≤ 1.15)"
    )

    # 2. One department bundle.
    bundle = Target(fiscal_year=year, department=depts[0])
    fresh, job = _timed(_job, "department_bundle", bundle, user, ("project_table",))
    with job.file.open("rb") as handle:
        pages = _pages(handle.read())
    merged, job = _timed(_job, "department_bundle", bundle, user, repeat=args.repeat)
    say(f"department bundle, {args.projects} tables ({pages} pages)")
    say(
        f"  from nothing {fresh:8.3f} s   its tables stored (cover, contents, merge) "
        f"{merged:8.3f} s"
    )

    # 3. Asking: the year batch, and an unchanged table served from storage.
    batch_url = reverse("reports:year_batch", args=[year.pk])
    asking = _asking(client, batch_url, args.repeat)
    from apps.reports.models import ReportJob

    ReportJob.objects.filter(kind="year_batch").delete()
    served = _served(client, reverse("reports:project_pdf", args=[first.project_id]), args.repeat)
    say(
        f"asking for the year batch ({departments} × {args.projects} filings): "
        f"{asking * 1000:.0f} ms (goal < 200 ms at county scale)"
    )
    say(
        f"an unchanged table asked for and downloaded from storage: {served * 1000:.1f} ms "
        f"(goal < 50 ms)"
    )
    say()

    # 4. The year batch job, nothing stored beforehand, on 1 and 2 render processes.
    say(
        f"{'year batch job':<36}{'workers':>8}{'depts':>7}{'tables':>8}{'pages':>7}"
        f"{'seconds':>10}{'pages/s':>9}"
    )
    rates = {}
    for workers, fiscal_year, count in ((1, year1, one_worker_departments), (2, year, departments)):
        ReportJob.objects.all().delete()
        settings.REPORTS_RENDER_PROCESSES = workers
        start = time.perf_counter()
        job = _job("year_batch", Target(fiscal_year=fiscal_year), user)
        seconds = time.perf_counter() - start
        pages = _zip_pages(job)
        rates[workers] = pages / seconds
        say(
            f"{'  nothing stored before':<36}{workers:>8}{count:>7}{count * args.projects:>8}"
            f"{pages:>7}{seconds:>10.1f}{pages / seconds:>9.1f}"
        )
        if workers == 2:
            say(
                f"  2 workers: {seconds / 60:.1f} min for {count} departments (goal ≤ 8 min at "
                f"200), speed-up {rates[2] / rates[1]:.2f} × the 1-worker rate (goal ≥ 1.7)"
            )
            say(f"  zip of the year: {job.file.size / 1e6:.1f} MB")
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
