"""The Content-Security-Policy holds in a real browser (issue #10): Chromium reports no
violation on the app's pages.

For each kind of user the test signs in and walks the app breadth-first from the home page,
following every same-origin link it finds (downloads and sign-out excepted), up to a bound,
plus the admin's pages for the superuser and the public verification pages for a visitor.
Every ``securitypolicyviolation`` event and every console message about the policy is
collected; one is a failure. Without the policy there is no header and the first assertion
fails; with an inline script or style attribute in a template, Chromium reports it."""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

from tests.browser.conftest import login

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""
SKIP = re.compile(
    r"/(pdf|docx|xlsx)/$|\.csv$|/minh-chung/|/tep/$|/media/|/dang-xuat/|/i18n/|/static/"
    r"|/quan-tri/logout/")
PAGES_PER_USER = 30
START = "/cum/snv-bac-trung-bo/2023/"


def _watch(page, violations: list[str]) -> None:
    page.add_init_script(LISTEN)
    page.on("console", lambda message: violations.append(f"console: {message.text}")
            if "Content Security Policy" in message.text else None)


def _collect(page, violations: list[str]) -> None:
    found = page.evaluate("window.__cspViolations || []")
    violations.extend(f"{page.url}: {v}" for v in found)


def _walk(page, base: str, start: list[str], limit: int) -> list[str]:
    """Visit pages breadth-first from ``start``; returns the paths visited."""
    violations: list[str] = []
    _watch(page, violations)
    queue, seen, visited = deque(start), set(start), []
    while queue and len(visited) < limit:
        path = queue.popleft()
        response = page.goto(path)
        assert response is not None and response.status < 500, path
        visited.append(path)
        if len(visited) == 1:
            policy = response.headers.get("content-security-policy", "")
            assert "default-src 'self'" in policy and "script-src 'self'" in policy
        _collect(page, violations)
        hrefs = page.eval_on_selector_all(
            "a[href]", "links => links.map(link => link.getAttribute('href'))")
        for href in hrefs:
            url = urlsplit(urljoin(base + path, href))
            if f"{url.scheme}://{url.netloc}" != base or href.startswith("#"):
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target not in seen and not SKIP.search(url.path):
                seen.add(target)
                queue.append(target)
    assert violations == [], "\n".join(violations)
    return visited


def test_no_csp_violation_for_the_secretariat_and_a_unit(new_page, live_demo):
    for username in ("canbo.quangtri", "lanhdao.nghean"):
        page = new_page()
        login(page, username)
        visited = _walk(page, live_demo.url, [START], PAGES_PER_USER)
        assert len(visited) >= 10, visited


def test_no_csp_violation_in_the_admin_and_for_the_ministry(new_page, live_demo):
    page = new_page()
    login(page, "admin")
    visited = _walk(page, live_demo.url, [
        "/quan-tri/", "/quan-tri/cluster/unit/", "/quan-tri/cluster/unit/1/change/",
        "/quan-tri/results/unitreport/", "/quan-tri/axes/accessattempt/",
        "/quan-tri/cluster/user/add/"], 6)
    assert len(visited) == 6
    page = new_page()
    login(page, "bonoivu")
    assert len(_walk(page, live_demo.url, [START], 15)) >= 5


def test_no_csp_violation_on_public_pages(new_page, live_demo):
    page = new_page()
    _walk(page, live_demo.url,
          ["/tai-khoan/dang-nhap/", "/xac-minh/", "/xac-minh/ABCDEFGHJK/"], 3)
