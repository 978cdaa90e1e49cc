"""guard: what keeps unsafe or broken input from reaching the site.

    content_scan.py before Pelican reads anything: symlinks, page size, UTF-8,
                    a Title on every page, every data file loads
    html_policy.py  the HTML an editor may write in a page (checked with nh3)
    plugin.py       the signals: the scan when Pelican starts; the HTML policy,
                    images' alt text and duplicate titles on every page as it is
                    read; the links Pelican could not resolve; then the build
                    stops once if any stage found an error

The error type, the YAML loader and the header reader it uses are the
package's (iopguide/problems.py, datafile.py, header.py).
"""

from .plugin import register  # noqa: F401
