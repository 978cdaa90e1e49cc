"""The site in more than one language: the theme's strings catalogue
(content/data/strings.yaml), language alternates (hreflang, the language
switch) and the search and 404 pages in each language."""

from .plugin import register  # noqa: F401
