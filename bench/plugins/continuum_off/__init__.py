"""Benchmark stub for the "without continuum" builds: registers only the
theme's `continuum_checked` filter as a no-op, so the theme renders without
the real plugin. Never used by the site itself."""

from pelican import signals


def _identity(content, source_path=""):
    return content


def _add_filter(generator):
    env = getattr(generator, "env", None)
    if env is not None:
        env.filters["continuum_checked"] = _identity


def register():
    signals.generator_init.connect(_add_filter)
