from django.db import migrations, models


class Migration(migrations.Migration):
    """Two more kinds of notice: a submission withdrawn, a filing reopened."""

    dependencies = [
        ("notifications", "0003_filings_moved"),
    ]

    operations = [
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("submitted", "Submitted"),
                    ("returned", "Returned for revision"),
                    ("approved", "Approved"),
                    ("withdrawn", "Withdrawn"),
                    ("reopened", "Reopened"),
                    ("reminder", "Deadline reminder"),
                    ("other", "Other"),
                ],
                max_length=12,
                verbose_name="kind",
            ),
        ),
    ]
