"""Fixtures for the real-browser tests: Chromium, and the built site served
with its real security headers. Helpers live in browserkit.py."""

from pathlib import Path

import pytest

from browserkit import FIXTURES, ROOT, SYSTEM_CHROMIUM, HEADLESS_SHELL, CHROMIUM_ARGS, StaticServer, site_pages


# ---- Chromium ---------------------------------------------------------------
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium when present (Playwright cannot download here),
    else Playwright's own (scripts/ensure-chromium.sh installs one)."""
    args = dict(browser_type_launch_args)
    for chromium in (HEADLESS_SHELL, SYSTEM_CHROMIUM):
        if chromium.exists():
            args["executable_path"] = str(chromium)
            break
    args["args"] = [*args.get("args", []), *CHROMIUM_ARGS]
    return args


# ---- Serving ----------------------------------------------------------------
@pytest.fixture(scope="session")
def server(site):
    """The pytest-built site on 127.0.0.1, with <site>/_headers (the copy of
    content/extra/_headers the host uses) applied to every response."""
    assert (Path(site) / "_headers").is_file(), "the build did not copy _headers"
    with StaticServer(site) as srv:
        yield srv


@pytest.fixture(scope="session")
def fixture_server():
    """Planted bad pages, served with the site's real _headers (CSP on)."""
    with StaticServer(FIXTURES, headers_file=ROOT / "content" / "extra" / "_headers") as srv:
        yield srv


@pytest.fixture(scope="session")
def fixture_server_no_csp():
    """The same bad pages with no headers, so cross-origin loads are attempted
    and the request-origin gate (not the CSP) must catch them."""
    with StaticServer(FIXTURES, headers_file=False) as srv:
        yield srv


@pytest.fixture(scope="session")
def pages(site):
    found = site_pages(site)
    assert len(found) >= 3, f"too few pages found in {site}: {found}"
    return found


