"""Load the demo data, show the demo accounts and the scores of the demo self-evaluations."""

import unicodedata

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from apps.budgets.demo import DEMO_MODELS, demo_load

from ...demo import DEMO_EVALUATION_MODELS, demo_evaluations_load


def _width(text: str) -> int:
    """Terminal columns of the text: a CJK character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class Command(BaseCommand):
    help = (
        "Create or refresh the demo bureaus, departments, projects, accounts and project "
        "self-evaluations (idempotent)."
    )

    def handle(self, *args, **options) -> None:
        # One transaction: the evaluations are entered on the projects the first step loads.
        with transaction.atomic():
            result = demo_load()
            evaluations = demo_evaluations_load()
        if result.changed or evaluations.changed:
            self.stdout.write(self.style.SUCCESS(_("Demo data loaded.")))
        else:
            self.stdout.write(_("Demo data already loaded; nothing changed."))
        counts = [(model, result.created, result.updated) for model in DEMO_MODELS]
        counts += [
            (model, evaluations.created, evaluations.updated) for model in DEMO_EVALUATION_MODELS
        ]
        for model, created, updated in counts:
            self.stdout.write(
                _("%(objects)s: %(created)d created, %(updated)d updated")
                % {
                    "objects": model._meta.verbose_name_plural,
                    "created": created[model],
                    "updated": updated[model],
                }
            )
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
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(_("Demo project self-evaluations")))
        for evaluation in evaluations.evaluations:
            self.stdout.write(
                _("%(project)s: %(total)s, %(grade)s (%(errors)d errors, %(warnings)d warnings)")
                % {
                    "project": evaluation.project,
                    "total": evaluation.total,
                    "grade": evaluation.grade,
                    "errors": evaluation.error_count,
                    "warnings": evaluation.warning_count,
                }
            )
