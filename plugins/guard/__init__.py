"""guard: what keeps unsafe or broken input from reaching the site.

Shared by the plugins, `make check` (checks/) and the build (scripts/build.py):
    errors.py       Problem (file, line, key, message) and SiteError
    datafile.py     the one YAML loader for content/data/*.yaml
    content_scan.py before Pelican reads anything: symlinks, page size, UTF-8,
                    a Title on every page, every data file loads
    html_policy.py  the HTML an editor may write in a page (checked with nh3)

As a Pelican plugin it runs the content scan when Pelican starts and the HTML
policy on every page, so a plain `pelican` run is guarded too.
"""

from .plugin import register  # noqa: F401
