"""The Nu HTML Checker (vnu, from npm's vnu-jar, pinned in package-lock.json)
reports no errors on any built page, the stylesheet or the SVGs. One JVM
checks everything at once, a planted invalid page included, so the test
also proves the checker really reports errors."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from checks.links import html_files
from sitebuild import ROOT

pytestmark = pytest.mark.slow  # starts a Java virtual machine (the Nu HTML Checker)

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PLANTED = Path(__file__).resolve().parent / "fixtures" / "invalid.html"


@pytest.fixture(scope="module")
def vnu_report(site):
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker (Java 17+)"
    assert VNU_JAR.is_file(), f"{VNU_JAR} missing: run `make node-deps` (npm ci)"
    files = [*html_files(site), *sorted(Path(site).rglob("*.svg")), *sorted(
        p for p in Path(site).rglob("*.css") if "pagefind" not in p.parts), PLANTED]
    # A short-lived JVM: the quick compiler only and the simple collector take
    # about half the CPU time of the defaults here (the same messages).
    result = subprocess.run([java, "-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU_JAR),
                             "--format", "json", "--also-check-css",
                             "--also-check-svg", *map(str, files)], capture_output=True, text=True, timeout=300)
    report = json.loads(result.stderr or result.stdout)
    by_file = {}
    for msg in report["messages"]:
        path = Path(msg.get("url", "").removeprefix("file:"))
        by_file.setdefault(path, []).append(msg)
    return files, by_file, report["messages"]


def describe(msg):
    return f"line {msg.get('lastLine')}: {msg.get('type')}/{msg.get('subType', '')}: {msg['message']}"


def test_every_page_stylesheet_and_svg_is_valid(site, vnu_report):
    files, by_file, _ = vnu_report
    assert len(files) > 3
    errors = [f"{path.relative_to(site)}: {describe(m)}" for path, msgs in by_file.items()
              if path != PLANTED for m in msgs if m["type"] in ("error", "non-document-error")]
    assert not errors, f"{len(errors)} vnu error(s):\n" + "\n".join(errors)


def test_vnu_reports_the_planted_errors(vnu_report):
    _, by_file, messages = vnu_report
    planted = [m["message"] for m in by_file.get(PLANTED, []) if m["type"] == "error"]
    text = "\n".join(planted)
    assert "Duplicate ID" in text, text
    assert "alt" in text, text
    assert "“p” end tag" in text, text
