"""Uploads and removals of evidence are recorded (EvidenceEvent), for the filing's history.

Files attached before this migration get their upload recorded from the file's own row (who,
when, which file); removals before it were never kept and cannot be recovered.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def record_existing_uploads(apps, schema_editor):
    Evidence = apps.get_model("filings", "Evidence")
    EvidenceEvent = apps.get_model("filings", "EvidenceEvent")
    EvidenceEvent.objects.bulk_create(
        EvidenceEvent(
            filing_id=evidence.filing_id,
            evidence_id=evidence.pk,
            actor_id=evidence.uploaded_by_id,
            action="added",
            original_name=evidence.original_name,
            size=evidence.size,
            sha256=evidence.sha256,
        )
        for evidence in Evidence.objects.order_by("pk").iterator()
    )
    # auto_now_add stamped the migration's time: the upload happened when the file's row was made.
    EvidenceEvent.objects.update(
        created_at=Subquery(
            Evidence.objects.filter(pk=OuterRef("evidence_id")).values("created_at")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0002_filing_reopened_until"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="EvidenceEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        auto_now_add=True, db_index=True, verbose_name="created at"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "action",
                    models.CharField(
                        choices=[("added", "Evidence attached"), ("removed", "Evidence removed")],
                        max_length=10,
                        verbose_name="action",
                    ),
                ),
                ("original_name", models.CharField(max_length=255, verbose_name="file name")),
                ("size", models.PositiveBigIntegerField(verbose_name="size in bytes")),
                (
                    "sha256",
                    models.CharField(blank=True, max_length=64, verbose_name="SHA-256 checksum"),
                ),
                (
                    "actor",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="by",
                    ),
                ),
                (
                    "evidence",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="events",
                        to="filings.evidence",
                        verbose_name="evidence file",
                    ),
                ),
                (
                    "filing",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence_events",
                        to="filings.filing",
                        verbose_name="filing",
                    ),
                ),
            ],
            options={
                "verbose_name": "evidence event",
                "verbose_name_plural": "evidence events",
                "ordering": ["filing_id", "created_at", "id"],
            },
        ),
        migrations.RunPython(record_existing_uploads, migrations.RunPython.noop),
    ]
