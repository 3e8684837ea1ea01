"""Render the first printed page of a demo filing in each shipped layout to docs/layouts/.

    .venv/bin/python scripts/layout_pngs.py

Settings come from DJANGO_SETTINGS_MODULE (default: config.settings.local). The demo is
migrated and loaded into DATABASE_URL when it is set, so point it at a throw-away database;
without it, into a new SQLite database in a temporary directory, removed afterwards.

Each layout of each framework (apps.indicators.layouts) is printed through the document
registry on a demo filing whose bureau chose it; for a layout no demo bureau chose, on the demo
filing of the department its seed names, else one whose policy leaves the layout empty (for a
default), else the demo filing of that framework with the fewest errors, with the year's policy
switched to the layout in a transaction rolled back. Its first page (the first after the cover,
for a layout with a cover part) becomes docs/layouts/<framework>-<key>.png (pdftoppm, 60 dpi).
"""

import io
import os
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "layouts"
DPI = "60"


def _setup(stack: ExitStack) -> None:
    """Point Django at the project's settings and a database, and start it."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    if not os.environ.get("DATABASE_URL"):
        folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="jixiao-layouts-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/layouts.sqlite3"
    import django

    django.setup()


def _load_demo() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo", stdout=io.StringIO())


def _pick(framework: str, layout, filings: list, policies: dict):
    """The demo filing to print in the layout, and whether its policy must be switched to it."""
    from apps.indicators.layouts import layout_for

    def chosen(filing) -> str:
        policy = policies.get(filing.fiscal_year_id)
        return policy.layout if policy else ""

    def effective(filing) -> str:
        return layout_for(framework, chosen(filing)).key

    steps = (
        [f for f in filings if chosen(f) == layout.key],
        [f for f in filings if f.department.name in layout.seed],
        [f for f in filings if effective(f) == layout.key],
        filings,
    )
    candidates = next((step for step in steps if step), [])
    if not candidates:
        return None, False
    filing = min(candidates, key=lambda f: (f.error_count, f.pk))
    return filing, effective(filing) != layout.key


def _pdf(document, filing) -> bytes:
    from apps.reports.documents.common import Target

    target = Target(fiscal_year=filing.fiscal_year, department=filing.department, filing=filing)
    output = document.produce(document.build(target), lambda *args: None)
    if output.data is not None:
        return output.data
    assert output.path is not None
    return Path(output.path).read_bytes()


def _first_page(layout, pdf: bytes) -> int:
    """The page that shows the layout: a cover says nothing of it, so the page after it."""
    from pypdf import PdfReader

    has_cover = any(part.key == "cover" for part in getattr(layout, "parts", ()))
    return 2 if has_cover and len(PdfReader(io.BytesIO(pdf)).pages) > 1 else 1


def _png(pdf: bytes, page: int, destination: Path) -> None:
    """One page of the PDF as a PNG (pdftoppm writes <prefix>.png with -singlefile)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(pdf)
        prefix = destination.with_suffix("")
        number = str(page)
        command = ["pdftoppm", "-r", DPI, "-png", "-f", number, "-l", number, "-singlefile"]
        subprocess.run([*command, source, prefix], check=True)


def _render(framework: str) -> list[str]:
    """Write the PNG of each layout of the framework; one line of report per layout."""
    from django.db import transaction

    from apps.filings.models import Filing
    from apps.indicators.layouts import layout_choices, layout_for
    from apps.indicators.models import Framework, ScoringPolicy
    from apps.indicators.services import scoring_policy_ensure
    from apps.reports.documents import filing_document_of

    document = filing_document_of(framework)
    if document is None:
        return [f"{framework}: no document prints its filings"]
    filings = list(
        Filing.objects.filter(kind=framework)
        .select_related("project", "department", "fiscal_year__bureau")
        .order_by("pk")
    )
    policies = {
        p.fiscal_year_id: p
        for p in ScoringPolicy.objects.filter(
            framework=framework, fiscal_year__in={f.fiscal_year_id for f in filings}
        )
    }
    lines = []
    for key, _label in layout_choices(framework):
        layout = layout_for(framework, key)
        filing, switch = _pick(framework, layout, filings, policies)
        name = f"{framework}-{key}.png"
        if filing is None:
            lines.append(f"{name}: no demo filing of {framework}")
            continue
        with transaction.atomic():
            if switch:
                policy = scoring_policy_ensure(
                    fiscal_year=filing.fiscal_year, framework=Framework(framework)
                )
                ScoringPolicy.objects.filter(pk=policy.pk).update(layout=key)
            pdf = _pdf(document, filing)
            transaction.set_rollback(True)
        page = _first_page(layout, pdf)
        _png(pdf, page, OUT / name)
        subject = filing.project.name if filing.project else filing.department.name
        how = "layout switched for this print" if switch else "the bureau's layout"
        year = filing.fiscal_year.year
        lines.append(f"{name}: {subject} ({filing.department.name} {year}), {how}, page {page}")
    return lines


def main() -> None:
    with ExitStack() as stack:
        _setup(stack)
        _load_demo()
        from apps.indicators.models import Framework

        OUT.mkdir(parents=True, exist_ok=True)
        for framework in Framework.values:
            for line in _render(framework):
                print(line)


if __name__ == "__main__":
    main()
