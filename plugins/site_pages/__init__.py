"""site_pages: page metadata, sources, reading path and "On this page" lists.

Every page must carry the editorial metadata the site promises visitors
(summary, review dates, sources). This plugin checks it once all pages are
read, stops the build with one clear message listing every problem, and adds
the derived fields the theme shows.
"""

from .plugin import register  # noqa: F401
