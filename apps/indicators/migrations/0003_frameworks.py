"""Indicator frameworks: categories and scoring policies belong to the project or department tree.

Every row that exists before this migration is the project self-evaluation's, so it goes into
the project framework. Going back removes the department framework's rows, which the old
schema cannot hold (a second level-1 产出指标, a second policy for the same year).
"""

import django.db.models.deletion
from django.db import migrations, models

FRAMEWORK_CHOICES = [
    ("project", "Project expenditure"),
    ("department", "Department overall expenditure"),
]


def existing_rows_to_project(apps, schema_editor):
    for name in ("IndicatorCategory", "ScoringPolicy"):
        model = apps.get_model("indicators", name)
        model.objects.filter(framework__isnull=True).update(framework="project")


def department_rows_delete(apps, schema_editor):
    apps.get_model("indicators", "ScoringPolicy").objects.filter(framework="department").delete()
    apps.get_model("indicators", "IndicatorCategory").objects.filter(
        framework="department"
    ).delete()
    if schema_editor.connection.vendor == "postgresql":
        # Run the deferred foreign-key checks of these deletes now: PostgreSQL refuses to alter
        # a table with checks still pending, and the old constraints come back next.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_policy_not_applicable_and_low_execution"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicatorcategory",
            name="framework",
            field=models.CharField(
                choices=FRAMEWORK_CHOICES, max_length=10, null=True, verbose_name="framework"
            ),
        ),
        migrations.AddField(
            model_name="scoringpolicy",
            name="framework",
            field=models.CharField(
                choices=FRAMEWORK_CHOICES, max_length=10, null=True, verbose_name="framework"
            ),
        ),
        migrations.RunPython(existing_rows_to_project, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="indicatorcategory",
            name="framework",
            field=models.CharField(
                choices=FRAMEWORK_CHOICES, max_length=10, verbose_name="framework"
            ),
        ),
        migrations.AlterField(
            model_name="scoringpolicy",
            name="framework",
            field=models.CharField(
                choices=FRAMEWORK_CHOICES, max_length=10, verbose_name="framework"
            ),
        ),
        migrations.RemoveConstraint(
            model_name="indicatorcategory",
            name="indicator_category_unique_level1_name",
        ),
        migrations.AddConstraint(
            model_name="indicatorcategory",
            constraint=models.UniqueConstraint(
                condition=models.Q(("parent__isnull", True)),
                fields=("bureau", "framework", "name"),
                name="indicator_category_unique_level1_name",
            ),
        ),
        migrations.AlterField(
            model_name="scoringpolicy",
            name="fiscal_year",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="scoring_policies",
                to="budgets.fiscalyear",
                verbose_name="fiscal year",
            ),
        ),
        migrations.AddConstraint(
            model_name="scoringpolicy",
            constraint=models.UniqueConstraint(
                fields=("fiscal_year", "framework"), name="scoring_policy_one_per_framework"
            ),
        ),
        migrations.AlterModelOptions(
            name="indicatorcategory",
            options={
                "ordering": ["bureau_id", "framework", "level", "position", "name"],
                "verbose_name": "indicator category",
                "verbose_name_plural": "indicator categories",
            },
        ),
        migrations.AlterModelOptions(
            name="scoringpolicy",
            options={
                "ordering": ["fiscal_year_id", "framework"],
                "verbose_name": "scoring policy",
                "verbose_name_plural": "scoring policies",
            },
        ),
        # Last, so that going back removes the department rows before the old constraints return.
        migrations.RunPython(migrations.RunPython.noop, department_rows_delete),
    ]
