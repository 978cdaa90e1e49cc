"""continuum: one data file drives the levels-of-care table and the self-check quiz.

content/data/continuum.yaml is loaded and checked once per build (every
path a visitor can take through the quiz included); markers in pages are then replaced:

    <!-- continuum:table -->   the comparison table
    <!-- continuum:quiz -->    the self-check (works without JavaScript)

Modules, one job each: load (YAML), schema (shape), model (typed data),
coverage (every visitor path through the quiz), contract (answers
that must stay crisis or urgent), validate (meaning),
rules (the reference evaluator), render_table, render_quiz, markers, plugin
(signal wiring).
"""

from .plugin import register  # noqa: F401
