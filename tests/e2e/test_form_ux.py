"""In a browser at 1366×768: a new filing is no wall of red, a refused save says so once with
the count the page shows, and the sticky save bar hides neither the library search nor a cell."""

import re

import pytest

from apps.filings.models import Filing
from apps.indicators.models import Framework, IndicatorCategory, LibraryIndicator
from apps.project_evaluations.services import evaluation_create
from tests.department_evaluations.posts import department_filing
from tests.e2e.sessions import logged_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BUSY = "!document.getElementById('jx-evaluation').hasAttribute('aria-busy')"


def _visible(locator) -> int:
    return sum(1 for index in range(locator.count()) if locator.nth(index).is_visible())


def _box(page, selector: str) -> dict:
    return page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom}; }",
        selector,
    )


def _under_the_bar(page, selector: str) -> None:
    """Scroll so that the element's top sits just above the window's bottom edge (the bar's)."""
    page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " window.scrollBy({top: r.top - innerHeight + 20, behavior: 'instant'}); }",
        selector,
    )


def _apart(page, selector: str) -> bool:
    bar, element = _box(page, ".jx-savebar"), _box(page, selector)
    return element["bottom"] <= bar["top"] or element["top"] >= bar["bottom"]


def _moves_apart(page, selector: str) -> bool:
    """Whether the element comes clear of the save bar (the page scrolls smoothly)."""
    page.wait_for_function(
        "s => { const bar = document.querySelector('.jx-savebar').getBoundingClientRect();"
        " const r = document.querySelector(s).getBoundingClientRect();"
        " return r.bottom <= bar.top || r.top >= bar.bottom; }",
        arg=selector,
    )
    return _apart(page, selector)


def test_a_new_filing_shows_touched_cells_then_all_at_a_refused_save(live_server, browser, world):
    # Given a filer on a blank project self-evaluation nobody has saved
    filing = evaluation_create(project=world.project_a1, by=None)
    page = logged_in(browser, live_server, world.filer_a1, accept_dialogs=False)
    page.goto(f"{live_server.url}/filings/{filing.pk}/")
    errors = page.locator("#jx-evaluation .jx-msg.jx-error")
    listed = page.locator("#jx-findings-list li.jx-error")

    # Then no error shows before typing: the cells to fill are marked and counted in one line
    assert errors.count() > 10
    assert _visible(errors) == 0 and _visible(listed) == 0
    assert page.locator("[data-cell].jx-required").count() > 10
    waiting = page.locator("#jx-waiting")
    assert waiting.is_visible() and re.search(r"\d+", waiting.inner_text())
    page.screenshot(path="/tmp/ux_blank.png")

    # When they type a bad number in one cell, then only that cell's error shows
    page.locator("[name='funding-total-executed']").fill("abc")
    cell = page.locator("[data-cell='funding.total.executed']")
    cell.locator(".jx-msg.jx-error").wait_for(state="visible")
    page.wait_for_function(BUSY)
    assert _visible(errors) == 1 and _visible(cell.locator(".jx-msg.jx-error")) == 1
    assert _visible(listed) == 1
    assert page.locator("[data-out='errors']").inner_text() == "1"

    # And leaving a cell untouched by typing shows its error too
    name = page.locator("[name='rows-0-name']")
    name.focus()
    page.locator("[name='rows-0-target']").focus()
    page.locator("[data-cell='row-0.name'] .jx-msg.jx-error").wait_for(state="visible")
    assert _visible(errors) == 2
    assert _moves_apart(page, "[data-cell='row-0.name']")  # its message is above the save bar
    page.screenshot(path="/tmp/ux_typed.png")

    # When they save, then nothing is saved and one alert gives the count the page shows
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_load_state()
    alerts = page.locator(".alert-danger[role='alert']")
    assert alerts.count() == 1
    count = int(re.findall(r"\d+", alerts.inner_text())[0])
    assert count == _visible(listed) == int(page.locator("[data-out='errors']").inner_text())
    # Every error beside a cell shows; the list adds those of the table as a whole.
    assert _visible(errors) == errors.count()
    cells = page.evaluate(
        "() => Array.from(document.querySelectorAll('#jx-findings-list li.jx-error a'))"
        ".filter(a => document.querySelector(`[data-cell='${CSS.escape(a.dataset.goto)}']`))"
        ".length"
    )
    assert _visible(errors) == cells
    assert Filing.objects.get(pk=filing.pk).version == 1
    page.screenshot(path="/tmp/ux_refused.png")


def test_the_save_bar_covers_neither_the_library_search_nor_a_focused_cell(
    live_server, browser, world
):
    # Given a library with indicators of 满意度 and a filer on a new self-evaluation
    filing = evaluation_create(project=world.project_a1, by=None)
    level2 = IndicatorCategory.objects.filter(
        bureau=world.bureau_a, framework=Framework.PROJECT, level=2
    ).first()
    for number in range(12):
        LibraryIndicator.objects.create(
            category=level2, name=f"服务对象满意度{number}", comparator="≥", target="90", unit="%"
        )
    page = logged_in(browser, live_server, world.filer_a1, accept_dialogs=False)
    page.goto(f"{live_server.url}/filings/{filing.pk}/")

    # When the search box sits under the save bar and they focus it
    _under_the_bar(page, "#jx-library-q")
    assert not _apart(page, "#jx-library-q")
    page.locator("#jx-library-q").focus()

    # Then it moves above the bar, and so do the results they search for
    page.wait_for_function("() => document.activeElement.id === 'jx-library-q'")
    assert _moves_apart(page, "#jx-library-q")
    page.locator("#jx-library-q").press_sequentially("满意度")
    page.locator("#jx-library-results li").nth(11).wait_for(state="attached")
    assert _moves_apart(page, "#jx-library-results") and _apart(page, "#jx-library-q")
    page.screenshot(path="/tmp/ux_library.png")

    # When a cell near the bottom is focused under the bar, then the cell moves above it
    last = page.locator("#jx-rows tr.jx-row").last
    name = last.locator("input[name$='-weight']").get_attribute("name")
    cell = f"[data-cell='{name.replace('rows-', 'row-').replace('-weight', '.weight')}']"
    _under_the_bar(page, cell)
    assert not _apart(page, cell)
    last.locator("input[name$='-weight']").focus()
    assert _moves_apart(page, cell)


def test_a_new_department_filing_shows_no_error_before_typing(live_server, browser, world):
    # Given a filer on the department's self-evaluation nobody has saved
    filing = department_filing(world.dept_a1, world.year_a)
    page = logged_in(browser, live_server, world.filer_a1, accept_dialogs=False)
    page.goto(f"{live_server.url}/filings/{filing.pk}/")
    errors = page.locator("#jx-department .jx-msg.jx-error")

    # Then its findings wait, counted in one line
    assert errors.count() > 0 and _visible(errors) == 0
    assert page.locator("#jx-waiting").is_visible()

    # When they type a bad number, then that cell's error shows, and only it
    page.locator("[name='finance-0-income_total']").fill("abc")
    cell = page.locator("[data-cell='finance-0.income_total']")
    cell.locator(".jx-msg.jx-error").wait_for(state="visible")
    page.wait_for_function("!document.getElementById('jx-department').hasAttribute('aria-busy')")
    assert _visible(errors) == _visible(cell.locator(".jx-msg.jx-error")) == 1
    page.screenshot(path="/tmp/ux_department.png", full_page=False)
