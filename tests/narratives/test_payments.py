"""The 支付明细表: typed in 万元, 合计 = Σ rows, 使用金额 = 全年执行数, 使用比例 recomputed."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.narratives.checks import Payment, payment_findings, shown_ratio
from apps.narratives.models import PaymentRow

pytestmark = pytest.mark.django_db


def _rows(*rows):
    data = {"payments-TOTAL": str(len(rows))}
    for index, (name, budget, applied, used) in enumerate(rows):
        data |= {
            f"payments-{index}-name": name,
            f"payments-{index}-budget": budget,
            f"payments-{index}-applied": applied,
            f"payments-{index}-used": used,
        }
    return data


def _post(client, filing, data):
    filing.refresh_from_db()
    url = reverse("narratives:report", kwargs={"filing_pk": filing.pk})
    return client.post(url, {"version": filing.version, **data})


def test_rows_and_their_total_are_stored_in_yuan(client, world, report_filing, stand_in):
    client.force_login(world.filer_a1)
    data = _rows(("办公费", "10", "10", "10"), ("差旅费", "22", "22", "22"))
    data |= {"payments-total-budget": "32", "payments-total-used": "32"}
    assert _post(client, report_filing, data).status_code == 302
    rows = list(PaymentRow.objects.filter(filing=report_filing))
    assert [(r.name, r.used, r.is_total) for r in rows] == [
        ("办公费", Decimal("100000.00"), False),
        ("差旅费", Decimal("220000.00"), False),
        ("", Decimal("320000.00"), True),
    ]
    page = client.get(reverse("narratives:report", kwargs={"filing_pk": report_filing.pk}))
    assert page.content.decode().count("100%") >= 3  # each row's 使用比例 and the 合计's


def test_a_bad_cell_is_named_and_nothing_is_written(client, world, report_filing, stand_in):
    client.force_login(world.filer_a1)
    data = _rows(("办公费", "十万", "10", "-1"))
    data["section-overview.basic"] = "这段文字不应被保存。"
    response = _post(client, report_filing, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="payments-0-budget-error"' in page and 'id="payments-0-used-error"' in page
    assert "这段文字不应被保存。" in page  # shown back, not lost
    assert not PaymentRow.objects.filter(filing=report_filing).exists()
    assert not report_filing.report_sections.exists()


def test_a_total_that_is_not_the_sum_refuses_submission(client, world, report_filing, stand_in):
    client.force_login(world.filer_a1)
    data = _rows(("办公费", "10", "10", "10"), ("差旅费", "22", "22", "22"))
    data |= {"payments-total-budget": "33"}
    _post(client, report_filing, data)
    page = client.get(reverse("narratives:report", kwargs={"filing_pk": report_filing.pk}))
    assert 'id="payments-total-budget-error"' in page.content.decode()
    response = client.post(
        reverse("filings:transition", kwargs={"filing_pk": report_filing.pk}),
        {"action": "submit"},
        follow=True,
    )
    report_filing.refresh_from_db()
    assert report_filing.status == "draft"
    said = " ".join(str(m) for m in response.context["messages"])
    assert "33" in said and "32" in said


def test_the_amounts_used_must_add_up_to_the_executed_total():
    rows = [Payment("办公费", Decimal(100000), Decimal(100000), Decimal(100000))]
    assert payment_findings(rows, None, Decimal(100000)) == []
    # Within the rounding of one published addend (0.01 万元).
    assert payment_findings(rows, None, Decimal(100080)) == []
    [finding] = payment_findings(rows, None, Decimal(110000))
    assert finding.field == "payments-total-used"
    assert "10" in finding.message and "11" in finding.message


def test_the_use_ratio_is_recomputed_from_the_amounts():
    assert shown_ratio(Payment("维修（维护）费", Decimal(8900), None, Decimal(8900))) == "100%"
    assert shown_ratio(Payment("差旅费", Decimal(220000), None, Decimal(110000))) == "50%"
    assert shown_ratio(Payment("差旅费", None, None, Decimal(110000))) == ""


def test_an_unnamed_row_with_amounts_is_a_finding():
    [finding] = payment_findings([Payment("", Decimal(1), None, None)], None, None)
    assert finding.field == "payments-0-name"
