"""Apps import each other only in the order docs/development.md lists ("The order of apps").

The order is read from the document, so the document and this test cannot drift apart. Every
import statement under apps/ counts, at any depth (inside functions, classes, `if TYPE_CHECKING`)
and relative ones resolved; template tag libraries loaded by templates do not.
"""

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ROOT / "apps"
DOC = ROOT / "docs" / "development.md"
SECTION = "## The order of apps"
MUTUAL = "may import each other"


@dataclass(frozen=True)
class Order:
    """Each app's line in the documented list, and the lines whose apps may import each other."""

    line_of: dict[str, int]
    mutual: frozenset[int]


@dataclass(frozen=True)
class Import:
    """One imported module, where it is imported."""

    path: str  # the importing file, relative to the project root
    line: int
    module: str  # the importing module, dotted
    target: str  # the imported module, dotted


def parse_order(markdown: str) -> Order:
    """The numbered list under SECTION: one line per layer, apps in backquotes."""
    assert SECTION in markdown, f"the document has no section {SECTION!r}"
    section = markdown.split(SECTION, 1)[1].split("\n## ", 1)[0]
    line_of: dict[str, int] = {}
    mutual: set[int] = set()
    numbers = []
    for match in re.finditer(r"^(\d+)\. (.+)$", section, re.M):
        number, text = int(match[1]), match[2]
        numbers.append(number)
        for app in re.findall(r"`(\w+)`", text):
            assert app not in line_of, f"{app} is listed twice"
            line_of[app] = number
        if MUTUAL in text:
            mutual.add(number)
    assert numbers == list(range(1, len(numbers) + 1)), f"lines are numbered {numbers}"
    return Order(line_of, frozenset(mutual))


def imported_modules(source: str, *, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """(line, dotted module) for every import in the source, relative ones made absolute."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base: list[str] = []
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                assert node.level - 1 < len(package), f"{module}:{node.lineno} leaves the project"
                base = package[: len(package) - (node.level - 1)]
            target = base + (node.module.split(".") if node.module else [])
            if target == ["apps"]:
                # `from apps import reviews` (or `from ... import reviews`) names the app itself.
                for alias in node.names:
                    yield node.lineno, f"apps.{alias.name}"
            else:
                yield node.lineno, ".".join(target)


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "apps" else None


def imports_under(root: Path) -> list[Import]:
    """Every import in every .py file under apps/."""
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root.parent)
        is_package = path.name == "__init__.py"
        parts = relative.with_suffix("").parts
        module = ".".join(parts[:-1] if is_package else parts)
        source = path.read_text(encoding="utf-8")
        for line, target in imported_modules(source, module=module, is_package=is_package):
            found.append(Import(str(relative), line, module, target))
    return found


def violations(order: Order, imports: Iterable[Import]) -> list[str]:
    """`path:line: ...` for each import of an app that the order does not allow."""
    found = []
    for item in imports:
        source, target = app_of(item.module), app_of(item.target)
        if source is None or target is None or source == target:
            continue
        where = f"{item.path}:{item.line}"
        unlisted = [app for app in (source, target) if app not in order.line_of]
        if unlisted:
            found.append(f"{where}: {', '.join(unlisted)} is not in the documented order")
            continue
        mine, theirs = order.line_of[source], order.line_of[target]
        if theirs > mine or (theirs == mine and mine not in order.mutual):
            found.append(
                f"{where}: {source} (line {mine}) imports {item.target} ({target}, line {theirs})"
            )
    return found


def test_every_app_is_in_the_documented_order():
    order = parse_order(DOC.read_text(encoding="utf-8"))
    apps = {path.parent.name for path in APPS.glob("*/apps.py")}

    assert apps == set(order.line_of)


def test_no_app_imports_an_app_listed_after_it_or_beside_it():
    order = parse_order(DOC.read_text(encoding="utf-8"))

    found = violations(order, imports_under(APPS))

    assert not found, "imports against docs/development.md:\n" + "\n".join(found)


# The checker itself, on made-up modules and orders.


def test_imports_are_found_at_any_depth_and_relative_ones_resolved():
    source = """\
import apps.reviews.models
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from apps.reports.models import ReportJob
class Page:
    from apps.dashboard import rows
def view():
    from apps.reviews.selectors import row_comments_for_filer
    from ...reviews import sheets
    from .. import permissions
    from . import pages
    from apps import notifications
"""

    found = list(
        imported_modules(source, module="apps.project_evaluations.views.form", is_package=False)
    )

    assert found == [
        (1, "apps.reviews.models"),
        (2, "typing"),
        (4, "apps.reports.models"),
        (6, "apps.dashboard"),
        (8, "apps.reviews.selectors"),
        (9, "apps.reviews"),
        (10, "apps.project_evaluations"),
        (11, "apps.project_evaluations.views"),
        (12, "apps.notifications"),
    ]
    # In a package's __init__ the package itself is where `.` starts.
    assert list(
        imported_modules(
            "from . import form", module="apps.project_evaluations.views", is_package=True
        )
    ) == [(1, "apps.project_evaluations.views")]


def _imports(*edges: tuple[str, str]) -> list[Import]:
    return [
        Import(f"apps/{source}/x.py", number, f"apps.{source}.x", f"apps.{target}.y")
        for number, (source, target) in enumerate(edges, start=1)
    ]


def test_the_checker_refuses_later_lines_and_neighbours_unless_they_may():
    order = parse_order(
        "# Doc\n\n## The order of apps\n\nText.\n\n"
        "1. `core`\n2. `left`, `right` (may import each other)\n3. `up`, `side`\n\n"
        "## Next\n\n1. `ignored`\n"
    )
    assert order.line_of == {"core": 1, "left": 2, "right": 2, "up": 3, "side": 3}

    found = violations(
        order,
        _imports(
            ("left", "core"),  # allowed: an earlier line
            ("left", "right"),  # allowed: same line, which says so
            ("up", "left"),  # allowed
            ("core", "left"),  # refused: a later line
            ("up", "side"),  # refused: same line without leave
            ("up", "stray"),  # refused: not listed
            ("up", "up"),  # an app's own modules
        ),
    )

    assert found == [
        "apps/core/x.py:4: core (line 1) imports apps.left.y (left, line 2)",
        "apps/up/x.py:5: up (line 3) imports apps.side.y (side, line 3)",
        "apps/up/x.py:6: stray is not in the documented order",
    ]


def test_an_import_of_a_kind_from_reviews_is_caught_by_the_documented_order():
    order = parse_order(DOC.read_text(encoding="utf-8"))
    source = "def f():\n    from apps.project_evaluations.snapshots import cells_of\n"
    imports = [
        Import("apps/reviews/sheets.py", line, "apps.reviews.sheets", target)
        for line, target in imported_modules(source, module="apps.reviews.sheets", is_package=False)
    ]

    lower, upper = order.line_of["reviews"], order.line_of["project_evaluations"]
    assert lower < upper
    assert violations(order, imports) == [
        f"apps/reviews/sheets.py:2: reviews (line {lower}) imports "
        f"apps.project_evaluations.snapshots (project_evaluations, line {upper})"
    ]


def test_filings_reviews_and_reports_come_before_every_kind_of_filing():
    order = parse_order(DOC.read_text(encoding="utf-8"))
    machinery = [order.line_of[app] for app in ("filings", "reviews", "reports")]

    assert max(machinery) < order.line_of["project_evaluations"]
