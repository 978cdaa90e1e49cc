"""Signal wiring for site_pages. Each handler is a few lines; the work is in
metadata.py, sources.py and navigation.py."""

import datetime as dt
import logging
from pathlib import Path

from pelican import signals
from pelican.contents import Page

from . import navigation
from .errors import ContentError
from .metadata import check_page, header_lines
from .paths import project_relative
from .slugs import SlugRegistry
from .source_list import fill_marker
from .sources import load_sources

log = logging.getLogger(__name__)


def _today(settings):
    # Tests pin the date so review-date checks are repeatable.
    fixed = settings.get("SITE_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


def _header_lines(path):
    try:
        return header_lines(Path(path).read_text(encoding="utf-8"))
    except OSError:
        return {}


_slugs = SlugRegistry()


def on_page_generator_init(generator):
    global _slugs
    _slugs = SlugRegistry()  # a fresh registry for every build (the live preview rebuilds)


def on_content_object_init(instance):
    if isinstance(instance, Page) and getattr(instance, "source_path", None):
        lines = _header_lines(instance.source_path)
        _slugs.add(instance, project_relative(instance.source_path, instance.settings), lines.get("slug"))


def on_page_generator_finalized(generator):
    settings = generator.settings
    sources_path = Path(settings["PATH"]) / settings.get("SOURCES_FILE", "data/sources.yaml")
    sources = load_sources(sources_path)
    today = _today(settings)
    problems = list(_slugs.problems)
    pages = list(generator.pages) + list(generator.hidden_pages) + list(generator.draft_pages)
    for page in pages:
        rel = project_relative(page.source_path, settings)
        fields, page_problems = check_page(rel, page.metadata, sources, today,
                                           lines=_header_lines(page.source_path))
        problems.extend(page_problems)
        page.reviewed_on = fields.get("reviewed")
        page.next_review_on = fields.get("next_review")
        page.source_list = fields.get("sources", [])
        page.order = fields.get("order")
        if page.reviewed_on:
            # The sitemap's lastmod: when an editor last checked the page.
            page.modified = dt.datetime.combine(page.reviewed_on, dt.time(), tzinfo=dt.timezone.utc)
        content = page._content = fill_marker(page._content or "", sources)
        page.page_toc = navigation.headings(content)
        page.show_toc = len(page.page_toc) >= navigation.TOC_MIN_SECTIONS
        page.faq = navigation.faq_items(content) if str(page.metadata.get("faq", "")).lower() == "yes" else []
    if problems:
        raise ContentError(problems)
    reading_path = navigation.link_reading_path(generator.pages)
    generator.context["reading_path"] = reading_path
    generator.context["site_sources"] = sources


def register():
    signals.page_generator_init.connect(on_page_generator_init)
    signals.content_object_init.connect(on_content_object_init)
    signals.page_generator_finalized.connect(on_page_generator_finalized)
