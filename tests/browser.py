"""Real-browser fixtures: Debian's Chromium driven by Playwright over the built site.

The site is served from ``_build/site`` on localhost. Every page opened through
the ``page`` fixture records console errors, failed loads and any request that
leaves localhost, so tests can assert there are none.
"""

import functools
import http.server
import threading
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest

from built import BUILD, SITE, program, require

# No host but the test server's resolves: a page that asks another host fails there (and the
# request is logged as off-site by open_page), without a Python round trip per request.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
SCREENSHOTS = BUILD / "screenshots"


def chromium_path() -> str:
    return program("chromium", "apt-get install chromium fonts-noto-cjk (Debian's build)")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # one line per request drowns the test output
        pass


@pytest.fixture(scope="session")
def site_url():
    handler = functools.partial(QuietHandler, directory=str(require(SITE)))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@dataclass
class PageLog:
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)


def open_page(browser, site_url: str):
    """A new page in a new context; ``page.log`` collects console errors, failures, off-site requests.

    Close it with ``page.context.close()``.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = context.new_page()
    log = PageLog()
    host = urlparse(site_url).netloc

    def on_request(request):
        url = request.url
        if urlparse(url).netloc not in ("", host) and not url.startswith(("data:", "blob:")):
            log.third_party.append(url)  # and it fails: CHROMIUM_FLAGS resolve no other host

    page.on("request", on_request)
    page.on("console", lambda msg: msg.type == "error" and log.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: log.console_errors.append(str(exc)))
    # A load the browser cancels because the test navigated on (the favicon, mostly) is not a
    # failure; a missing file is a response of 404, caught below.
    page.on("requestfailed", lambda req: req.failure != "net::ERR_ABORTED" and log.failed.append(req.url))
    page.on(
        "response", lambda response: response.status >= 400 and log.failed.append(f"{response.status} {response.url}")
    )
    page.log = log
    return page


@pytest.fixture(scope="module")
def tab(browser):
    """One plain page for a module's tests that visit many pages in turn (a context per page costs time)."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture
def page(site_url, browser):
    """A fresh page for each test (see ``open_page``); without a built site, it fails before Chromium starts."""
    page = open_page(browser, site_url)
    yield page
    page.context.close()


def screenshot(page, name: str) -> None:
    """Keep a screenshot as a test artifact in _build/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
