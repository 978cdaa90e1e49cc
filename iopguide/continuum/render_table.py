"""Render the levels-of-care table (the <!-- continuum:table --> marker)."""

from .templates_env import environment
from .text import source_links, strings

# The columns; their headings are table_col_<key> in content/data/strings.yaml.
COLUMNS = ("name", "other_names", "hours_per_week", "where_you_live", "supervision", "fits",
           "typical_length", "relative_cost")


def render(model, links, current_slug=None, table_id="continuum-table", sources=None, t=None):
    """HTML for the table.

    links: {page slug: href} (href as Pelican should see it, e.g.
    '{filename}/pages/what-is-iop.md'). A level whose page is the page being
    rendered (current_slug) is not linked to itself.
    """
    levels = []
    for level in model.levels:
        row = dict(vars(level))
        row["href"] = links.get(level.page) if level.page != current_slug else None
        levels.append(row)
    t = strings(t)
    columns = [{"key": k, "label": t(f"table_col_{k}")} for k in COLUMNS]
    keys = list(dict.fromkeys(key for level in model.levels for key in level.source))
    return environment().get_template("table.html").render(
        caption=model.caption, note=model.note, columns=columns, levels=levels, table_id=table_id,
        sources=source_links(keys, sources), t=t)
