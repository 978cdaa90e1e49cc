"""The HTML an editor may write in a page, checked with nh3 (Ammonia).

Markdown lets editors write raw HTML. Most of it is harmless (a <br>, an
<abbr>), but a <script>, an <iframe>, an on...= attribute, a style= attribute
or a javascript: link would run code or break the site's security policy.
A page's HTML (as Markdown made it, so [x](javascript:...) links count too)
is cleaned by nh3 with the allow-list below; if cleaning would change any tag
or attribute, the page is refused with a message saying what and where.
Refusing, rather than quietly dropping it, tells the editor what happened.
"""

from collections import Counter
from functools import lru_cache
from html.parser import HTMLParser

import nh3

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "time", "tr", "u", "ul",
}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed", "type"},
    "time": {"datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "details": {"open"},
    # The placeholder iopguide.pages' Markdown extension writes for a citation [@key]
    # (iopguide/pages/cite_md.py); a data attribute runs nothing.
    "sup": {"data-cite"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}
URL_ATTRIBUTES = {"href", "src", "cite"}
FRAMES = {"iframe", "frame", "frameset", "object", "embed", "portal", "applet"}
HELP = "see 'HTML in pages' in docs/editing.md"


def clean(html):
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     strip_comments=False, link_rel=None)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted((k, v or "") for k, v in attrs))))

    handle_startendtag = handle_starttag


def start_tags(html):
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def has_tags(text):
    """True if plain text (a title) holds something a browser would read as a tag."""
    return bool(start_tags(text)) or "</" in text


def _scheme(url):
    url = "".join(ch for ch in url if not ch.isspace() and ord(ch) > 31).lower()
    head, sep, _ = url.partition(":")
    if not sep or "/" in head or "?" in head or "#" in head:
        return None  # a relative address
    return head


def explain(tag, attrs):
    """[(needle, message)]: why nh3 would change this tag; the needle finds its line."""
    if tag not in TAGS:
        if tag == "script":
            return [("<script", "<script> is not allowed in a page: pages cannot run scripts of "
                               f"their own. Remove it ({HELP})")]
        if tag in FRAMES:
            return [(f"<{tag}", f"<{tag}> is not allowed: it would show another site inside this "
                                "page. Link to it instead: [words](https://...)")]
        if tag == "style":
            return [("<style", "<style> is not allowed: the site's one stylesheet "
                              "(theme/static/css/site.css) styles every page")]
        return [(f"<{tag}", f"<{tag}> is not one of the HTML tags pages may use; write it in "
                            f"Markdown instead ({HELP})")]
    out = []
    allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
    for name, value in attrs:
        if name.startswith("on"):
            out.append((name, f"{name}=\"...\" on <{tag}> is not allowed: on...= attributes run "
                              "scripts. Remove it"))
        elif name == "style":
            out.append(("style=", f"style=\"...\" on <{tag}> is not allowed: the site's stylesheet "
                                  "styles every page, and its security policy blocks inline styles"))
        elif name not in allowed:
            out.append((name, f"attribute '{name}' on <{tag}> is not allowed ({HELP})"))
        elif name in URL_ATTRIBUTES and _scheme(value) not in (None, *URL_SCHEMES):
            shown = value if len(value) <= 40 else value[:37] + "..."
            out.append((f"{_scheme(value)}:", f"the address '{shown}' is not allowed: links and images "
                        "must go to https://..., a page of this site, mailto:, tel: or sms:"))
    return out


@lru_cache(maxsize=1024)
def check(html):
    """((needle, message), ...) for every tag or attribute nh3 would remove; () if none.

    Remembered by the page's HTML (the answer depends on nothing else): the live
    preview's worker builds again after every save, and a page that did not
    change is not parsed twice more (a fifth of a rebuild; `make bench`)."""
    if "<" not in html:
        return ()
    kept = Counter(start_tags(clean(html)))
    found = []
    for tag, attrs in start_tags(html):
        if kept[(tag, attrs)] > 0:
            kept[(tag, attrs)] -= 1
            continue
        reasons = explain(tag, attrs) or [(f"<{tag}", f"this <{tag}> tag is not allowed as written ({HELP})")]
        found += [r for r in reasons if r not in found]
    return tuple(found)
