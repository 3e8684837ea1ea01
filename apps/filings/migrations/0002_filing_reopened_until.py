"""A reopening gives a deadline (Filing.reopened_until), recorded on its event too.

Before, a reopening had no end and the next submission used it up. A filing reopened and not
yet submitted again keeps its grant until the window's closing date if that is still ahead,
otherwise for 14 days from the migration: the default a reopening without a date now gets.
"""

import datetime

from django.db import migrations, models
from django.utils import timezone

REOPEN_DAYS = 14  # apps.filings.models.filing.REOPEN_DAYS when this was written


def give_open_reopenings_a_deadline(apps, schema_editor):
    Filing = apps.get_model("filings", "Filing")
    today = timezone.localdate()
    later = today + datetime.timedelta(days=REOPEN_DAYS)
    for filing in Filing.objects.filter(reopened=True).select_related("fiscal_year"):
        closes = filing.fiscal_year.filing_closes
        filing.reopened_until = closes if closes >= today else later
        filing.save(update_fields=["reopened_until"])


def keep_only_current_reopenings(apps, schema_editor):
    """Back to a flag the next submission clears: only grants still in use keep it."""
    Filing = apps.get_model("filings", "Filing")
    today = timezone.localdate()
    current = models.Q(reopened_until__gte=today, status__in=["draft", "returned"])
    Filing.objects.filter(reopened=True).exclude(current).update(reopened=False)


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="filing",
            name="reopened_until",
            field=models.DateField(
                blank=True,
                help_text=(
                    "The last day the department may edit and submit this filing after the "
                    "filing window closed. The finance bureau sets it when it reopens the "
                    "filing; when it gives no date, the window's closing date if that is still "
                    "ahead, otherwise 14 days after the reopening."
                ),
                null=True,
                verbose_name="reopened until",
            ),
        ),
        migrations.AddField(
            model_name="filingevent",
            name="reopened_until",
            field=models.DateField(blank=True, null=True, verbose_name="reopened until"),
        ),
        migrations.RunPython(give_open_reopenings_a_deadline, keep_only_current_reopenings),
    ]
