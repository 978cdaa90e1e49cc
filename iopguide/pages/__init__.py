"""pages: page metadata, sources, citations, the glossary, the reading path,
related pages and "On this page" lists.

Every page must carry the editorial metadata the site promises visitors
(summary, review dates, sources). Each page is checked and filled as Pelican
reads it (plugin.py); every problem goes to the build's Collector.
"""

from .plugin import register  # noqa: F401
