from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    """Filing.kind names a registered kind; one filing of a kind per department and year."""

    dependencies = [
        ("evaluations", "0006_number_and_text_bounds"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="filing", name="filing_project_matches_kind"),
        migrations.RemoveConstraint(
            model_name="filing", name="filing_one_department_evaluation_per_year"
        ),
        migrations.AlterField(
            model_name="filing",
            name="kind",
            field=models.CharField(db_index=True, max_length=40, verbose_name="kind"),
        ),
        migrations.AddConstraint(
            model_name="filing",
            constraint=models.UniqueConstraint(
                condition=Q(project__isnull=True),
                fields=("kind", "department", "fiscal_year"),
                name="filing_one_per_kind_department_and_year",
            ),
        ),
    ]
