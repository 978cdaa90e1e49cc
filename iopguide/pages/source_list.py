"""Render the source registry where a page asks for it with a marker:
<!-- site:sources --> (every source), <!-- site:sources government --> (U.S.
government agencies and laws: addresses under .gov or .mil) or
<!-- site:sources other --> (research journals and other organizations).

The "Sources we use" page shows the government ones and links to the page with
the others: all 160 on one page took 11 KB compressed, and with the theme the
Spanish page went over the 14 KB first-response budget."""

from urllib.parse import urlsplit

from markupsafe import escape

MARKER = "<!-- site:sources -->"
# marker -> which sources it lists (None: all; True: government; False: the rest)
MARKERS = {MARKER: None, "<!-- site:sources government -->": True, "<!-- site:sources other -->": False}
GOVERNMENT_HOSTS = (".gov", ".mil")

SOURCES_LANG = "en"   # every source in the registry is an English-language document


def is_government(source: dict) -> bool:
    """A source published at a U.S. government address (.gov or .mil)."""
    host = (urlsplit(str(source["url"])).hostname or "").lower()
    return host.endswith(GOVERNMENT_HOSTS)


def render_all_sources(sources: dict, page_lang: str = SOURCES_LANG, government=None) -> str:
    items = []
    ordered = sorted(sources.items(), key=lambda kv: (str(kv[1]["publisher"]).lower(), str(kv[1]["title"]).lower()))
    for _key, s in ordered:
        if government is not None and is_government(s) != government:
            continue
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
    for marker, government in MARKERS.items():
        if marker in content_html:
            content_html = content_html.replace(marker, render_all_sources(sources, page_lang, government))
    return content_html
