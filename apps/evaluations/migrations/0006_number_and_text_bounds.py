from decimal import Decimal

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0005_blank_values_out_of_bounds"),
    ]

    operations = [
        migrations.AlterField(
            model_name="indicatorrow",
            name="deviation_reason",
            field=models.TextField(
                blank=True, max_length=2000, verbose_name="deviation analysis and improvement"
            ),
        ),
        migrations.AlterField(
            model_name="projectevaluation",
            name="goal_actual",
            field=models.TextField(blank=True, max_length=5000, verbose_name="actual completion"),
        ),
        migrations.AlterField(
            model_name="projectevaluation",
            name="goal_expected",
            field=models.TextField(
                blank=True, max_length=5000, verbose_name="expected annual goal"
            ),
        ),
        migrations.AlterField(
            model_name="projectevaluation",
            name="notes",
            field=models.TextField(
                blank=True, max_length=5000, verbose_name="other matters to explain"
            ),
        ),
        migrations.AddConstraint(
            model_name="filing",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("execution_rate__isnull", True),
                    models.Q(
                        ("execution_rate__gte", 0), ("execution_rate__lte", Decimal("99999.9999"))
                    ),
                    _connector="OR",
                ),
                name="filing_execution_rate_in_bounds",
            ),
        ),
        migrations.AddConstraint(
            model_name="filing",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("total_score__isnull", True),
                    models.Q(("total_score__gte", 0), ("total_score__lte", Decimal("9999.99"))),
                    _connector="OR",
                ),
                name="filing_total_score_in_bounds",
            ),
        ),
        migrations.AddConstraint(
            model_name="fundingline",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("initial__isnull", True), ("initial__gte", 0), _connector="OR"),
                    models.Q(("adjusted__isnull", True), ("adjusted__gte", 0), _connector="OR"),
                    models.Q(("executed__isnull", True), ("executed__gte", 0), _connector="OR"),
                ),
                name="funding_line_amounts_not_negative",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicatorrow",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("weight__isnull", True),
                    models.Q(("weight__gt", 0), ("weight__lte", Decimal("100"))),
                    _connector="OR",
                ),
                name="indicator_row_weight_in_bounds",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicatorrow",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("qualitative_score__isnull", True),
                        ("qualitative_score__gte", 0),
                        _connector="OR",
                    ),
                    models.Q(("score__isnull", True), ("score__gte", 0), _connector="OR"),
                ),
                name="indicator_row_scores_not_negative",
            ),
        ),
    ]
