"""Pelican settings for the published site: absolute URLs from SITEURL.

Set the address with the SITEURL environment variable, e.g.
    SITEURL=https://example.org make publish
The GitHub Actions workflow sets it from the Pages deployment. Without a
valid SITEURL the build stops: canonical links, the sitemap and structured
data would otherwise point at the wrong site.
"""

import os
import sys
from urllib.parse import urlsplit

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403


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


SITEURL = checked_siteurl(os.environ.get("SITEURL"))
SITE_ORIGIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
