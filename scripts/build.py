"""Build the site for `make html` and `make publish`: plain messages, nothing lost.

    python scripts/build.py [--publish] [--output output] [--settings FILE]
                            [--no-search-index] [--no-swap] [--json FILE]

The site is built into a new folder next to the output folder; only when the
build (and the search index) succeed does it replace the output folder, so a
failed build leaves the last good site as it was. Mistakes are printed as
plain messages naming the file, the line and what is expected, from the same
checks `make check` runs, and the exit status is 1. Set DEBUG=1 to also see
Python's traceback. --no-swap builds straight into --output (which must not
exist yet), for callers that manage folders themselves (the live preview).
--json FILE also writes the outcome as data, {"ok": true|false, "problems":
[{"file", "line", "message"}]}, so the live preview shows exactly these
problems in the browser without reading the printed text back.
"""

import json

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python scripts/build.py", description=__doc__.split("\n")[0])
    parser.add_argument("--publish", action="store_true", help="use publishconf.py (absolute URLs from SITEURL)")
    parser.add_argument("--settings", help="settings file (default pelicanconf.py, or publishconf.py with --publish)")
    parser.add_argument("--output", default="output", help="output folder (default output)")
    parser.add_argument("--root", default=str(ROOT), help="project folder (default: this one)")
    parser.add_argument("--no-search-index", action="store_true", help="skip the Pagefind index")
    parser.add_argument("--no-swap", action="store_true", help="build straight into --output")
    parser.add_argument("--json", metavar="FILE", help="also write the outcome and its problems to FILE as JSON")
    return parser.parse_args(argv)


def debug():
    return os.environ.get("DEBUG", "") not in ("", "0")


def as_data(findings):
    """Findings as plain data (what --json writes): file None when no file is known."""
    return [{"file": None if f.file.startswith("(") else f.file, "line": f.line, "message": f.message}
            for f in findings]


def problem_lines(problems):
    """Problems (as_data) grouped by file, one 'line N: message' under each file."""
    by_file = {}
    for p in problems:
        by_file.setdefault(p["file"], []).append(p)
    lines = []
    for file, items in by_file.items():
        if file:
            lines.append(file)
        for p in items:
            indent = "  " if file else ""
            lines.append(f"{indent}line {p['line']}: {p['message']}" if p["line"] else f"{indent}{p['message']}")
    return lines


def say_problems(findings, output):
    n = len(findings)
    return "\n".join(problem_lines(as_data(findings)) + [
        "", f"The site was not built: {n} problem{'s' * (n != 1)} to fix (see docs/editing.md). "
            f"{output}/ was left as it was."])


def write_json(path, ok, problems):
    Path(path).write_text(json.dumps({"ok": ok, "problems": problems}, indent=1), encoding="utf-8")


def search_index(folder):
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(folder), "--quiet"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        return f"the search index (Pagefind) could not be built:\n{result.stdout}{result.stderr}".strip()
    return None


def swap_in(new, output):
    """Put the new build where the old one was, in two renames."""
    old = None
    if output.exists() or output.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
        os.rename(output, old / output.name)
    os.rename(new, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def use_checks_of(root):
    """Import checks/ from root (or from this project when root is a copy
    without it), with root's own plugins/ first on sys.path."""
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))
    import checks  # noqa: F401 - it puts its own project's plugins/ first on sys.path
    plugins = str(root / "plugins")  # the built project's plugins/ go before those
    while plugins in sys.path:
        sys.path.remove(plugins)
    sys.path.insert(0, plugins)


def run(args):
    """Return (exit status, findings that stopped the build); print what the editor needs to know."""
    root = Path(args.root).resolve()
    use_checks_of(root)
    os.chdir(root)  # publishconf.py imports pelicanconf.py from the current folder
    from checks.build import build, located
    from checks.project import Project
    from checks.report import ERROR, Finding, from_problem

    settings = root / (args.settings or ("publishconf.py" if args.publish else "pelicanconf.py"))
    output = Path(args.output)
    output = output if output.is_absolute() else root / output
    project = Project(root)
    try:
        from pelican.settings import read_settings
        read_settings(str(settings))  # a bad SITEURL stops here, with its own message
    except SystemExit as exc:
        print(f"{settings.name}: {exc}", file=sys.stderr)
        return 1, [Finding(settings.name, None, ERROR, str(exc), "settings")]
    except Exception as exc:  # noqa: BLE001 - a mistake in the settings file itself
        if debug():
            traceback.print_exc()
        file, line = located(exc, root)
        finding = Finding(file or settings.name, line, ERROR,
                          f"the settings could not be read: {type(exc).__name__}: {exc}", "settings")
        print(say_problems([finding], args.output), file=sys.stderr)
        return 1, [finding]

    findings = [from_problem(p, root, check="scan") for p in project.scan()]
    if findings:
        print(say_problems(findings, args.output), file=sys.stderr)
        return 1, findings
    if args.no_swap:
        target = output
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        target = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    cache = root / "cache"
    try:
        built, findings = build(project, project.pages(), target, settings_file=settings, cache_path=cache)
        if built.error is not None and debug():
            traceback.print_exception(built.error)
        if findings or not built.ok:
            if not findings:
                findings = [from_problem("the site did not build (no message); run again with DEBUG=1", root)]
            print(say_problems(findings, args.output), file=sys.stderr)
            return 1, findings
        if not args.no_search_index:
            problem = search_index(target)
            if problem:
                print(f"{problem}\n{args.output}/ was left as it was.", file=sys.stderr)
                return 1, [Finding("(search index)", None, ERROR, problem, "search")]
        if not args.no_swap:
            swap_in(target, output)
            target = None
    finally:
        if target is not None and not args.no_swap:
            shutil.rmtree(target, ignore_errors=True)
    print(f"Built {len(built.pages)} pages into {args.output}/.")
    return 0, []


def crash_site(exc, root):
    """(file, line) in the project where an unexpected error happened, if known."""
    try:
        from checks.crash import located
        return located(exc, root)
    except Exception:  # noqa: BLE001 - only a nicer message is lost
        return None, None


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        status, findings = run(args)
        problems = as_data(findings)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - an editor sees a sentence, a developer sets DEBUG=1
        if debug():
            traceback.print_exc()
        message = f"The build stopped unexpectedly: {type(exc).__name__}: {exc}"
        file, line = crash_site(exc, args.root)
        problems = [{"file": file, "line": line, "message": message}]
        print("\n".join(problem_lines(problems)) + "\nNothing in the output folder was changed. "
              "Run again with DEBUG=1 to see the details.", file=sys.stderr)
        status = 1
    if args.json:
        write_json(args.json, status == 0, problems)
    return status


if __name__ == "__main__":
    sys.exit(main())
