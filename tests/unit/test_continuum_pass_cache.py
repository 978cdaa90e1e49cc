"""The pass cache (iopguide/continuum/pass_cache.py) skips only the two slow
checks (the JSON Schema pass and the walk of every visitor path), only for
inputs that passed before with this exact code; a failing file is never
remembered, and the checks that read other files still run on every build."""

import hashlib
import shutil

import pytest

from continuum_helpers import DATA_FILE, ROOT

from iopguide.continuum import coverage, pass_cache, plugin, schema
from iopguide.continuum.errors import ContinuumError


@pytest.fixture
def settings(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    (content / "data").mkdir()
    for name in ("continuum.yaml", "sources.yaml"):
        shutil.copy(ROOT / "content" / "data" / name, content / "data" / name)
    plugin._checked.cache_clear()
    yield {"PATH": str(content), "PAGE_PATHS": ["pages"], "CACHE_PATH": str(tmp_path / "cache")}
    plugin._checked.cache_clear()


def load(settings):
    plugin._checked.cache_clear()          # each call as a new build process would: only the disk cache remains
    files, _ = plugin.page_files(settings)
    return plugin.load_checked(settings, files)[0]


@pytest.fixture
def slow_checks(monkeypatch):
    calls = {"schema": 0, "walk": 0}
    real_schema, real_walk = schema.check, coverage.compute

    def counted_schema(data, problems):
        calls["schema"] += 1
        return real_schema(data, problems)

    def counted_walk(quiz, limit):
        calls["walk"] += 1
        return real_walk(quiz, limit)
    monkeypatch.setattr(schema, "check", counted_schema)
    monkeypatch.setattr(coverage, "compute", counted_walk)
    return calls


def test_a_second_build_of_the_same_inputs_skips_the_two_slow_checks(settings, slow_checks):
    first = load(settings)
    assert slow_checks == {"schema": 1, "walk": 1} and first.coverage.total > 1000
    again = load(settings)
    assert slow_checks == {"schema": 1, "walk": 1}, "the second build checked again"
    assert again.coverage is None and again.quiz.questions == first.quiz.questions


def test_any_edit_to_the_data_file_means_a_full_check(settings, slow_checks):
    load(settings)
    data = ROOT / settings["PATH"] / "data" / "continuum.yaml"
    data.write_text(data.read_text(encoding="utf-8") + "\n# an editor's comment\n", encoding="utf-8")
    load(settings)
    assert slow_checks == {"schema": 2, "walk": 2}


def test_a_missing_page_is_still_found_on_a_cache_hit(settings):
    load(settings)
    for page in (ROOT / settings["PATH"] / "pages").rglob("after-iop.md"):   # a page the levels link to
        page.unlink()
    with pytest.raises(ContinuumError, match="after-iop"):
        load(settings)


def test_a_file_that_fails_is_never_remembered(settings, slow_checks):
    data = ROOT / settings["PATH"] / "data" / "continuum.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("levels:", "levels: 3\nold_levels:", 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ContinuumError, match="levels"):
            load(settings)
    assert slow_checks["schema"] == 2
    cache = ROOT / settings["CACHE_PATH"] / pass_cache.FILE_NAME
    assert not cache.exists() or not cache.read_text(encoding="ascii").split()


def test_a_walk_that_fails_is_never_remembered(settings, monkeypatch):
    def too_many(quiz, limit):
        raise OverflowError(limit)         # as if the quiz had too many paths to check
    monkeypatch.setattr(coverage, "compute", too_many)
    for _ in range(2):
        with pytest.raises(ContinuumError, match="different visitor states"):
            load(settings)
    assert not (ROOT / settings["CACHE_PATH"] / pass_cache.FILE_NAME).exists()


def test_the_key_changes_with_the_code_the_libraries_the_pages_the_sources_and_the_help_lines(monkeypatch, tmp_path):
    data = hashlib.sha256(DATA_FILE.read_bytes()).hexdigest()
    base = pass_cache.key_for(data, {"a"}, {"s"}, {"988": {"number": "988"}})
    assert pass_cache.key_for(data, {"a", "b"}, {"s"}, {"988": {"number": "988"}}) != base
    assert pass_cache.key_for(data, {"a"}, {"s", "t"}, {"988": {"number": "988"}}) != base
    assert pass_cache.key_for(data, {"a"}, {"s"}, {"988": {"number": "989"}}) != base
    real_version = pass_cache.metadata.version
    monkeypatch.setattr(pass_cache.metadata, "version", lambda name: "0.0" if name == "jsonschema" else real_version(name))
    assert pass_cache.key_for(data, {"a"}, {"s"}, {"988": {"number": "988"}}) != base, "another jsonschema"
    monkeypatch.setattr(pass_cache.metadata, "version", real_version)
    fake = tmp_path / "iopguide"
    shutil.copytree(pass_cache.PACKAGE, fake, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(pass_cache, "PACKAGE", fake)
    assert pass_cache.key_for(data, {"a"}, {"s"}, {"988": {"number": "988"}}) == base, "a copy is the same code"
    for changed in ("continuum/validate.py", "datafile.py"):   # this part, and the YAML loader one level up
        (fake / changed).write_text((fake / changed).read_text() + "\n# changed\n")
        assert pass_cache.key_for(data, {"a"}, {"s"}, {"988": {"number": "988"}}) != base, changed
        base = pass_cache.key_for(data, {"a"}, {"s"}, {"988": {"number": "988"}})


def test_without_a_cache_folder_every_build_checks_in_full(settings, slow_checks):
    del settings["CACHE_PATH"]
    load(settings)
    load(settings)
    assert slow_checks == {"schema": 2, "walk": 2}


# ---- the plugin's compiled templates (templates_env.use_cache_path) ---------
def test_compiled_templates_are_kept_in_the_cache_path_and_used_by_a_new_process(tmp_path):
    """A build in a new process (make html, make check) finds the plugin's
    templates compiled under CACHE_PATH; without a CACHE_PATH nothing is written."""
    from iopguide.continuum import templates_env
    env = templates_env.environment()
    try:
        templates_env.use_cache_path(tmp_path)
        env.cache.clear()                               # as in a new process: nothing compiled in memory
        env.get_template("table.html")
        kept = list((tmp_path / "continuum-templates").iterdir())
        assert kept, "nothing compiled was kept"
        loaded = []
        original = env.bytecode_cache.load_bytecode
        env.bytecode_cache.load_bytecode = lambda bucket: (original(bucket), loaded.append(bucket.code is not None))
        env.cache.clear()
        env.get_template("table.html")
        assert loaded == [True], "the kept compiled template was not used"
        templates_env.use_cache_path(None)
        assert env.bytecode_cache is None
    finally:
        templates_env.use_cache_path(None)
        env.cache.clear()
