"""Render the levels-of-care table (the <!-- continuum:table --> marker)."""

from .render_quiz import source_links
from .templates_env import environment

COLUMNS = (
    ("name", "Level of care"),
    ("other_names", "Other names"),
    ("hours_per_week", "Hours a week"),
    ("where_you_live", "Where you live"),
    ("supervision", "Supervision"),
    ("fits", "Who it fits"),
    ("typical_length", "Typical length"),
    ("relative_cost", "Relative cost"),
)


def render(model, links, current_slug=None, table_id="continuum-table", sources=None):
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
    columns = [{"key": k, "label": label} for k, label in COLUMNS]
    keys = list(dict.fromkeys(key for level in model.levels for key in level.source))
    return environment().get_template("table.html").render(
        caption=model.caption, note=model.note, columns=columns, levels=levels, table_id=table_id,
        sources=source_links(keys, sources))
