"""docs/data-reference.md is generated from the continuum schema and cannot drift from it."""

import subprocess
import sys

from checkrun import ROOT


def generated():
    result = subprocess.run([sys.executable, "-m", "iopguide.continuum.reference"], capture_output=True,
                            text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_committed_reference_matches_the_schema():
    committed = (ROOT / "docs" / "data-reference.md").read_text(encoding="utf-8")
    assert committed == generated(), "docs/data-reference.md is out of date: run `make docs`"


def test_reference_lists_every_key_in_the_schema():
    from iopguide.continuum import schema

    text = generated()
    for spec in (schema.LEVEL, schema.QUESTION, schema.ANSWER, schema.OUTCOME, schema.RULE):
        for key, sub in spec["properties"].items():
            assert f"| `{key}` |" in text, key
            if sub.get("description"):
                assert sub["description"].replace("|", "\\|") in text, key
