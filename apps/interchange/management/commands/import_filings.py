"""python manage.py import_filings file.json [--dry-run]"""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from apps.interchange.importer import document_import
from apps.interchange.schema import FormatError


class Command(BaseCommand):
    help = (
        "Import a jixiao.filings JSON document: every filing in it, or nothing. "
        "--dry-run checks it all and writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The document (UTF-8 JSON).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the document; write nothing."
        )

    def handle(self, *args, path: str, dry_run: bool, **options) -> None:
        try:
            with open(path, encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, UnicodeDecodeError) as error:
            message = _("%(path)s cannot be read: %(error)s") % {"path": path, "error": error}
            raise CommandError(message) from error
        except json.JSONDecodeError as error:
            message = _("%(path)s is not JSON (line %(line)s, column %(column)s): %(error)s") % {
                "path": path,
                "line": error.lineno,
                "column": error.colno,
                "error": error.msg,
            }
            raise CommandError(message) from error
        try:
            result = document_import(document, dry_run=dry_run)
        except FormatError as error:
            message = _("Refused, nothing was written. %(path)s: %(message)s") % {
                "path": error.path,
                "message": error.message,
            }
            raise CommandError(message) from error
        counts = {"count": len(result.filings), "bureau": result.bureau, "year": result.year}
        if dry_run:
            done = _(
                "Dry run, nothing written: %(count)s filings of bureau %(bureau)s, year "
                "%(year)s would be imported."
            )
        else:
            done = _("Imported %(count)s filings of bureau %(bureau)s, year %(year)s.")
        self.stdout.write(done % counts)
