"""Render the option grid (<!-- continuum:option-grid -->): a decision aid in
the manner of the IPDAS standards that compares the levels that have a `grid`
in continuum.yaml on the questions people ask, then "what matters most to me"
choices that print for a visit.

Hours a week, where you sleep and cost are the levels' own fields (the ones
the levels table shows), so the table and the grid cannot disagree; the other
rows come from each level's `grid`. Works without JavaScript: the choices are
radio buttons outside any form, so nothing can be submitted; they print as
chosen. theme/static/js/tools/option-grid.js only adds Print and Clear.
"""

from .render_quiz import BETWEEN_TAGS, source_links
from .templates_env import environment
from .text import strings

# (row key, where the value comes from): "level" fields are the table's own.
ROWS = (("hours_per_week", "level"), ("keeping_a_job", "grid"), ("where_you_live", "level"),
        ("relative_cost", "level"), ("evidence", "grid"), ("not_safe_for", "grid"))


def columns(model):
    """[{id, asam, label, name, href?, cells: {row key: text}, source}] for each level in the grid."""
    out = []
    for level in model.grid_levels:
        cells = {key: getattr(level.grid if where == "grid" else level, key) for key, where in ROWS}
        out.append({"id": level.id, "asam": level.asam, "label": level.grid.label, "name": level.name,
                    "page": level.page, "cells": cells,
                    "source": tuple(dict.fromkeys(level.source + level.grid.source))})
    return out


def render_grid(model, links, grid_id="continuum-grid", sources=None, t=None):
    """HTML for the option grid and the "what matters most to me" choices."""
    from markupsafe import Markup

    t = strings(t)
    grid = model.grid
    cols = columns(model)
    for col in cols:
        col["href"] = links.get(col["page"])
        # Cited where the facts are: each column's sources, by publisher (the full title on hover and in print).
        col["sources"] = [dict(link, short=str(((sources or {}).get(key) or {}).get("publisher") or link["text"]))
                          for key, link in zip(col["source"], source_links(col["source"], sources))]
    rows = [{"key": key, "label": t(f"grid_row_{key}")} for key, _ in ROWS]
    html = environment().get_template("grid.html").render(
        grid_id=grid_id, caption=grid.caption, note=grid.note, columns=cols, rows=rows, matters=grid.matters, t=t,
        source_lang=Markup(' lang="en"') if getattr(t, "lang", "en") != "en" else "")
    return Markup(BETWEEN_TAGS.sub(">\n<", html))
