"""Confirming uploaded final accounts fills the department filing's own 收支情况, and only it."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.department_evaluations import selectors
from apps.department_evaluations.data import FinanceData
from apps.department_evaluations.final_accounts import current_data, final_accounts_confirm
from apps.department_evaluations.models import FinanceRow
from apps.department_evaluations.services import ConflictError, department_save
from apps.filings.models import Filing
from apps.final_accounts.models import Disclosure
from apps.final_accounts.services import disclosure_upload
from tests import factories
from tests.department_evaluations.posts import department_filing

from .clean import clean_bytes
from .seed003 import seed_bytes


@pytest.fixture
def filing(world):
    """Department A2's filing with a contact, its own row and a unit's row typed by hand."""
    started = department_filing(world.dept_a2, world.year_a)
    unit = factories.DepartmentFactory(bureau=world.bureau_a, parent=world.dept_a2, name="下属中心")
    data = current_data(started)
    own = replace(data.finance[0], amounts={**data.finance[0].amounts, "assets_total": Decimal(7)})
    typed = FinanceData(name=unit.name, unit_id=unit.pk, amounts={"income_total": Decimal(5)})
    data = replace(data, contact_person="李明", finance=(own, typed))
    return department_save(filing=started, by=None, base_version=started.version, data=data).filing


@pytest.fixture
def disclosure(world):
    return disclosure_upload(
        department=world.dept_a2,
        fiscal_year=world.year_a,
        by=world.filer_a2,
        upload=seed_bytes(world.dept_a2, world.year_a),
    )


def _url(world):
    return reverse(
        "department_evaluations:final_accounts_confirm", kwargs={"department_pk": world.dept_a2.pk}
    )


def _own_row(world) -> FinanceRow:
    return FinanceRow.objects.get(evaluation__filing__department=world.dept_a2, unit=world.dept_a2)


def test_confirm_fills_the_departments_own_row_and_nothing_else(client, world, filing, disclosure):
    client.force_login(world.filer_a2)
    page = client.get(_url(world))
    assert page.status_code == 200 and "9,918,858.45" in page.content.decode()
    response = client.post(
        _url(world), {"disclosure": disclosure.pk, "version": filing.version}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "filings:page", kwargs={"filing_pk": filing.pk}
    )
    assert any("9,918,858.45" in str(m) for m in response.context["messages"])
    row = _own_row(world)
    assert row.income_total == Decimal("9918858.45")
    assert row.expense_total == Decimal("9918893.45")
    assert row.expense_personnel == Decimal("6825365.45")
    assert row.reception == Decimal("7940.00") and row.three_public_total == Decimal("27204.60")
    assert row.assets_total == Decimal(7)  # not in the tables: kept
    saved = Filing.objects.get(pk=filing.pk)
    assert saved.version == filing.version + 1
    data = selectors.data_of(selectors.evaluation_of(selectors.with_detail(saved)))
    assert data.contact_person == "李明"
    assert [r.get("income_total") for r in data.finance] == [Decimal("9918858.45"), Decimal(5)]
    disclosure.refresh_from_db()
    assert disclosure.status == Disclosure.Status.CONFIRMED
    assert disclosure.confirmed_by == world.filer_a2


def test_a_save_since_the_page_was_opened_is_a_conflict(client, world, filing, disclosure):
    client.force_login(world.filer_a2)
    data = current_data(filing)
    department_save(filing=filing, by=world.filer_a2, base_version=filing.version, data=data)
    response = client.post(
        _url(world), {"disclosure": disclosure.pk, "version": filing.version}, follow=True
    )
    assert response.redirect_chain[-1][0] == _url(world)
    assert _own_row(world).income_total is None
    disclosure.refresh_from_db()
    assert disclosure.status == Disclosure.Status.PENDING


def test_a_second_confirm_with_the_old_version_is_refused(world, filing, disclosure):
    final_accounts_confirm(
        disclosure=disclosure, filing=filing, by=world.filer_a2, base_version=filing.version
    )
    other = disclosure_upload(
        department=world.dept_a2,
        fiscal_year=world.year_a,
        by=world.filer_a2,
        upload=clean_bytes(world.dept_a2, world.year_a),
    )
    with pytest.raises(ConflictError):
        final_accounts_confirm(
            disclosure=other, filing=filing, by=world.filer_a2, base_version=filing.version
        )
    assert _own_row(world).income_total == Decimal("9918858.45")
    other.refresh_from_db()
    assert other.status == Disclosure.Status.PENDING


@pytest.mark.parametrize("who", ["reviewer_a", "admin_a", "head_a1"])
def test_others_cannot_confirm(client, world, filing, disclosure, who):
    who_user = factories.head_of(world.dept_a2) if who == "head_a1" else getattr(world, who)
    client.force_login(who_user)
    page = client.get(_url(world))
    assert page.status_code == 200
    assert 'name="version"' not in page.content.decode()
    response = client.post(_url(world), {"disclosure": disclosure.pk, "version": filing.version})
    assert response.status_code == 403
    assert _own_row(world).income_total is None


@pytest.mark.parametrize("who", ["filer_a1", "filer_b1", "reviewer_b", "admin_b"])
def test_outsiders_cannot_see_or_confirm(client, world, filing, disclosure, who):
    client.force_login(getattr(world, who))
    assert client.get(_url(world)).status_code in (403, 404)
    response = client.post(_url(world), {"disclosure": disclosure.pk, "version": filing.version})
    assert response.status_code in (403, 404)
    assert _own_row(world).income_total is None


def test_a_disclosure_of_another_department_is_not_confirmed_here(client, world, filing):
    other = disclosure_upload(
        department=world.dept_a1,
        fiscal_year=world.year_a,
        by=world.filer_a1,
        upload=clean_bytes(world.dept_a1, world.year_a),
    )
    client.force_login(world.filer_a2)
    response = client.post(_url(world), {"disclosure": other.pk, "version": filing.version})
    assert response.status_code == 404
    assert _own_row(world).income_total is None


def test_without_a_filing_the_page_says_to_start_it(client, world, disclosure):
    client.force_login(world.filer_a2)
    page = client.get(_url(world))
    assert page.status_code == 200
    assert (
        reverse(
            "department_evaluations:department_evaluation",
            kwargs={"department_pk": world.dept_a2.pk},
        )
        in page.content.decode()
    )


def test_the_preview_links_to_the_confirm_step(client, world, disclosure):
    client.force_login(world.filer_a2)
    url = reverse("final_accounts:disclosure", kwargs={"department_pk": world.dept_a2.pk})
    assert _url(world) in client.get(url).content.decode()
