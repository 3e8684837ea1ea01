"""Load the built-in classification list (the codes of seeds 002 and 003) for their years."""

from django.db import migrations


def load(apps, schema_editor):
    from apps.final_accounts.catalogue import BUILT_IN, SEED_YEARS

    levels = {3: "类", 5: "款", 7: "项"}
    Classification = apps.get_model("final_accounts", "Classification")
    for year in SEED_YEARS:
        for scheme, codes in BUILT_IN.items():
            for code, name in codes:
                Classification.objects.get_or_create(
                    year=year,
                    scheme=scheme,
                    code=code,
                    defaults={
                        "name": name,
                        "level": levels[len(code)],
                        "parent_code": code[:-2] if len(code) > 3 else "",
                        "built_in": True,
                    },
                )


def unload(apps, schema_editor):
    from apps.final_accounts.catalogue import SEED_YEARS

    Classification = apps.get_model("final_accounts", "Classification")
    Classification.objects.filter(year__in=SEED_YEARS).delete()


class Migration(migrations.Migration):
    dependencies = [("final_accounts", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
