"""python manage.py export_filings --bureau 511132 --year 2023 [--output file.json]"""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from apps.budgets.models import FiscalYear
from apps.interchange.export import ExportError, document_export, document_text


class Command(BaseCommand):
    help = "Export every filing of a bureau's fiscal year as a jixiao.filings JSON document."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bureau", required=True, help="The bureau's six-digit region code.")
        parser.add_argument("--year", required=True, type=int, help="The fiscal year, e.g. 2023.")
        parser.add_argument("--output", help="Write to this file (UTF-8) instead of stdout.")

    def handle(self, *args, bureau: str, year: int, output: str | None, **options) -> None:
        found = FiscalYear.objects.filter(bureau__region_code=bureau, year=year).first()
        if found is None:
            raise CommandError(
                _("No fiscal year %(year)s of the bureau with region code %(bureau)s.")
                % {"year": year, "bureau": bureau}
            )
        try:
            text = document_text(document_export(found))
        except ExportError as error:
            raise CommandError(str(error)) from error
        if not output:
            self.stdout.write(text, ending="")
            return
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
        self.stderr.write(
            _("Exported %(count)s filings to %(output)s.")
            % {"count": found.filings.count(), "output": output}
        )
