"""Playwright driving Debian's Chromium against pytest-django's live server.

Playwright's sync API runs an event loop in the main thread, which makes Django believe every
database call comes from async code; the browser tests' own database set-up is synchronous,
so the check is lifted for them."""

import io
import os
import shutil

import pytest
from django.core.management import call_command

from cluster.demo import DEMO_PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.skip("Debian's Chromium is not installed: run `make browser-deps` as root.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_demo(transactional_db, live_server):
    """The demo data, committed, so the live server's thread sees it."""
    call_command("load_demo", "--quiet-logins", stdout=io.StringIO())
    return live_server


@pytest.fixture
def new_page(browser, live_demo):
    """A factory of fresh browser pages (one per person in a journey). Their contexts are
    closed before the demo data is flushed, even when a test failed half-way, so no request of
    theirs meets an emptied database (on SQLite, a lock error charged to the next test)."""
    contexts = []

    def make(**options):  # viewport=..., as browser.new_context takes it
        context = browser.new_context(base_url=live_demo.url, locale="vi-VN", **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def login(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "dang-nhap" not in url)


def accept_confirmations(page) -> list[str]:
    """Accept every confirmation the page asks (``data-confirm`` forms, cluster/forms.js) and
    return the list their texts are appended to, for the test to check what was asked."""
    asked: list[str] = []

    def accept(dialog):
        asked.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    return asked
