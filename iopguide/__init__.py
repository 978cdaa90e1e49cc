"""iopguide: the site's own Python, one package.

The data flow, one module per step:

    content/*.md, content/data/*.yaml
      -> guard        before and while Pelican reads: the content scan, the
                      HTML an editor may write, images' alt text, titles, and
                      the links Pelican could not resolve
      -> pages        each page's metadata, sources, citations, glossary,
                      contents list; the reading path and related pages
      -> continuum    the one data file: the levels-of-care table and the self-check
      -> i18n         the theme's words in each language, alternates, sitemap
      -> theme/templates -> output/

Every stage adds its problems to the build's one Collector (problems.py) and
the build stops once, before anything is written, with all of them. The
commands around Pelican:

    python -m iopguide.build      make html, make publish (runner.py runs the build)
    python -m iopguide.preview    make serve (a long-lived build worker)
    python -m iopguide.serve      a built site with its _headers headers
    python -m iopguide.continuum.reference   make docs (docs/data-reference.md)

Pelican loads this package as one plugin (PLUGINS = ["iopguide", ...]);
register() connects every part's signals, in the order written here.
"""


def register():
    """Pelican's entry point: each part connects its own signal handlers. A part
    is a plugin of its own too (its register()), which the benchmark uses to
    build without the continuum part."""
    from . import continuum, guard, i18n, pages
    for part in (guard, pages, continuum, i18n):
        part.register()
