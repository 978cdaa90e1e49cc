"""Images on the built pages have alt text (what the image shows, for screen readers)."""

from .report import ERROR, Finding


def no_alt_message(src, where=""):
    """Shared with the build check, so one image gives one message."""
    return (f"image {src}{where} has no alt text; say what it shows, "
            "e.g. ![A counselor talking with a group](group.png)")


def check(project, built, today):
    from . import parsed  # needs bs4, a test dependency: `make html` needs only no_alt_message()

    findings = []
    for page in built.pages:
        soup = parsed.soup(built.output / page.save_as)
        article = soup.select_one("article.page")
        for img in soup.find_all("img"):
            alt = img.get("alt")
            in_text = article is not None and img in article.find_all("img")
            if alt is None or (in_text and not alt.strip()):
                src = img.get("src", "")
                line = page.source.line_of(src.rsplit("/", 1)[-1]) if in_text else None
                where = "" if in_text else " (in the theme)"
                findings.append(Finding(page.source.rel, line, ERROR, no_alt_message(src, where), "images"))
    return findings
