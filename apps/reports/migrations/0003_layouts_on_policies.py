"""A bureau's print setting (年度指标值 joined or split) becomes the layout of its policies.

"split" printed 指标性质 | 指标值 | 度量单位 apart: that is the 云南 layout of the project table.
"""

from django.db import migrations


def _layouts_from_settings(apps, schema_editor):
    ReportSettings = apps.get_model("reports", "ReportSettings")
    ScoringPolicy = apps.get_model("indicators", "ScoringPolicy")
    for bureau_id in ReportSettings.objects.filter(indicator_layout="split").values_list(
        "bureau_id", flat=True
    ):
        ScoringPolicy.objects.filter(
            fiscal_year__bureau_id=bureau_id, framework="project", layout=""
        ).update(layout="yunnan")


def _settings_from_layouts(apps, schema_editor):
    ReportSettings = apps.get_model("reports", "ReportSettings")
    ScoringPolicy = apps.get_model("indicators", "ScoringPolicy")
    bureaus = ScoringPolicy.objects.filter(framework="project", layout="yunnan").values_list(
        "fiscal_year__bureau_id", flat=True
    )
    for bureau_id in set(bureaus):
        ReportSettings.objects.update_or_create(
            bureau_id=bureau_id, defaults={"indicator_layout": "split"}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_filings_moved"),
        ("indicators", "0006_policy_layout"),
    ]

    operations = [
        migrations.RunPython(_layouts_from_settings, _settings_from_layouts),
        migrations.DeleteModel(name="ReportSettings"),
    ]
