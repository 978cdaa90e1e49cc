"""`make newpage TITLE=...` starts a page with every field, TODOs where a person
must decide, refuses to overwrite; every TODO is an error of the rule that owns
it until it is done (the page's metadata rules the build applies, the TODO
check `make check` adds), and the filled-in page passes them all. In process:
scripts/newpage.py's main() on a copy of content/, then the rules' owners."""

import importlib.util
import re

from checkrun import page_errors
from planting import ROOT, copy_content

NEW = "content/pages/how-long-does-iop-last.md"


def newpage(project, title, capsys):
    spec = importlib.util.spec_from_file_location("newpage_script", ROOT / "scripts" / "newpage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    status = module.main([title, "--root", str(project), "--today", "2026-11-23"])
    return status, capsys.readouterr().out


def test_newpage_creates_a_complete_page_that_fails_the_check_until_done(tmp_path, capsys):
    project = copy_content(tmp_path / "project")
    status, said = newpage(project, "How long does IOP last?", capsys)
    assert status == 0, said
    path = project / NEW
    assert f"Created {NEW}" in said
    assert "make check" in said and "make serve" in said
    text = path.read_text()
    header = dict(line.split(":", 1) for line in text.split("\n\n")[0].splitlines())
    assert set(header) == {"Title", "Summary", "Reviewed", "Next-review", "Sources", "Order"}
    assert header["Title"].strip() == "How long does IOP last?"
    assert header["Reviewed"].strip() == "2026-11-23" and header["Next-review"].strip() == "2027-11-23"
    for field in ("Summary", "Sources", "Order"):
        assert header[field].strip().startswith("TODO"), field

    messages = " | ".join(m for _, m in page_errors(project, NEW))
    for words in ("Summary: still says TODO", "Sources: still says TODO", "Order: still says TODO",
                  "still has a TODO"):
        assert words in messages, messages

    # Filling in the TODOs makes the page pass.
    done = re.sub(r"^Summary: .*$", "Summary: How long people usually stay in an IOP.", text, flags=re.M)
    done = re.sub(r"^Sources: .*$", "Sources: samhsa-tip47, asam-criteria", done, flags=re.M)
    done = re.sub(r"^Order: .*$", "Order: 99", done, flags=re.M)
    body = "Most people stay in an IOP for a few months. It depends on how you are doing.\n"
    path.write_text(done.split("\n\n")[0] + "\n\n" + body)
    assert page_errors(project, NEW) == []


def test_newpage_never_overwrites(tmp_path, capsys):
    project = copy_content(tmp_path / "project")
    faq = project / "content/pages/faq.md"
    before = faq.read_bytes()
    status, said = newpage(project, "FAQ", capsys)
    assert status == 1
    assert "content/pages/faq.md already exists; nothing was changed" in said
    assert faq.read_bytes() == before


def test_newpage_needs_a_title(tmp_path, capsys):
    project = copy_content(tmp_path / "project")
    status, said = newpage(project, "  ", capsys)
    assert status == 2 and 'make newpage TITLE="' in said
