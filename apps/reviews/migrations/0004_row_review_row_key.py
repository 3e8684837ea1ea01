from django.db import migrations, models


def keys_from_ids(apps, schema_editor):
    """Indicator row 12 of a project revision is the review row "row:12"."""
    RowReview = apps.get_model("reviews", "RowReview")
    for row in RowReview.objects.all().only("pk", "row_id"):
        RowReview.objects.filter(pk=row.pk).update(row_key=f"row:{row.row_id}")


def ids_from_keys(apps, schema_editor):
    RowReview = apps.get_model("reviews", "RowReview")
    for row in RowReview.objects.all().only("pk", "row_key"):
        prefix, _sep, number = row.row_key.partition(":")
        if prefix != "row" or not number.isdigit():
            raise RuntimeError(f"Row review {row.pk} ({row.row_key}) has no indicator row id.")
        RowReview.objects.filter(pk=row.pk).update(row_id=int(number))


class Migration(migrations.Migration):
    """A review row is keyed by the kind's stable key ("row:12"), not an IndicatorRow id."""

    dependencies = [
        ("reviews", "0003_filings_moved"),
    ]

    operations = [
        migrations.AddField(
            model_name="rowreview",
            name="row_key",
            field=models.CharField(default="", max_length=60, verbose_name="row"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="rowreview",
            name="row_id",
            field=models.PositiveBigIntegerField(null=True, verbose_name="indicator row"),
        ),
        migrations.RunPython(keys_from_ids, ids_from_keys),
        migrations.RemoveConstraint(model_name="rowreview", name="row_review_unique_row"),
        migrations.RemoveField(model_name="rowreview", name="row_id"),
        migrations.AlterModelOptions(
            name="rowreview",
            options={
                "ordering": ["review_id", "row_key"],
                "verbose_name": "row review",
                "verbose_name_plural": "row reviews",
            },
        ),
        migrations.AddConstraint(
            model_name="rowreview",
            constraint=models.UniqueConstraint(
                fields=("review", "row_key"), name="row_review_unique_row"
            ),
        ),
    ]
