"""Send today's filing-deadline reminders and pending email: for cron, where beat is not running."""

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.notifications.services import filing_reminders_send, notifications_email_pending


class Command(BaseCommand):
    help = "Remind filers of departments with unfinished self-evaluations that the window closes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            help="Act as if today were this day (YYYY-MM-DD); for catching up a missed run.",
        )

    def handle(self, *args, **options) -> None:
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date: {error}") from None
        created = filing_reminders_send(today=today)
        self.stdout.write(f"{created} reminder(s) created.")
        # The email outbox: what could not be sent or queued before goes out now.
        sent = notifications_email_pending()
        self.stdout.write(f"{sent} pending email(s) sent.")
