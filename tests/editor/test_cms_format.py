"""The browser editor's page format round-trips every page (tests/js/header-format.test.mjs, in Node)."""

import shutil
import subprocess

from checkrun import ROOT


def test_every_page_round_trips_and_one_field_changes_one_line():
    node = shutil.which("node")
    assert node, "node (20+) is needed for the editor's format tests"
    result = subprocess.run([node, "--test", "tests/js/header-format.test.mjs"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    failures = [line for line in result.stdout.splitlines() if line.startswith("not ok")]
    assert result.returncode == 0, "\n".join(failures) or result.stdout[-3000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout
