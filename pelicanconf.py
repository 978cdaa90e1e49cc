"""Pelican settings for local builds and the live preview.

Relative URLs, no feeds, pages only (this site has no blog). publishconf.py
imports everything here and switches to absolute URLs for the live site.
"""

import os

SITENAME = "IOP Guide"
SITE_TAGLINE = "Plain facts about intensive outpatient programs"
AUTHOR = "IOP Guide editors"
DEFAULT_LANG = "en"
HTML_LANG = "en-US"
TIMEZONE = "America/New_York"

# Local builds: links are relative so output/ can be opened from anywhere.
SITEURL = ""
RELATIVE_URLS = True
# Canonical links and structured data always need an absolute address.
# It follows the preview's port (make serve PORT=8001).
SITE_ORIGIN = f"http://127.0.0.1:{os.environ.get('PORT') or 8000}"

PATH = "content"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = []  # no blog: every document is a page
STATIC_PATHS = ["extra"]
EXTRA_PATH_METADATA = {
    "extra/_headers": {"path": "_headers"},
}
# content/data/ holds the continuum data file; it is read by the plugin, not copied.
IGNORE_FILES = [".#*", "*~", "*.swp"]

PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# The Spanish edition: content/pages/es/<slug>.md with 'Lang: es' and the same
# slug as the English page, so Pelican links the two as translations. It is
# built at /es/<slug>/ (the Spanish home page sets its own Save_as and URL).
SITE_LANGS = ["en", "es"]
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
# The theme's words in every language (iopguide/i18n).
STRINGS_FILE = "data/strings.yaml"
SLUGIFY_SOURCE = "basename"

# Only the templates this site uses. No archives, tags, categories or authors.
DIRECT_TEMPLATES = ["search", "notfound", "robots"]
SEARCH_SAVE_AS = "search/index.html"
SEARCH_URL = "search/"
NOTFOUND_SAVE_AS = "404.html"
ROBOTS_SAVE_AS = "robots.txt"
ARCHIVES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
INDEX_SAVE_AS = ""

FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

THEME = "theme"
THEME_STATIC_DIR = "theme"
# The theme builds its own menu from the reading path; Pelican's default page
# menu is slow on big sites and not needed.
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        # Heading ids for the "On this page" list and deep links.
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

# The site's own code is one package, iopguide/, in the project folder
# (PLUGIN_PATHS is where Pelican looks for it, relative to this file).
PLUGIN_PATHS = ["."]
# Listed explicitly: an unset PLUGINS would load every installed plugin. The
# order does not matter: iopguide connects its handlers in its own order, and
# corrects pelican-sitemap's file after it is written (iopguide/i18n).
PLUGINS = ["iopguide", "pelican.plugins.sitemap"]

# Every {{ value }} in the theme is HTML-escaped; the few values that are HTML
# on purpose (a page's content, rendered partials) say `| safe` in the template.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# The Content-Security-Policy, sent on every page as <meta http-equiv> so it
# holds on hosts that ignore _headers (GitHub Pages). frame-ancestors cannot
# be set in a meta tag: it is in content/extra/_headers with this same policy
# (a test checks they agree). 'wasm-unsafe-eval': Pagefind's search runs
# WebAssembly; data: images: the inlined favicon.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
                           "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
                           "base-uri 'self'; form-action 'self'")

SITEMAP = {
    "format": "xml",
    "priorities": {"articles": 0.5, "indexes": 0.5, "pages": 0.5},
    "changefreqs": {"articles": "monthly", "indexes": "monthly", "pages": "monthly"},
    "exclude": ["404.html", "search/", "robots.txt"],
}

# Help lines shown on every page. Neutral: public lines only, never a provider's.
# The one place the numbers live: the crisis strip (theme) and the self-check's
# help lines (iopguide/continuum) both read CRISIS_LINES. tel/sms: what is dialled.
CRISIS_LINES = {
    "lifeline": {"name": "988 Suicide & Crisis Lifeline", "number": "988", "tel": "988", "sms": "988",
                 # 988's chat in Spanish (the Spanish crisis strip links it).
                 "chat_es": "https://988lifeline.org/chat/"},
    "emergency": {"name": "Emergency services", "number": "911", "tel": "911"},
    "helpline": {
        "name": "SAMHSA National Helpline",
        "number": "1-800-662-4357",
        "tel": "+18006624357",
    },
    # Other national public lines the self-check's results and cautions name
    # (the build refuses any other number in content/data/continuum.yaml).
    "poison": {"name": "Poison Help", "number": "1-800-222-1222", "tel": "+18002221222"},
    "dv": {"name": "National Domestic Violence Hotline", "number": "1-800-799-7233", "tel": "+18007997233",
           "sms": "88788", "sms_number": "88788"},
    "maternal": {"name": "National Maternal Mental Health Hotline", "number": "1-833-852-6262",
                 "tel": "+18338526262", "sms": "+18338526262"},
    "childhelp": {"name": "Childhelp National Child Abuse Hotline", "number": "1-800-422-4453",
                  "tel": "+18004224453", "sms": "+18004224453"},
    "runaway": {"name": "National Runaway Safeline", "number": "1-800-786-2929", "tel": "+18007862929"},
    "community": {"name": "211", "number": "211", "tel": "211"},
}

# Where "Exit this page" goes: a neutral public site.
EXIT_PAGE_URL = "https://www.weather.gov/"

# "Report a problem with this page" (every page's footer): where the link goes.
# {url} becomes the page's own address, URL-encoded; the link carries nothing
# else. REPORT_PROBLEM_URL sets it (an https:// form or a mailto: address with
# {url} in it, e.g. mailto:editors@your.domain?subject={url}); otherwise a build
# in GitHub Actions, which sets GITHUB_REPOSITORY (owner/name) in every run,
# uses that repository's new-issue form. Neither set (a local build): no link;
# publishconf.py refuses to publish without one. Never a person's own address.
REPORT_PROBLEM_URL = os.environ.get("REPORT_PROBLEM_URL", "").strip() or (
    f"https://github.com/{os.environ['GITHUB_REPOSITORY'].strip()}/issues/new?title={{url}}"
    if os.environ.get("GITHUB_REPOSITORY", "").strip() else "")

# Fail the build on broken internal links rather than just warning.
LOG_FILTER = []

CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False
