"""A browser page at 1366×768 in Chinese, logged in as a user of the test world."""

from tests import factories


def new_page(browser, *, accept_dialogs: bool = True):
    """A fresh context's page; confirmation dialogs are accepted unless said otherwise."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(15_000)
    if accept_dialogs:
        page.on("dialog", lambda dialog: dialog.accept())
    return page


def log_in(page, live_server, user):
    """Log the page in through the login form; it lands on the home page."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(factories.PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/home/")
    return page


def logged_in(browser, live_server, user, *, accept_dialogs: bool = True):
    return log_in(new_page(browser, accept_dialogs=accept_dialogs), live_server, user)
