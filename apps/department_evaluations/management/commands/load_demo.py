"""Load the demo data, show the demo accounts and the results of the demo self-evaluations.

It lives in the last kind app of the line (DESIGN: budgets ← project ← department) because it
loads all three: bureaus, departments, projects and accounts; the project self-evaluations; the
department self-evaluations, which read the project ones; then the filings' published reports.
"""

import unicodedata

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from apps.budgets.demo import DEMO_MODELS, demo_load
from apps.narratives.demo import DEMO_REPORT_MODELS, demo_reports_load
from apps.project_evaluations.demo import DEMO_EVALUATION_MODELS, demo_evaluations_load

from ...demo import DEMO_DEPARTMENT_MODELS, demo_departments_load


def _width(text: str) -> int:
    """Terminal columns of the text: a CJK character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class Command(BaseCommand):
    help = (
        "Create or refresh the demo bureaus, departments, projects, accounts, project "
        "self-evaluations, department self-evaluations and their reports (idempotent)."
    )

    def handle(self, *args, **options) -> None:
        # One transaction: each step enters its filings on what the step before loaded.
        with transaction.atomic():
            result = demo_load()
            evaluations = demo_evaluations_load()
            departments = demo_departments_load()
            reports = demo_reports_load()
        if result.changed or evaluations.changed or departments.changed or reports.changed:
            self.stdout.write(self.style.SUCCESS(_("Demo data loaded.")))
        else:
            self.stdout.write(_("Demo data already loaded; nothing changed."))
        counts = [(model, result.created, result.updated) for model in DEMO_MODELS]
        counts += [
            (model, evaluations.created, evaluations.updated) for model in DEMO_EVALUATION_MODELS
        ]
        counts += [
            (model, departments.created, departments.updated) for model in DEMO_DEPARTMENT_MODELS
        ]
        counts += [(model, reports.created, reports.updated) for model in DEMO_REPORT_MODELS]
        for model, created, updated in counts:
            self.stdout.write(
                _("%(objects)s: %(created)d created, %(updated)d updated")
                % {
                    "objects": model._meta.verbose_name_plural,
                    "created": created[model],
                    "updated": updated[model],
                }
            )
        self._accounts(result)
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(_("Demo project self-evaluations")))
        for evaluation in evaluations.evaluations:
            self.stdout.write(
                _("%(project)s: %(total)s, %(grade)s (%(errors)d errors, %(warnings)d warnings)")
                % {
                    "project": evaluation.project,
                    "total": "—" if evaluation.total is None else evaluation.total,
                    "grade": evaluation.grade or "—",
                    "errors": evaluation.error_count,
                    "warnings": evaluation.warning_count,
                }
            )
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(_("Demo department self-evaluations")))
        for department in departments.departments:
            self.stdout.write(
                _(
                    "%(department)s %(year)s: %(total)s, %(grade)s "
                    "(%(errors)d errors, %(warnings)d warnings)"
                )
                % {
                    "department": department.department,
                    "year": department.year,
                    "total": "—" if department.total is None else department.total,
                    "grade": department.grade or "—",
                    "errors": department.error_count,
                    "warnings": department.warning_count,
                }
            )

    def _accounts(self, result) -> None:
        self.stdout.write("")
        self.stdout.write(
            self.style.MIGRATE_HEADING(
                _("Demo accounts (password: %(password)s)") % {"password": result.password}
            )
        )
        header = (_("Username"), _("Name"), _("Role"), _("Department or bureau"))
        rows = [header] + [(a.username, a.full_name, a.role, a.unit) for a in result.accounts]
        widths = [max(_width(row[i]) for row in rows) + 2 for i in range(3)]
        for row in rows:
            padded = [
                cell + " " * (w - _width(cell)) for cell, w in zip(row[:3], widths, strict=True)
            ]
            self.stdout.write(("".join(padded) + row[3]).rstrip())
