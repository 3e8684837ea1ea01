"""Load the demo data and show the demo accounts."""

import unicodedata

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from apps.budgets.demo import DEMO_MODELS, demo_load


def _width(text: str) -> int:
    """Terminal columns of the text: a CJK character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class Command(BaseCommand):
    help = "Create or refresh the demo bureaus, departments, projects and accounts (idempotent)."

    def handle(self, *args, **options) -> None:
        result = demo_load()
        if result.changed:
            self.stdout.write(self.style.SUCCESS(_("Demo data loaded.")))
        else:
            self.stdout.write(_("Demo data already loaded; nothing changed."))
        for model in DEMO_MODELS:
            self.stdout.write(
                _("%(objects)s: %(created)d created, %(updated)d updated")
                % {
                    "objects": model._meta.verbose_name_plural,
                    "created": result.created[model],
                    "updated": result.updated[model],
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
