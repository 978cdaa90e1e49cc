"""The pass cache skips only the two slow checks that depend on nothing but
the data file and the plugin's code (the JSON Schema pass and the walk of
every visitor path), and only for bytes (and plugin code) that passed before;
a failing file is never remembered, and the checks that read other files
(pages, sources) run on every build."""

import pytest

from continuum_helpers import DATA_FILE, PAGES, ROOT  # noqa: F401 (sets sys.path)

from continuum import coverage, plugin, schema, shape_cache  # noqa: E402
from continuum.errors import ContinuumError  # noqa: E402


@pytest.fixture
def settings(tmp_path):
    pages = tmp_path / "content" / "pages"
    pages.mkdir(parents=True)
    for slug in PAGES:
        (pages / f"{slug}.md").write_text("Title: x\n")
    data_dir = tmp_path / "content" / "data"
    data_dir.mkdir()
    (data_dir / "continuum.yaml").write_bytes(DATA_FILE.read_bytes())
    plugin._cache.clear()
    return {"PATH": str(tmp_path / "content"), "PAGE_PATHS": ["pages"], "CACHE_PATH": str(tmp_path / "cache")}


def count_schema_passes(monkeypatch):
    calls = []
    real = schema.check
    monkeypatch.setattr(schema, "check", lambda data, problems: calls.append(1) or real(data, problems))
    return calls


def count_path_walks(monkeypatch):
    calls = []
    real = coverage.compute
    monkeypatch.setattr(coverage, "compute", lambda quiz, limit: calls.append(1) or real(quiz, limit))
    return calls


def test_second_build_of_unchanged_data_skips_the_schema_and_the_path_walk(settings, monkeypatch):
    schema_calls, walks = count_schema_passes(monkeypatch), count_path_walks(monkeypatch)
    model, _ = plugin.load_checked(settings)
    assert schema_calls == [1] and walks == [1]
    assert model.coverage.total > 1000
    plugin._cache.clear()                  # a new process: only the disk cache remains
    model, _ = plugin.load_checked(settings)
    assert schema_calls == [1] and walks == [1]
    assert model.coverage is None and model.quiz.questions


def test_a_cache_hit_still_checks_the_pages_the_data_links_to(settings):
    plugin.load_checked(settings)
    plugin._cache.clear()
    page = ROOT.joinpath(settings["PATH"], "pages", "after-iop.md")   # levels[0].page
    page.unlink()
    with pytest.raises(ContinuumError, match="after-iop"):
        plugin.load_checked(settings)


def test_data_that_fails_the_path_walk_is_never_remembered(settings, monkeypatch):
    data = ROOT.joinpath(settings["PATH"], "data", "continuum.yaml")
    key = shape_cache.key_for(data.read_bytes())

    def no_outcome(quiz, limit):
        raise OverflowError(limit)        # as if the quiz had too many paths to check
    monkeypatch.setattr(coverage, "compute", no_outcome)
    for _ in range(2):
        plugin._cache.clear()
        with pytest.raises(ContinuumError, match="different visitor states"):
            plugin.load_checked(settings)
    assert not shape_cache.passed(settings["CACHE_PATH"], key, "paths")


def test_any_edit_means_a_full_check(settings, monkeypatch):
    calls = count_schema_passes(monkeypatch)
    plugin.load_checked(settings)
    data = ROOT.joinpath(settings["PATH"], "data", "continuum.yaml")
    data.write_text(data.read_text() + "\n# an editor's comment\n")
    plugin._cache.clear()
    plugin.load_checked(settings)
    assert calls == [1, 1]


def test_a_bad_file_is_never_remembered(settings):
    data = ROOT.joinpath(settings["PATH"], "data", "continuum.yaml")
    data.write_text(data.read_text().replace("levels:", "levels: 3\nold_levels:", 1))
    for _ in range(2):
        plugin._cache.clear()
        with pytest.raises(ContinuumError, match="levels"):
            plugin.load_checked(settings)
    for check in ("schema", "paths"):
        assert not shape_cache.passed(settings["CACHE_PATH"], shape_cache.key_for(data.read_bytes()), check)


def test_key_changes_with_plugin_code(monkeypatch, tmp_path):
    before = shape_cache.key_for(b"data")
    fake = tmp_path / "plugin"
    fake.mkdir()
    for src in shape_cache.PLUGIN_DIR.glob("*.py"):
        (fake / src.name).write_bytes(src.read_bytes())
    (fake / "validate.py").write_text((fake / "validate.py").read_text() + "\n# changed\n")
    monkeypatch.setattr(shape_cache, "PLUGIN_DIR", fake)
    assert shape_cache.key_for(b"data") != before
