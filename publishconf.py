"""Pelican settings for the published site: absolute URLs from SITEURL.

Set the address with the SITEURL environment variable, e.g.
    SITEURL=https://example.org make publish
The GitHub Actions workflow sets it from the Pages deployment. Without a
valid SITEURL the build stops: canonical links, the sitemap and structured
data would otherwise point at the wrong site.
"""

import os
import runpy
from pathlib import Path
from urllib.parse import urlsplit

# Every setting of pelicanconf.py, read afresh from the file beside this one
# (not `from pelicanconf import *`, which needs the folder on sys.path and, in a
# process that builds more than once, reuses settings read under another
# environment: REPORT_PROBLEM_URL and SITE_ORIGIN follow environment variables).
globals().update({name: value for name, value in runpy.run_path(str(Path(__file__).with_name("pelicanconf.py"))).items()
                  if name.isupper()})


def checked_siteurl(value):
    """The site's address without a trailing slash; SystemExit (a plain message,
    no traceback) if it is missing or not an http(s) address with a host."""
    given = (value or "").strip()
    value = given.rstrip("/")
    hint = "Set it to the live site's address, e.g.  SITEURL=https://iop-guide.org make publish"
    if not value:
        raise SystemExit(f"SITEURL is not set. {hint}")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("https", "http") or not parts.hostname \
            or parts.query or parts.fragment or " " in value:
        raise SystemExit(f"SITEURL '{given}' is not a web address: it must start with https:// "
                         f"(or http://) followed by a host name. {hint}")
    return value


def checked_report_url(value):
    """REPORT_PROBLEM_URL (pelicanconf.py): an https:// or mailto: address with
    {url} in it; SystemExit with a plain message otherwise. Every published page
    links to it, so a live site never has a report link that goes nowhere."""
    hint = ("Set REPORT_PROBLEM_URL to where reports go, with {url} for the page's address, e.g. "
            "REPORT_PROBLEM_URL='https://github.com/OWNER/REPO/issues/new?title={url}' "
            "(a GitHub Actions build uses its own repository by itself)")
    if not value:
        raise SystemExit(f"REPORT_PROBLEM_URL is not set (and this is not a GitHub Actions build). {hint}")
    if not value.startswith(("https://", "mailto:")) or "{url}" not in value or " " in value:
        raise SystemExit(f"REPORT_PROBLEM_URL '{value}' must start with https:// or mailto: "
                         f"and hold {{url}}. {hint}")
    return value


SITEURL = checked_siteurl(os.environ.get("SITEURL"))
REPORT_PROBLEM_URL = checked_report_url(REPORT_PROBLEM_URL)  # noqa: F821 - from pelicanconf, above
SITE_ORIGIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
