"""Pelican settings for the published site: absolute URLs from SITEURL.

Set the address with the SITEURL environment variable, e.g.
    SITEURL=https://example.org make publish
The GitHub Actions workflow sets it from the Pages deployment.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("SITEURL", "https://iop-guide.example.org").rstrip("/")
SITE_ORIGIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
