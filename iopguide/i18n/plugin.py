"""Signal wiring for the site's languages.

    initialized            load the strings catalogue (content/data/strings.yaml)
    generator_init         Jinja globals: t(), format_date(), page_lang(),
                           url_for(), alternates(), lang_switch()
    page_generator_finalized  index every page by (slug, lang)
    get_generators         the search and 404 pages in each other language

Pelican links a page and its translation by their shared slug (Lang: es in
the Spanish file's header); PAGE_LANG_URL puts the Spanish one under /es/.
"""

import re
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup, escape
from pelican import signals
from pelican.generators import Generator

from ..paths import project_relative, translation_fallback
from .catalogue import Catalogue, load

# The pages every language has that Pelican makes from a template, not a file.
TEMPLATE_PAGES = {"search": ("search/", "search/index.html"), "notfound": ("404.html", "404.html")}
LANGUAGES = "SITE_LANGUAGES"   # the build's Languages, kept in its settings (a new build has new settings)


def langs(settings):
    return list(settings.get("SITE_LANGS") or [settings.get("DEFAULT_LANG", "en")])


def template_page(name, lang, settings):
    """(url, save_as) of a template page (search, 404) in a language."""
    url, save_as = TEMPLATE_PAGES[name]
    if lang == settings.get("DEFAULT_LANG", "en"):
        return url, save_as
    return f"{lang}/{url}", f"{lang}/{save_as}"


class Languages:
    """One build's languages: the strings catalogue, every page by (slug, lang),
    and the functions the templates call (each knows the page's language)."""

    def __init__(self, catalogue, settings):
        self.catalogue, self.settings = catalogue, settings
        self.default = settings.get("DEFAULT_LANG", "en")
        self.pages = {}   # (slug, lang) -> page, once every page is read

    def lang(self, ctx):
        page = ctx.get("page")
        lang = getattr(page, "lang", None) if page is not None else None
        return lang or ctx.get("lang") or self.default

    @pass_context
    def t(self, ctx, key, **values):
        """The theme string `key` in the page's language."""
        return self.catalogue.text(key, self.lang(ctx), **values)

    @pass_context
    def format_date(self, ctx, value):
        return self.catalogue.date(value, self.lang(ctx))

    @pass_context
    def page_lang(self, ctx):
        return self.lang(ctx)

    @pass_context
    def url_for(self, ctx, slug):
        """The address of the page `slug` in the page's language, or in the
        default language while it has no translation yet."""
        page = self.pages.get((slug, self.lang(ctx))) or self.pages.get((slug, self.default))
        return f"{slug}/" if page is None else page.url

    @pass_context
    def search_page_url(self, ctx):
        return template_page("search", self.lang(ctx), self.settings)[0]

    @pass_context
    def alternates(self, ctx):
        """[(lang, url)] of this page in every language it exists in, default language first."""
        settings = self.settings
        page = ctx.get("page")
        if page is not None:
            found = {p.lang: p.url for p in [page, *getattr(page, "translations", [])]}
        else:
            # A template page (search, 404): known by the file it is written to.
            saved = {template_page(n, lang, settings)[1]: n for n in TEMPLATE_PAGES for lang in langs(settings)}
            name = saved.get(ctx.get("output_file"))
            if name is None:
                return []
            found = {lang: template_page(name, lang, settings)[0] for lang in langs(settings)}
        return [(lang, found[lang]) for lang in langs(settings) if lang in found]

    @pass_context
    def lang_switch(self, ctx):
        """[(lang, name, url)] for the other languages: the same page there, or
        that language's home page while the page has no translation."""
        here = self.lang(ctx)
        found = dict(self.alternates(ctx))
        out = []
        for lang in langs(self.settings):
            if lang == here:
                continue
            url = found.get(lang)
            if url is None:
                home = self.pages.get(("index", lang))
                url = home.url if home is not None else ""
            out.append((lang, self.catalogue.text("lang_name", lang), url))
        return out

    def globals(self):
        return {name: getattr(self, name) for name in ("t", "format_date", "page_lang", "url_for", "alternates",
                                                       "lang_switch", "search_page_url")}


def on_initialized(pelican):
    # Connected now, after every plugin has registered: pelican-sitemap writes
    # sitemap.xml when 'finalized' is sent, and on_finalized corrects that file,
    # so it must run after it, whatever the order of PLUGINS.
    signals.finalized.connect(on_finalized)
    settings = pelican.settings
    path = Path(settings["PATH"]) / settings.get("STRINGS_FILE", "data/strings.yaml")
    shown = project_relative(path, settings)
    catalogue = Catalogue(load(path, shown, langs(settings)), settings.get("DEFAULT_LANG", "en"), shown)
    settings[LANGUAGES] = Languages(catalogue, settings)


def strings_for(lang, settings=None):
    """t(key, **values) in `lang`, for code outside Pelican's templates (the
    continuum part's table and self-check): the text is escaped, and values are
    escaped unless they are Markup (a link built by the template). The build's
    catalogue; without a build (tests rendering a template alone), the project's."""
    languages = (settings or {}).get(LANGUAGES)
    catalogue = languages.catalogue if languages is not None else _project_catalogue()

    def text(key, **values):
        found = catalogue.text(key, lang)
        return Markup(escape(found)).format(**values) if values else found

    text.lang = lang
    return text


def _project_catalogue():
    """The catalogue when no build loaded one (tests that render a template alone)."""
    root = Path(__file__).resolve().parents[2]
    path = root / "content" / "data" / "strings.yaml"
    return Catalogue(load(path, "content/data/strings.yaml", ["en", "es"]), "en", "content/data/strings.yaml")


FILENAME_LINK = re.compile(r'(?P<attr>(?:href|src)=")\{filename\}(?P<target>[^"#?]+)')


def on_content_object_init(page):
    """A translated page's link to a page that has no translation yet goes to
    the default-language page (Pelican would otherwise stop on it)."""
    settings = getattr(page, "settings", None) or {}
    source = getattr(page, "source_path", None)
    if not source or getattr(page, "lang", None) in (None, settings.get("DEFAULT_LANG", "en")):
        return
    content = getattr(page, "_content", None)
    if not content or "{filename}" not in content:
        return
    root = Path(settings["PATH"]) / (settings.get("PAGE_PATHS") or ["pages"])[0]

    def swap(match):
        return match["attr"] + "{filename}" + translation_fallback(source, match["target"], root)

    page._content = FILENAME_LINK.sub(swap, content)


def on_generator_init(generator):
    env = getattr(generator, "env", None)
    languages = generator.settings.get(LANGUAGES)
    if env is None or languages is None:
        return
    env.globals.update(languages.globals())


def on_page_generator_finalized(generator):
    pages = {}
    for attr in ("pages", "hidden_pages", "translations", "hidden_translations"):
        for page in getattr(generator, attr, None) or []:
            pages.setdefault((page.slug, page.lang), page)
    generator.settings[LANGUAGES].pages = pages


class LanguagePagesGenerator(Generator):
    """The search and 404 pages in every language but the default one
    (Pelican's DIRECT_TEMPLATES make the default language's)."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        default = self.settings.get("DEFAULT_LANG", "en")
        for lang in langs(self.settings):
            if lang == default:
                continue
            for name in TEMPLATE_PAGES:
                url, save_as = template_page(name, lang, self.settings)
                writer.write_file(save_as, self.get_template(name), self.context,
                                  relative_urls=self.settings["RELATIVE_URLS"],
                                  page_name=save_as.removesuffix(".html"), url=url, lang=lang)


def get_generators(pelican):
    return LanguagePagesGenerator


def register():
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(on_generator_init)
    signals.content_object_init.connect(on_content_object_init)
    signals.page_generator_finalized.connect(on_page_generator_finalized)
    signals.get_generators.connect(get_generators)


XHTML_LINK = re.compile(r'<xhtml:link rel="alternate" hreflang="[^"]*" ref="[^"]*"/>\n')
URL_BLOCK = re.compile(r"<url>\n<loc>(?P<loc>[^<]*)</loc>(?P<body>.*?)</url>", re.S)


def fix_sitemap(text, pages, siteurl, default_lang, order):
    """pelican-sitemap 1.2 writes a translation's link as `ref=` (not `href=`)
    and leaves out the page itself and x-default; Google wants the full set on
    every entry. Rewrite each entry's alternates from the pages' own URLs."""
    by_loc = {f"{siteurl}/{p.url}": p for p in pages}

    def entry(match):
        body = XHTML_LINK.sub("", match["body"])
        page = by_loc.get(match["loc"])
        if page is None or not getattr(page, "translations", None):
            return f"<url>\n<loc>{match['loc']}</loc>{body}</url>"
        found = {p.lang: p.url for p in [page, *page.translations]}
        links = [(lang, found[lang]) for lang in order if lang in found]
        if default_lang in found:
            links.append(("x-default", found[default_lang]))
        extra = "".join(f'<xhtml:link rel="alternate" hreflang="{lang}" href="{siteurl}/{url}"/>\n'
                        for lang, url in links)
        return f"<url>\n<loc>{match['loc']}</loc>{body.rstrip()}\n{extra}</url>"

    return URL_BLOCK.sub(entry, text)


def on_finalized(pelican):
    path = Path(pelican.output_path) / "sitemap.xml"
    if not path.exists():
        return
    settings = pelican.settings
    siteurl = settings.get("SITEURL", "")
    pages = {id(p): p for p in settings[LANGUAGES].pages.values()}.values()
    path.write_text(fix_sitemap(path.read_text(encoding="utf-8"), pages, siteurl,
                                settings.get("DEFAULT_LANG", "en"), langs(settings)), encoding="utf-8")
