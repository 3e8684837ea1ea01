"""Filing.submitted_at, review_score and review_grade: derived columns for the queue and the
dashboard. submitted_at is derived here from the events; the review columns in reviews 0005."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def derive_submitted_at(apps, schema_editor):
    Filing = apps.get_model("filings", "Filing")
    FilingEvent = apps.get_model("filings", "FilingEvent")
    events = FilingEvent.objects.filter(filing=OuterRef("pk"), to_status="submitted").order_by(
        "-created_at", "-pk"
    )
    Filing.objects.update(submitted_at=Subquery(events.values("created_at")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0001_initial"),
        ("filings", "0003_evidence_events"),
        ("organizations", "0002_financebureau_reminder_days_and_more"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="filing",
            name="review_grade",
            field=models.CharField(
                blank=True, editable=False, max_length=2, verbose_name="review grade"
            ),
        ),
        migrations.AddField(
            model_name="filing",
            name="review_score",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                editable=False,
                max_digits=6,
                null=True,
                verbose_name="review score",
            ),
        ),
        migrations.AddField(
            model_name="filing",
            name="submitted_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="submitted at"
            ),
        ),
        migrations.AddIndex(
            model_name="filing",
            index=models.Index(
                fields=["fiscal_year", "status", "submitted_at"], name="filing_queue_order"
            ),
        ),
        migrations.AddIndex(
            model_name="filing",
            index=models.Index(
                fields=["fiscal_year", "submitted_at"], name="filing_year_submitted"
            ),
        ),
        migrations.RunPython(derive_submitted_at, migrations.RunPython.noop),
    ]
