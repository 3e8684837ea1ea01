"""A removed filing, project or department moves the dashboard's stamp (counts.stamp_of).

A row added or changed moves its table's latest updated_at, which the stamp reads; a removed
row leaves nothing to read, so its fiscal year (or, for a department, its bureau) is touched.
"""

from django.db.models.functions import Now
from django.db.models.signals import post_delete

from apps.budgets.models import FiscalYear, Project
from apps.filings.models import Filing
from apps.organizations.models import Department, FinanceBureau


def _year_touched(sender, instance, **kwargs) -> None:
    FiscalYear.objects.filter(pk=instance.fiscal_year_id).update(updated_at=Now())


def _bureau_touched(sender, instance: Department, **kwargs) -> None:
    FinanceBureau.objects.filter(pk=instance.bureau_id).update(updated_at=Now())


def connect() -> None:
    post_delete.connect(_year_touched, sender=Filing, dispatch_uid="dashboard.filing_removed")
    post_delete.connect(_year_touched, sender=Project, dispatch_uid="dashboard.project_removed")
    post_delete.connect(
        _bureau_touched, sender=Department, dispatch_uid="dashboard.department_removed"
    )
