"""In a browser: the pages work under the Content-Security-Policy and break none of its rules."""

import pytest

from apps.filings.models import Filing
from apps.filings.workflow import filing_transition
from tests import factories
from tests.project_evaluations.builders import valid_filing

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Chromium reports each refused script, style or image both as a DOM event and on the console.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


def _session(browser, live_server, user):
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.console_violations = []
    page.page_errors = []
    page.on(
        "console",
        lambda message: (
            page.console_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: page.page_errors.append(str(error)))
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(factories.PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/home/")
    return page


def _visit(page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    page.wait_for_load_state("load")


def _assert_no_violations(page, where: str) -> None:
    recorded = page.evaluate("window.__cspViolations || []")
    assert recorded == [], (where, recorded)
    assert page.console_violations == [], (where, page.console_violations)
    assert page.page_errors == [], (where, page.page_errors)


def test_filer_pages_work_under_the_policy(live_server, browser, world):
    filing = valid_filing(world.project_a1, by=world.filer_a1)
    filer = _session(browser, live_server, world.filer_a1)
    _assert_no_violations(filer, "home")

    _visit(filer, f"{live_server.url}/projects/{world.project_a1.pk}/evaluation/")
    rows = filer.locator("#jx-rows tr.jx-row")
    rows.first.wait_for()
    count = rows.count()
    rows.first.locator("button[data-op='add']").click()  # the form's own script runs
    assert rows.count() == count + 1
    _assert_no_violations(filer, "project form")

    _visit(filer, f"{live_server.url}/filings/{filing.pk}/evidence/")
    _assert_no_violations(filer, "evidence")


def test_reviewer_pages_work_under_the_policy(live_server, browser, world):
    filing = valid_filing(world.project_a1, by=world.filer_a1)
    filing_transition(filing=filing, action="submit", by=world.filer_a1)
    reviewer = _session(browser, live_server, world.reviewer_a)

    _visit(reviewer, f"{live_server.url}/review/")
    _assert_no_violations(reviewer, "queue")
    _visit(reviewer, f"{live_server.url}/review/filings/{filing.pk}/")
    assert reviewer.locator("#jx-status").is_visible()
    _assert_no_violations(reviewer, "review page")

    _visit(reviewer, f"{live_server.url}/dashboard/")
    assert reviewer.evaluate("!!Chart.getChart('jx-chart-states')")
    _assert_no_violations(reviewer, "dashboard")
    assert Filing.objects.get(pk=filing.pk).status in ("submitted", "in_review")


def test_admin_pages_work_under_the_policy(live_server, browser, world):
    admin = _session(browser, live_server, world.admin_a)

    _visit(admin, f"{live_server.url}/admin/")
    _assert_no_violations(admin, "admin index")
    _visit(admin, f"{live_server.url}/admin/organizations/department/")
    _assert_no_violations(admin, "department changelist")
    _visit(admin, f"{live_server.url}/admin/organizations/department/{world.dept_a1.pk}/change/")
    _assert_no_violations(admin, "department change form")
    _visit(admin, f"{live_server.url}/admin/accounts/user/{world.filer_a1.pk}/change/")
    # The admin's own scripts run: the inline formsets draw their "add another" links.
    admin.locator(".add-row a").first.wait_for()
    _assert_no_violations(admin, "user change form")
    _visit(admin, f"{live_server.url}/admin/axes/accessattempt/")
    _assert_no_violations(admin, "failed logins")
