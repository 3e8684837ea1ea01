"""The review page lists the department's changed amounts in the form's unit (万元 or 元)."""

from dataclasses import replace
from decimal import Decimal

from django.urls import reverse

from apps.filings.workflow import Action, filing_transition
from apps.project_evaluations.services import evaluation_data_of, evaluation_save
from apps.reviews.services import review_decide

from .conftest import filer_for


def test_changed_amounts_are_listed_in_the_forms_unit(client, world, filing):
    review_decide(filing=filing, reviewer=world.reviewer_a, decision="return", reason="请核实")
    filer = filer_for(filing.project)
    filing.refresh_from_db()
    data = evaluation_data_of(filing.project_evaluation)
    funding = tuple(
        replace(line, executed=Decimal(96000)) if line.source in ("total", "fiscal") else line
        for line in data.funding
    )
    saved = evaluation_save(
        filing=filing, by=filer, base_version=filing.version, data=replace(data, funding=funding)
    )
    filing_transition(filing=saved.filing, action=Action.SUBMIT, by=filer)
    client.force_login(world.reviewer_a)

    page = client.get(reverse("reviews:review", args=[filing.pk])).content.decode()

    changes = page.split('id="jx-changes"', 1)[1].split("</details>", 1)[0]
    assert "“9.50 万元” → “9.60 万元”" in changes
    assert "95000" not in changes
