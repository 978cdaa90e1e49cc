"""Words both renderers need: the theme's strings in the page's language, and
a source list's entries (render_table and render_quiz import this; neither
imports the other)."""


def strings(t=None):
    """t(key, **values): the theme's strings (content/data/strings.yaml) in the
    page's language; the project's English ones when not given."""
    if t is not None:
        return t
    from ..i18n.plugin import strings_for
    return strings_for("en")


def source_links(keys, sources):
    """[{key, text, url}] for source keys (text only when the list is not known)."""
    out = []
    for key in keys:
        entry = (sources or {}).get(key) or {}
        text = ", ".join(str(entry[f]) for f in ("publisher", "title") if entry.get(f)) or key
        out.append({"key": key, "text": text, "url": entry.get("url")})
    return out
