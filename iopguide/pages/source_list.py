"""Render the whole source registry where a page asks for it with the
marker <!-- site:sources --> (the "Sources we use" page, linked from About)."""

from markupsafe import escape

MARKER = "<!-- site:sources -->"


SOURCES_LANG = "en"   # every source in the registry is an English-language document


def render_all_sources(sources: dict, page_lang: str = SOURCES_LANG) -> str:
    items = []
    ordered = sorted(sources.items(), key=lambda kv: (str(kv[1]["publisher"]).lower(), str(kv[1]["title"]).lower()))
    for _key, s in ordered:
        # No id per entry: nothing links into this list, and 150 ids cost 1 KB of the page's 14 KB budget.
        items.append(
            f'<li>{escape(s["publisher"])}. '
            f'<a href="{escape(s["url"])}">{escape(s["title"])}</a> ({escape(s["year"])}).</li>'
        )
    # A list of titles (proper names), not prose: left out of the reading grade. On a
    # page in another language the English titles are marked as English (WCAG 3.1.2),
    # so a screen reader pronounces them right.
    lang = f' lang="{SOURCES_LANG}"' if page_lang != SOURCES_LANG else ""
    return f'<ul class="source-registry" data-readability-skip{lang}>\n' + "\n".join(items) + "\n</ul>"


def fill_marker(content_html: str, sources: dict, page_lang: str = SOURCES_LANG) -> str:
    if MARKER not in content_html:
        return content_html
    return content_html.replace(MARKER, render_all_sources(sources, page_lang))
