"""Every page Pelican read, from every generator: the one list the parts that
look at all pages at once (the link check, the self-check's data modules) walk."""

PAGE_LISTS = ("pages", "hidden_pages", "draft_pages", "translations", "hidden_translations", "draft_translations")


def every_page(generators):
    for gen in generators:
        for attr in PAGE_LISTS:
            yield from getattr(gen, attr, None) or []
